// Ties the highlighted text to the form: a click on a mention brings its row into view;
// a row under the pointer or in focus lights its mentions in the text.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const text = document.getElementById("notice-text");
  if (!text) return;

  text.addEventListener("click", (event) => {
    const mark = event.target.closest("mark[data-ref]");
    const row = mark && document.getElementById("row-" + mark.dataset.ref);
    if (!row) return;
    row.scrollIntoView({ block: "center", behavior: "smooth" });
    row.classList.add("flash");
    setTimeout(() => row.classList.remove("flash"), 1200);
    const input = row.querySelector("input[type=text], select");
    if (input) input.focus({ preventScroll: true });
  });

  const light = (ref, on, reveal) => {
    const marks = text.querySelectorAll(`mark[data-ref="${CSS.escape(ref)}"]`);
    marks.forEach((mark) => mark.classList.toggle("lit", on));
    if (on && reveal && marks.length) marks[0].scrollIntoView({ block: "nearest" });
  };
  document.querySelectorAll("tr[data-ref]").forEach((row) => {
    row.addEventListener("mouseenter", () => light(row.dataset.ref, true, false));
    row.addEventListener("mouseleave", () => light(row.dataset.ref, row.contains(document.activeElement), false));
    row.addEventListener("focusin", () => light(row.dataset.ref, true, true));
    row.addEventListener("focusout", () => light(row.dataset.ref, false, false));
  });
});
