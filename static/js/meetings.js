// A meeting's Print button prints the record (static/css/meetings.css lays it out).
document.addEventListener("click", function (event) {
  const button = event.target.closest && event.target.closest("[data-print]");
  if (button) window.print();
});
