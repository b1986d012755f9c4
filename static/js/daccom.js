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
