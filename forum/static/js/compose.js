/* Compose forms: a gentle, live check of the draft while the author writes.
   It asks /compose/check (the same preview as POST /api/v1/screen, never stored) a moment after
   typing stops, and shows the same guidance as the "Check my post" button, which works without
   JavaScript. Nothing here stops the author posting. */
(function () {
  "use strict";

  var WAIT_MS = 800;
  var MIN_LENGTH = 20;

  function say(box, text) {
    var p = document.createElement("p");
    p.textContent = text;
    box.appendChild(p);
    return p;
  }

  function tickNotes(form, notes) {
    notes.forEach(function (note) {
      var box = form.querySelector('input[name="content_notes"][value="' + note.category + '"]');
      if (box) box.checked = true;
    });
  }

  function ticked(form) {
    return Array.prototype.map.call(
      form.querySelectorAll('input[name="content_notes"]:checked'), function (box) { return box.value; });
  }

  function show(form, box, guidance) {
    box.textContent = "";
    box.hidden = false;
    if (guidance.clear) { say(box, "Your post looks fine to go up."); return; }
    say(box, guidance.explanation);
    if (guidance.crisis) {
      var link = document.createElement("a");
      link.href = "/help";
      link.textContent = "Get help now";
      say(box, "").appendChild(link);
    }
    if (guidance.suggested_notes.length) {
      var labels = guidance.suggested_notes.map(function (note) { return note.label; }).join(", ");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button-small";
      button.textContent = "Add a content note: " + labels;
      button.addEventListener("click", function () {
        tickNotes(form, guidance.suggested_notes);
        button.remove();
        say(box, "Content note added.");
      });
      say(box, "").appendChild(button);
    }
    say(box, "You can still post as it is; a moderator may check it first.").className = "hint";
  }

  function watch(form) {
    var body = form.querySelector("textarea[name='body']");
    var box = form.querySelector(".guidance");
    var token = form.querySelector("input[name='csrf_token']");
    if (!body || !box) return;
    var timer = null;
    var asked = "";

    function check() {
      var text = body.value.trim();
      if (text.length < MIN_LENGTH || text === asked) return;
      asked = text;
      fetch(form.dataset.checkUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": token ? token.value : "" },
        body: JSON.stringify({ text: text, board: form.dataset.board, content_notes: ticked(form) })
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (guidance) {
        if (guidance) show(form, box, guidance);
      }).catch(function () { /* the check is a courtesy; posting still works */ });
    }

    body.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(check, WAIT_MS);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-check-url]"), watch);
})();
