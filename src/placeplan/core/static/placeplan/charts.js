// Draws every Vega-Lite chart on the page from the JSON specification beside it.
// The data are also in a table on the page, so nothing depends on this script.
// The Content-Security-Policy allows no eval and no inline styles. With `ast: true` Vega
// parses expressions to a syntax tree and vega-embed evaluates them with Vega's CSP-safe
// interpreter (the npm package vega-interpreter, built into vega-embed.min.js) instead of
// compiling them with `new Function`; and neither vega-embed nor its tooltip inserts a
// <style> element (their few rules are in placeplan.css).
(function () {
  "use strict";
  document.querySelectorAll("[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source || typeof window.vegaEmbed !== "function") {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var options = {
      actions: false,
      renderer: "svg",
      ast: true,
      defaultStyle: false,
      tooltip: { disableDefaultStyle: true },
    };
    window.vegaEmbed(canvas, spec, options).then(function () {
      canvas.setAttribute("data-chart-ready", "true");
    }).catch(function (error) {
      canvas.textContent = "The chart could not be drawn; the table below has the same figures.";
      canvas.setAttribute("data-chart-error", String(error));
    });
  });
})();
