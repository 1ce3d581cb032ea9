// Progressive enhancements of the portal's forms; every form also works without them.
(function () {
  "use strict";

  // Fieldsets marked data-show-for="learner staff" are shown only for those kinds of
  // participant; hidden ones keep their values, so nothing typed is lost.
  function toggleKindSections(select) {
    var form = select.form;
    form.querySelectorAll("[data-show-for]").forEach(function (section) {
      var kinds = section.getAttribute("data-show-for").split(" ");
      section.hidden = select.value !== "" && kinds.indexOf(select.value) === -1;
    });
  }

  // After a form, many pages lead back to the section it was in (#uploads): the message
  // about it goes there too, under the section's heading, instead of the top of the page
  // where nobody looks.
  function messagesToAnchor() {
    var box = document.querySelector("[data-follow-anchor]");
    if (!box || window.location.hash.length < 2) { return; }
    var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (!target || target.contains(box)) { return; }
    var heading = target.querySelector("h1, h2, h3, h4");
    if (heading && heading.parentNode) {
      heading.parentNode.insertBefore(box, heading.nextSibling);
    } else {
      target.insertBefore(box, target.firstChild);
    }
    target.scrollIntoView({block: "start"});
  }

  // A table wider than the screen scrolls sideways in its box: keyboard users reach the
  // hidden columns only if the box can take the focus.
  function scrollablesFocusable() {
    document.querySelectorAll(".table-responsive, .selection-record .table").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1 && !box.hasAttribute("tabindex")) {
        box.tabIndex = 0;
      }
    });
  }

  window.addEventListener("resize", scrollablesFocusable);

  document.addEventListener("DOMContentLoaded", function () {
    messagesToAnchor();
    scrollablesFocusable();
    document.querySelectorAll("select[data-kind-switch]").forEach(function (select) {
      toggleKindSections(select);
      select.addEventListener("change", function () { toggleKindSections(select); });
    });
    // The language switcher submits its form when a language is chosen; without
    // JavaScript its button does.
    document.querySelectorAll("select[data-submit-on-change]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();
