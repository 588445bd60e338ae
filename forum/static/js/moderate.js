/* Moderator pages: keyboard shortcuts, and live queue updates over Socket.IO.
   Everything here is an enhancement; the pages work fully without JavaScript. */
(function () {
  "use strict";

  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable]") !== null;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (event.key === "v") {
      var reveal = document.getElementById("reveal-post");
      if (reveal) { reveal.checked = !reveal.checked; }
      return;
    }
    var button = document.querySelector('[data-shortcut="' + event.key + '"]');
    if (button) { event.preventDefault(); button.click(); }
  });

  var counts = document.getElementById("queue-counts");
  if (!counts || typeof io === "undefined") return;

  var live = document.getElementById("queue-live");
  var alertBox = document.getElementById("crisis-alert");
  var socket = io("/moderate", { transports: ["websocket"] });  // one connection, one worker: no sticky sessions

  function bump(priority, by) {
    var cell = counts.querySelector('[data-count="' + priority + '"]');
    if (cell) cell.textContent = Math.max(0, parseInt(cell.textContent, 10) + by);
  }

  function row(item) {
    return document.querySelector('tr[data-item-id="' + item.id + '"]');
  }

  function chime() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    var context = new Context();
    [0, 0.35].forEach(function (delay) {
      var tone = context.createOscillator();
      var gain = context.createGain();
      tone.frequency.value = 660;
      gain.gain.value = 0.2;
      tone.connect(gain).connect(context.destination);
      tone.start(context.currentTime + delay);
      tone.stop(context.currentTime + delay + 0.25);
    });
  }

  socket.on("item_new", function (item) {
    if (!row(item)) bump(item.priority, 1);
    live.textContent = "New " + item.priority + " item: " + item.reason + ". Reload to see it in order.";
    if (item.crisis) {
      alertBox.hidden = false;
      document.getElementById("crisis-alert-link").href = "/moderate/items/" + item.id;
      chime();
    }
  });

  socket.on("item_claimed", function (item) {
    var found = row(item);
    if (found) found.querySelector("[data-claimed-by]").textContent = item.claimed_by || "—";
  });

  socket.on("item_decided", function (item) {
    var found = row(item);
    if (found && item.status === "resolved") {
      found.remove();
      bump(item.priority, -1);
    }
    live.textContent = "Item " + item.id + " was decided.";
  });
})();
