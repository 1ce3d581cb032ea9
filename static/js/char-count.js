// Counts the characters of each textarea with a data-limit as it is typed, in the
// counter the page renders after it (data-counter-for="<the textarea's id>"), with the
// numbers written as the page's language writes them.
(function () {
  "use strict";
  const format = new Intl.NumberFormat(document.documentElement.lang || undefined);

  function update(textarea) {
    const counter = document.querySelector(`[data-counter-for="${textarea.id}"]`);
    if (!counter) return;
    const used = textarea.value.length;
    const limit = Number(textarea.dataset.limit);
    counter.querySelector("[data-count]").textContent = format.format(used);
    counter.classList.toggle("text-danger", used > limit);
  }

  document.addEventListener("input", (event) => {
    const target = event.target;
    if (target instanceof HTMLTextAreaElement && target.dataset.limit) update(target);
  });
})();
