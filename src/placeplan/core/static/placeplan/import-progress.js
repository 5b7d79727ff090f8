// Follows a saving import: asks the server every second how many rows are saved and
// updates the progress bar and its text (read out politely by screen readers).
const box = document.querySelector(".pp-progress[data-open='true']");
if (box) {
  const bar = box.querySelector("progress");
  const text = box.querySelector("#import-progress-text");
  const status = document.getElementById("batch-status");
  const poll = async () => {
    let data;
    try {
      const response = await fetch(box.dataset.progressUrl, { credentials: "same-origin" });
      if (!response.ok) throw new Error(`status ${response.status}`);
      data = await response.json();
    } catch {
      setTimeout(poll, 3000); // the server did not answer: keep asking, more slowly
      return;
    }
    bar.value = data.rows_done;
    bar.textContent = `${data.rows_done} of ${data.row_count}`;
    text.textContent = `${data.rows_done} of ${data.row_count} rows saved. ${data.status_label}.` +
      (data.message ? ` ${data.message}` : "");
    if (status) status.textContent = data.status_label;
    if (data.status === "queued" || data.status === "running") setTimeout(poll, 1000);
    else if (data.status === "done") {
      // Show the finished page's links (the outcomes dashboard) below the bar.
      const link = document.getElementById("import-done-link");
      if (link) link.hidden = false;
    }
  };
  setTimeout(poll, 1000);
}
