/* The supervision page hears a new check-in request meant for this supervisor, and points to it. */
(function () {
  if (typeof io === "undefined") return;
  var socket = io("/moderate", { transports: ["websocket"] });
  socket.on("check_in_requested", function (request) {
    var box = document.getElementById("check-in-alert");
    box.hidden = false;
    document.getElementById("check-in-alert-link").href = "/supervision/requests/" + request.id;
  });
})();
