// One submission per click: a second click while the first is on its way does nothing.
document.addEventListener("submit", function (event) {
  const form = event.target;
  if (form.dataset.submitted === "true") {
    event.preventDefault();
    return;
  }
  form.dataset.submitted = "true";
  window.setTimeout(function () {
    form.querySelectorAll("button[type=submit]").forEach(function (button) { button.disabled = true; });
  }, 0);
});
// Forms put back by htmx (errors, conflicts) may be submitted again.
document.addEventListener("htmx:afterSwap", function () {
  document.querySelectorAll("form[data-submitted]").forEach(function (form) { delete form.dataset.submitted; });
});
// Parts of a page that need this script (e.g. "select all") show only when it runs.
document.documentElement.classList.add("js");
// Escape cancels an inline edit: the row's own Cancel button puts the row back.
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape" || event.defaultPrevented) return;
  const row = event.target.closest && event.target.closest("tr.editing");
  if (!row) return;
  const cancel = row.querySelector("[data-cancel-edit]");
  if (cancel) {
    event.preventDefault();
    cancel.click();
  }
});
// "Select all" ticks (or clears) every box of the same name on the page.
document.addEventListener("change", function (event) {
  const all = event.target.closest && event.target.closest("[data-select-all]");
  if (!all) return;
  document.querySelectorAll('[data-select="' + all.dataset.selectAll + '"]').forEach(function (box) {
    box.checked = all.checked;
  });
});
