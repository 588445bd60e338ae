/* Moderator pages: keyboard shortcuts, blur-until-chosen, and the live queue over Socket.IO.
   Everything here is an enhancement; the pages work fully without JavaScript.

   A crisis must reach a moderator who left the queue open in another tab, so an alert uses every
   channel the moderator switched on: a chime (browsers only let a page play sound after a click or a
   key press on it, so "Turn on sound alerts" is that gesture, and the choice is remembered), a desktop
   notification (asked for only when the moderator chooses), and the tab title flashing until they
   come back. The page always says which of these are on. */
(function () {
  "use strict";

  var SOUND_KEY = "harbour.soundAlerts";
  var NOTIFY_KEY = "harbour.desktopAlerts";
  var PRIORITY_RANK = { crisis: 2, worry: 1, routine: 0 };

  // Shortcuts stay out of the way while the moderator writes, but not after they tick a box.
  function typing(target) {
    var text = 'input:not([type="checkbox"]):not([type="radio"]):not([type="submit"]):not([type="button"])';
    return target.closest(text + ", textarea, select, [contenteditable]") !== null;
  }

  var reveal = document.getElementById("reveal-post");
  var recorded = false;
  function showRevealed() {
    // For browsers without :has(), the same unblurring the stylesheet does with it.
    document.getElementById("main").classList.toggle("post-revealed", reveal.checked);
    if (reveal.checked && !recorded) recordReveal();
  }

  // Choosing to look is what counts as exposure: tell Harbour once per page, and offer a break when it says so.
  function recordReveal() {
    recorded = true;
    fetch(reveal.dataset.revealUrl, {
      method: "POST", credentials: "same-origin",
      headers: { "X-CSRFToken": reveal.dataset.csrf, "Accept": "application/json" }
    }).then(function (response) { return response.ok ? response.json() : null; }).then(function (answer) {
      if (answer && answer.suggest_break) document.getElementById("break-prompt").hidden = false;
    }, function () { recorded = false; });
  }
  if (reveal) {
    reveal.addEventListener("change", showRevealed);
    if (reveal.checked) showRevealed();
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (event.key === "v" && reveal) {
      reveal.checked = !reveal.checked;
      showRevealed();
      return;
    }
    var button = document.querySelector('[data-shortcut="' + event.key + '"]');
    if (button) { event.preventDefault(); button.click(); }
  });

  var counts = document.getElementById("queue-counts");
  if (!counts || typeof io === "undefined") return;

  var live = document.getElementById("queue-live");
  var alertBox = document.getElementById("crisis-alert");
  var table = document.getElementById("queue-table");
  var empty = document.getElementById("queue-empty");
  var settings = document.getElementById("alert-settings");
  var soundButton = document.getElementById("sound-toggle");
  var soundState = document.getElementById("sound-state");
  var notifyButton = document.getElementById("notify-toggle");
  var notifyState = document.getElementById("notify-state");
  settings.hidden = false;

  function stored(key) {
    try { return window.localStorage.getItem(key) === "on"; } catch (error) { return false; }
  }

  function store(key, on) {
    try { window.localStorage.setItem(key, on ? "on" : "off"); } catch (error) { /* private mode: this page only */ }
  }

  /* Sound. */
  var audio = null;

  function unlockSound() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return Promise.resolve(false);
    if (!audio) audio = new Context();
    return audio.resume().then(function () { return audio.state === "running"; }, function () { return false; });
  }

  function soundRunning() {
    return audio !== null && audio.state === "running";
  }

  function showSound() {
    var wanted = stored(SOUND_KEY);
    var state = !wanted ? "off" : soundRunning() ? "on" : "waiting";
    settings.dataset.sound = state;
    soundButton.textContent = wanted ? "Turn off sound alerts" : "Turn on sound alerts";
    soundButton.setAttribute("aria-pressed", wanted ? "true" : "false");
    soundState.textContent = {
      off: "Sound alerts: off",
      on: "Sound alerts: on",
      waiting: "Sound alerts: on once you click or press a key on this page (your browser asks for that first)"
    }[state];
  }

  function tones(delays, volume) {
    delays.forEach(function (delay) {
      var tone = audio.createOscillator();
      var gain = audio.createGain();
      tone.frequency.value = 660;
      gain.gain.value = volume;
      tone.connect(gain).connect(audio.destination);
      tone.start(audio.currentTime + delay);
      tone.stop(audio.currentTime + delay + 0.25);
    });
  }

  function chime() {
    if (!stored(SOUND_KEY) || !soundRunning()) return;
    tones([0, 0.35], 0.2);
    settings.dataset.chimes = String(parseInt(settings.dataset.chimes, 10) + 1);
  }

  soundButton.addEventListener("click", function () {
    var turningOn = !stored(SOUND_KEY);
    store(SOUND_KEY, turningOn);
    if (!turningOn) { showSound(); return; }
    unlockSound().then(function (running) {
      if (running) tones([0], 0.05);  // a soft tick: this is what an alert will sound like
      showSound();
    });
  });

  function unlockOnGesture() {
    if (stored(SOUND_KEY) && !soundRunning()) unlockSound().then(showSound);
  }
  document.addEventListener("pointerdown", unlockOnGesture);
  document.addEventListener("keydown", unlockOnGesture);
  if (stored(SOUND_KEY)) {
    unlockSound().then(showSound);  // a browser that trusts this site may allow it straight away
  }
  showSound();

  /* Desktop notifications. */
  var canNotify = "Notification" in window;

  function showNotify() {
    if (!canNotify) {
      notifyButton.hidden = true;
      notifyState.textContent = "Desktop notifications: not available in this browser";
      return;
    }
    var wanted = stored(NOTIFY_KEY);
    var permission = window.Notification.permission;
    notifyButton.hidden = permission === "denied";
    notifyButton.textContent = wanted && permission === "granted" ? "Turn off desktop notifications" : "Turn on desktop notifications";
    notifyButton.setAttribute("aria-pressed", wanted && permission === "granted" ? "true" : "false");
    if (permission === "denied") {
      notifyState.textContent = "Desktop notifications: blocked in your browser's settings for this site";
    } else {
      notifyState.textContent = wanted && permission === "granted" ? "Desktop notifications: on" : "Desktop notifications: off";
    }
  }

  notifyButton.addEventListener("click", function () {
    if (stored(NOTIFY_KEY) && window.Notification.permission === "granted") {
      store(NOTIFY_KEY, false);
      showNotify();
      return;
    }
    store(NOTIFY_KEY, true);
    Promise.resolve(window.Notification.requestPermission()).then(showNotify);
  });

  function notify(alert) {
    if (!canNotify || !stored(NOTIFY_KEY) || window.Notification.permission !== "granted") return;
    // Never the post's words: only that a crisis post waits, and where to open it.
    var notice = new window.Notification("Crisis post waiting on Harbour", {
      body: "Someone may be in danger. Open the queue item now.",
      tag: "harbour-crisis-" + alert.item_id,
      requireInteraction: true
    });
    notice.onclick = function () {
      window.focus();
      window.location.href = "/moderate/items/" + alert.item_id;
    };
  }
  showNotify();

  /* The tab title. */
  var title = document.title;
  var flashing = null;

  function flashTitle() {
    if (flashing !== null) return;
    var bright = true;
    document.title = "(!) Crisis post waiting · " + title;
    flashing = window.setInterval(function () {
      bright = !bright;
      document.title = bright ? "(!) Crisis post waiting · " + title : title;
    }, 1000);
  }

  function stopFlashing() {
    if (flashing === null || document.hidden) return;
    window.clearInterval(flashing);
    flashing = null;
    document.title = title;
  }
  document.addEventListener("pointerdown", stopFlashing);
  document.addEventListener("keydown", stopFlashing);

  /* The queue table, kept in the server's order: most urgent first, oldest first within a priority. */
  var socket = io("/moderate", { transports: ["websocket"] });  // one connection, one worker: no sticky sessions
  var liveRows = counts.dataset.liveRows === "on";
  var admin = counts.dataset.admin === "yes";
  // What the queue leaves to others on duty for this moderator (opted-out categories, a hard limit).
  var leaveOut = (counts.dataset.leaveOut || "").split(" ").filter(Boolean);
  var crisisLeft = counts.dataset.crisisLeft === "yes";
  function leftToOthers(item) {
    if (crisisLeft && item.priority === "crisis") return true;
    return leaveOut.some(function (category) { return item.categories && category in item.categories; });
  }
  var when = new Intl.DateTimeFormat("en-GB", {
    day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: "UTC"
  });

  function bump(priority, by) {
    var cell = counts.querySelector('[data-count="' + priority + '"]');
    if (cell) cell.textContent = Math.max(0, parseInt(cell.textContent, 10) + by);
  }

  function row(item) {
    return table.querySelector('tr[data-item-id="' + item.id + '"]');
  }

  function cell(tr, text) {
    var td = document.createElement("td");
    td.textContent = text;
    tr.appendChild(td);
    return td;
  }

  function buildRow(item) {
    var tr = document.createElement("tr");
    tr.className = "queue-item priority-" + item.priority;
    tr.dataset.itemId = item.id;
    tr.dataset.priority = item.priority;
    cell(tr, item.priority);
    var link = document.createElement("a");
    link.href = "/moderate/items/" + item.id;
    link.textContent = item.reason_label || "Review";
    cell(tr, "").appendChild(link);
    cell(tr, item.board);
    var time = document.createElement("time");
    time.dateTime = item.created_at;
    time.textContent = when.format(new Date(item.created_at)).replace(",", "").replace(/ (\d\d:\d\d)$/, ", $1");
    cell(tr, "").appendChild(time);
    cell(tr, item.claimed_by || "—").setAttribute("data-claimed-by", "");
    return tr;
  }

  function insertInOrder(tr, priority) {
    var body = table.tBodies[0];
    var after = null;
    Array.prototype.forEach.call(body.rows, function (other) {
      if (PRIORITY_RANK[other.dataset.priority] >= PRIORITY_RANK[priority]) after = other;
    });
    body.insertBefore(tr, after ? after.nextSibling : body.firstChild);
    table.hidden = false;
    empty.hidden = true;
  }

  socket.on("item_new", function (item) {
    if (leftToOthers(item)) return;
    var found = row(item);
    if (found && found.dataset.priority !== item.priority) {
      bump(found.dataset.priority, -1);
      bump(item.priority, 1);
      found.remove();
      insertInOrder(buildRow(item), item.priority);
    } else if (found) {
      found.querySelector("a").textContent = item.reason_label || "Review";
    } else {
      bump(item.priority, 1);
      if (liveRows) insertInOrder(buildRow(item), item.priority);
    }
    live.textContent = "New " + item.priority + " item: " + item.reason_label +
      (liveRows ? "." : ". It may not match this filter or page.");
  });

  socket.on("crisis", function (alert) {
    alertBox.hidden = false;
    document.getElementById("crisis-alert-link").href = "/moderate/items/" + alert.item_id;
    chime();
    notify(alert);
    flashTitle();
  });

  // A response target is close: which item or thread, never its words.
  var TARGET_WORDS = {
    crisis: "A crisis item is close to its response target.",
    held: "A held post is close to its response target.",
    first_reply: "A new member's first thread is still waiting for a reply."
  };
  socket.on("target_warning", function (alert) {
    document.getElementById("target-alert").hidden = false;
    document.getElementById("target-alert-text").textContent = TARGET_WORDS[alert.target] || "Someone is waiting.";
    document.getElementById("target-alert-link").href = alert.url;
  });

  // Sent to the supervisor on call alone (admins acting as one see it here too).
  socket.on("check_in_requested", function (request) {
    var box = document.getElementById("check-in-alert");
    if (!box) return;
    box.hidden = false;
    document.getElementById("check-in-alert-link").href = "/supervision/requests/" + request.id;
  });

  socket.on("item_claimed", function (item) {
    var found = row(item);
    if (found) found.querySelector("[data-claimed-by]").textContent = item.claimed_by || "—";
  });

  socket.on("item_decided", function (item) {
    var found = row(item);
    var gone = item.status === "resolved" || (item.status === "escalated" && !admin);
    if (found && gone) {
      found.remove();
      bump(item.priority, -1);
      if (!table.tBodies[0].rows.length) { table.hidden = true; empty.hidden = false; }
    }
    live.textContent = "Item " + item.id + " was decided.";
  });
})();
