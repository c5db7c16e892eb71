// The report page while its PDF is made: ask the server how far it got every second, move the
// progress bar, and reload the page when the file is ready or the render failed.
(function () {
  "use strict";
  var box = document.getElementById("render-status");
  if (!box) return;
  var status = box.dataset.status;
  if (status !== "queued" && status !== "running") return;
  var bar = box.querySelector("progress");
  var label = box.querySelector(".status-label");
  var percent = box.querySelector(".status-progress");
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (!data.busy) { window.location.reload(); return; }
        if (bar) bar.value = data.progress;
        if (percent) percent.textContent = data.progress;
        if (label) label.textContent = data.label;
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
})();
