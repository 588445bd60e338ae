/* The queue page's duty heartbeat: while a moderator on duty is actually using the page (keys, pointer,
   scrolling), tell Harbour once a minute, so their shift does not lapse; an idle open tab lets it lapse.
   Without JavaScript, each page load counts as activity instead. */
(function () {
  "use strict";
  var panel = document.querySelector("form.duty-panel[data-heartbeat-url]");
  if (!panel || panel.dataset.onDuty !== "true") return;
  var token = panel.querySelector('input[name="csrf_token"]').value;
  var active = false;
  ["keydown", "pointerdown", "pointermove", "scroll"].forEach(function (name) {
    window.addEventListener(name, function () { active = true; }, { passive: true });
  });
  window.setInterval(function () {
    if (!active) return;
    active = false;
    fetch(panel.dataset.heartbeatUrl, { method: "POST", headers: { "X-CSRFToken": token }, credentials: "same-origin" });
  }, 60000);
})();
