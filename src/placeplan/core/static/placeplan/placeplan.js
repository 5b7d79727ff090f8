// Starts the Scottish Government Design System's components (mobile menu, tables…)
// and moves focus to a form's error summary so screen readers announce it.
import DS from "../vendor/sgds/scripts/design-system.js";

DS.initAll();

const errorSummary = document.getElementById("error-summary");
if (errorSummary) {
  errorSummary.focus();
}
