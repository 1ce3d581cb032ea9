// The admin's export page: django-import-export's "Select all" box calls its handler from
// an inline attribute, which the Content-Security-Policy refuses; bind it from here.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    if (typeof window.onSelectToggleChange !== "function") { return; }
    document.querySelectorAll("input.select-toggle").forEach(function (box) {
      box.addEventListener("change", window.onSelectToggleChange);
    });
  });
})();
