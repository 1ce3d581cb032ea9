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

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[data-kind-switch]").forEach(function (select) {
      toggleKindSections(select);
      select.addEventListener("change", function () { toggleKindSections(select); });
    });
  });
})();
