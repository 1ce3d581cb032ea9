// A button marked data-copy-target="id" copies the text of that field (a readonly
// textarea) to the clipboard and says so; without JavaScript the text can be selected.
(function () {
  "use strict";

  function copied(button) {
    var label = button.textContent;
    button.textContent = button.getAttribute("data-copied-label") || label;
    window.setTimeout(function () { button.textContent = label; }, 2000);
  }

  function copy(button) {
    var field = document.getElementById(button.getAttribute("data-copy-target"));
    if (!field) { return; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () { copied(button); });
      return;
    }
    field.select();
    if (document.execCommand("copy")) { copied(button); }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (button) {
      event.preventDefault();
      copy(button);
    }
  });
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    button.hidden = false;
  });
})();
