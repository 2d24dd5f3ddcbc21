// A form sent back with mistakes starts with an error summary (the GOV.UK pattern).
// Move the focus to it, so it is seen on a small screen and read out by a screen
// reader; a link in it takes the person to the field, with its label in view.
// Only an extra: without JavaScript the summary is still the first thing in the page.
(function () {
  "use strict";

  function focusNewSummary() {
    var summary = document.querySelector("[data-error-summary]:not([data-focused])");
    if (!summary) return;
    summary.setAttribute("data-focused", "");
    summary.focus();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) return;
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    var details = field.closest("details");
    if (details) details.open = true;
    var fieldset = field.closest("fieldset");
    var label = (fieldset && fieldset.querySelector("legend")) ||
      document.querySelector("label[for='" + field.id + "']") || field;
    event.preventDefault();
    label.scrollIntoView();
    field.focus({ preventScroll: true });
  });

  // A form swapped in by htmx may bring its own summary.
  document.addEventListener("htmx:afterSettle", focusNewSummary);
  focusNewSummary();
})();
