/*
 * Small progressive enhancements for the server-rendered pages (route pages, dashboard).
 * Everything works without this file; it only shows the "Afdrukken" button.
 */
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-print]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () { window.print(); });
  }
})();
