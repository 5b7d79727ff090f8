// Follows a saving import: asks the server every second how many rows are saved and
// updates the progress bar and its text (read out politely by screen readers).
const box = document.querySelector(".pp-progress[data-open='true']");
if (box) {
  const bar = box.querySelector("progress");
  const text = box.querySelector("#import-progress-text");
  const status = document.getElementById("batch-status");
  const poll = async () => {
    const response = await fetch(box.dataset.progressUrl, { credentials: "same-origin" });
    if (!response.ok) return;
    const data = await response.json();
    bar.value = data.rows_done;
    bar.textContent = `${data.rows_done} of ${data.row_count}`;
    text.textContent = `${data.rows_done} of ${data.row_count} rows saved. ${data.status_label}.` +
      (data.message ? ` ${data.message}` : "");
    if (status) status.textContent = data.status_label;
    if (data.status === "queued" || data.status === "running") setTimeout(poll, 1000);
  };
  setTimeout(poll, 1000);
}
