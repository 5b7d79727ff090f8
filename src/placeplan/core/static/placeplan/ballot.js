// A participatory budgeting ballot: as projects are ticked, updates the running total
// (an aria-live="polite" region, read out by screen readers) and marks, in words, the
// projects that no longer fit in what is left of the budget. The form works without it:
// the server checks the ballot and shows the same total.
const form = document.getElementById("ballot");
if (form) {
  const budget = Number(form.dataset.budget);
  const knapsack = form.dataset.kind === "knapsack";
  const most = Number(form.dataset.max) || 0;
  const boxes = [...form.querySelectorAll("input[name='projects']")];
  const text = form.querySelector("[data-total-text]");
  const pounds = (n) => `£${n.toLocaleString("en-GB")}`;
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const update = () => {
    const chosen = boxes.filter((box) => box.checked);
    const total = chosen.reduce((sum, box) => sum + Number(box.dataset.cost), 0);
    const left = budget - total;
    if (knapsack) {
      text.textContent =
        `You have chosen ${plural(chosen.length, "project")} costing ${pounds(total)}. ` +
        (left < 0
          ? `That is ${pounds(-left)} over the ${pounds(budget)} budget.`
          : `${pounds(left)} of the ${pounds(budget)} budget is left.`);
      for (const box of boxes) {
        const note = box.closest("[data-project]").querySelector("[data-no-fit]");
        if (note) note.hidden = box.checked || Number(box.dataset.cost) <= left;
      }
    } else {
      text.textContent = `You have chosen ${chosen.length} of up to ${plural(most, "project")}.` +
        `${most && chosen.length > most ? " That is too many: untick some." : ""}`;
    }
  };
  for (const box of boxes) box.addEventListener("change", update);
}
