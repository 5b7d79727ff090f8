// Draws every Vega-Lite chart on the page from the JSON specification beside it.
// The data are also in a table on the page, so nothing depends on this script.
(function () {
  "use strict";
  document.querySelectorAll("[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source || typeof window.vegaEmbed !== "function") {
      return;
    }
    var spec = JSON.parse(source.textContent);
    window.vegaEmbed(canvas, spec, { actions: false, renderer: "svg" }).then(function () {
      canvas.setAttribute("data-chart-ready", "true");
    }).catch(function (error) {
      canvas.textContent = "The chart could not be drawn; the table below has the same figures.";
      canvas.setAttribute("data-chart-error", String(error));
    });
  });
})();
