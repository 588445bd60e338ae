// While one of the reader's own posts is being checked, shows its verdict the moment it lands: the page
// reloads, or someone who may be in danger is taken straight to help. The verdict comes over Socket.IO
// (the /members namespace, the reader's own room). Asking for the post's state is the fallback: every 2 s
// while the socket is down, and every 15 s while it is up, since a verdict stored by a process the socket
// does not hear from is only found that way. The socket is let go after a minute (a web thread holds each
// open one, and a post still waiting by then waits for workers to catch up), and asking carries on.
// Bounded: after 300 asks it stops, and a reload shows where the post is (by then in a moderator's queue).
(function () {
  "use strict";
  var pending = Array.prototype.slice.call(document.querySelectorAll("[data-pending-url]"));
  if (!pending.length) { return; }
  var asksLeft = 300, timer = null, settled = false, socket = null, SOCKET_FOR_MS = 60000;

  function settle(crisisUrl) {
    if (settled) { return; }
    settled = true;
    window.clearTimeout(timer);
    if (crisisUrl) { window.location.assign(crisisUrl); } else { window.location.reload(); }
  }
  function ask(element) {
    return fetch(element.dataset.pendingUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (state) { return state.pending ? null : state; });
  }
  function schedule(ms) {
    window.clearTimeout(timer);
    if (!settled && asksLeft > 0) { timer = window.setTimeout(poll, ms); }
  }
  function socketUp() { return socket !== null && socket.connected; }
  function poll() {
    asksLeft -= 1;
    Promise.all(pending.map(ask))
      .then(function (states) {
        var landed = states.filter(Boolean);
        if (landed.length) {
          var crisis = landed.filter(function (state) { return state.crisis; })[0];
          settle(crisis ? crisis.url : null);
        } else {
          schedule(socketUp() ? 15000 : 2000);
        }
      })
      .catch(function () { schedule(5000); });
  }

  if (typeof window.io === "function") {
    socket = window.io("/members", { transports: ["websocket"] });  // one connection, one worker: no sticky sessions
    socket.on("connect", poll);  // the verdict may have landed before the socket was up
    socket.on("disconnect", function () { schedule(2000); });
    socket.on("verdict", function (verdict) {
      var element = pending.filter(function (el) { return Number(el.dataset.postId) === verdict.post_id; })[0];
      if (element) { settle(verdict.crisis ? element.dataset.crisisUrl : null); }
    });
    window.setTimeout(function () { socket.disconnect(); }, SOCKET_FOR_MS);
  }
  schedule(1000);
}());
