// While one of the reader's own posts is being checked, asks for its state and shows the verdict when it
// lands: the page reloads, or someone who may be in danger is taken straight to help. Bounded: after about
// ten minutes it stops asking (the post is then in a moderator's queue) and a reload shows where it is.
(function () {
  "use strict";
  var pending = document.querySelectorAll("[data-pending-url]");
  var triesLeft = 300;
  if (!pending.length) { return; }
  function check(element) {
    return fetch(element.dataset.pendingUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (state) { return state.pending ? null : state; });
  }
  function poll() {
    triesLeft -= 1;
    Promise.all(Array.prototype.map.call(pending, check))
      .then(function (states) {
        var settled = states.filter(Boolean);
        if (settled.length) {
          var crisis = settled.filter(function (state) { return state.crisis; })[0];
          if (crisis) { window.location.assign(crisis.url); } else { window.location.reload(); }
        } else if (triesLeft > 0) {
          window.setTimeout(poll, 2000);
        }
      })
      .catch(function () { if (triesLeft > 0) { window.setTimeout(poll, 5000); } });
  }
  window.setTimeout(poll, 1000);
}());
