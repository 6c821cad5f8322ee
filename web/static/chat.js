// Minimal chat page: talks to the web service, which forwards to Rasa's REST channel.
// All text is inserted with textContent, never as HTML.
(function () {
  "use strict";
  var log = document.getElementById("ww-log");
  var form = document.getElementById("ww-form");
  var input = document.getElementById("ww-input");
  var KEY = "wegwijzer-sender";

  function sender() {
    var id = sessionStorage.getItem(KEY);
    if (!id) {
      id = (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2) + Date.now()).replace(/[^A-Za-z0-9]/g, "");
      sessionStorage.setItem(KEY, id);
    }
    return id;
  }

  function add(text, who) {
    var div = document.createElement("div");
    div.className = "ww-msg ww-" + who;
    div.textContent = text;
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
    return div;
  }

  function addButtons(buttons) {
    var wrap = document.createElement("div");
    wrap.className = "ww-buttons";
    buttons.forEach(function (b) {
      var btn = document.createElement("button");
      btn.type = "button";
      btn.textContent = b.title;
      btn.addEventListener("click", function () { send(b.payload, b.title); });
      wrap.appendChild(btn);
    });
    log.appendChild(wrap);
  }

  function send(message, shown) {
    add(shown || message, "user");
    fetch("/api/bericht", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: sender(), message: message })
    }).then(function (r) { return r.json(); }).then(function (replies) {
      (replies || []).forEach(function (m) {
        if (m.text) add(m.text, "bot");
        if (m.buttons && m.buttons.length) addButtons(m.buttons);
      });
    }).catch(function () {
      add("Het lukt nu even niet om je bericht te versturen. Probeer het zo opnieuw.", "bot");
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text);
  });
})();
