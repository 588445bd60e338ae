/* The break page's timer: minutes left, then a gentle note that the break is over. Without JavaScript the
   page shows when the break ends instead. */
(function () {
  "use strict";
  var ends = document.getElementById("break-ends");
  var left = document.getElementById("break-left");
  if (!ends || !left) return;
  var until = new Date(ends.getAttribute("datetime")).getTime();
  function show() {
    var minutes = Math.ceil((until - Date.now()) / 60000);
    left.textContent = minutes > 0 ? minutes + (minutes === 1 ? " minute" : " minutes") + " left" :
      "your break is over; come back when you're ready";
    if (minutes <= 0) window.clearInterval(timer);
  }
  var timer = window.setInterval(show, 15000);
  show();
})();
