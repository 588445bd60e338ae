// Keeps a running job's progress bar current; reloads the page for the result when the job ends.
(function () {
  "use strict";
  var bar = document.getElementById("job-progress");
  var count = document.getElementById("job-count");
  if (!bar) { return; }
  function poll() {
    fetch(bar.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        bar.value = job.progress;
        count.textContent = job.done + " of " + job.total;
        if (job.status === "done" || job.status === "failed") {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 500);
}());
