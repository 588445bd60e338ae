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

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  // The same contact links as the help pages: tap-to-call, tap-to-text, chat and website.
  function contactLinks(service) {
    var list = document.createElement("ul");
    list.className = "contact-links";
    function add(href, text) {
      if (!href) return;
      var item = document.createElement("li");
      item.appendChild(link(href, text));
      list.appendChild(item);
    }
    add(service.phone_href, "Call " + service.phone);
    add(service.text_href, "Text " + (service.text_keyword ? service.text_keyword + " to " : "") + service.text_number);
    add(service.chat_url, "Chat online");
    add(service.website, "Website");
    return list;
  }

  // A crisis draft gets help first: who to reach now, the member's own safety plan, more help.
  function showHelp(form, box, help) {
    var list = document.createElement("ul");
    list.className = "signpost-list";
    help.resources.forEach(function (service) {
      var item = document.createElement("li");
      var name = document.createElement("span");
      name.className = "signpost-name";
      name.textContent = service.name;
      item.appendChild(name);
      item.appendChild(contactLinks(service));
      list.appendChild(item);
    });
    box.appendChild(list);
    var plan = say(box, "");
    if (help.has_safety_plan) {
      plan.appendChild(link(form.dataset.planUrl, "Open your safety plan"));
    } else {
      plan.appendChild(link(form.dataset.planNewUrl, "Write a safety plan"));
      plan.appendChild(document.createTextNode(", a few notes to yourself for a harder moment"));
    }
    plan.appendChild(document.createTextNode(" · "));
    plan.appendChild(link(form.dataset.helpUrl, "More ways to get help now"));
  }

  function show(form, box, guidance) {
    box.textContent = "";
    box.hidden = false;
    box.classList.toggle("guidance-crisis", guidance.crisis);
    if (!guidance.clear) {
      say(box, guidance.explanation);
      if (guidance.help) showHelp(form, box, guidance.help);
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
    }
    var closing = say(box, guidance.closing);
    if (!guidance.clear) closing.className = "hint";
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
