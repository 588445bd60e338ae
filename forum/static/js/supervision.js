/* The supervision page hears a new check-in request meant for this supervisor, and points to it. */
(function () {
  if (typeof io === "undefined") return;
  var box = document.getElementById("check-in-alert");
  var socket = io("/moderate", { transports: ["websocket"] });
  socket.on("connect", function () { box.dataset.live = "on"; });  // the server has put this page in its room
  socket.on("check_in_requested", function (request) {
    box.hidden = false;
    document.getElementById("check-in-alert-link").href = "/supervision/requests/" + request.id;
  });
})();
