// Ties the highlighted text to the form. A click on a mention brings its row into view; a row
// under the pointer or in focus lights its mentions. Selecting text offers to add it as an item
// (the server resolves it the way the extractor would, POST /resolve); adding, removing or
// changing a row redraws the highlights from the form (POST /review/marks). No text of its own:
// every word shown comes from the page.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("record-form");
  const bar = document.getElementById("add-bar");
  const pane = document.querySelector(".text-pane");
  const text = () => document.getElementById("notice-text");
  if (!form || !text()) return;

  // ---------------------------------------------------------------- mentions and rows
  document.addEventListener("click", (event) => {
    const mark = event.target.closest && event.target.closest("#notice-text mark[data-ref]");
    if (!mark || !window.getSelection().isCollapsed) return;
    const row = document.getElementById("row-" + mark.dataset.ref);
    if (!row) return;
    row.scrollIntoView({ block: "center", behavior: "smooth" });
    row.classList.add("flash");
    setTimeout(() => row.classList.remove("flash"), 1200);
    const input = row.querySelector("input[type=text], select");
    if (input) input.focus({ preventScroll: true });
  });

  const light = (ref, on, reveal) => {
    const marks = text().querySelectorAll(`mark[data-ref="${CSS.escape(ref)}"]`);
    marks.forEach((mark) => mark.classList.toggle("lit", on));
    if (on && reveal && marks.length) marks[0].scrollIntoView({ block: "nearest" });
  };
  const rowOf = (event) => event.target.closest && event.target.closest("tr[data-ref]");
  form.addEventListener("mouseover", (e) => { const r = rowOf(e); if (r) light(r.dataset.ref, true, false); });
  form.addEventListener("mouseout", (e) => {
    const r = rowOf(e);
    if (r && !r.contains(e.relatedTarget)) light(r.dataset.ref, r.contains(document.activeElement), false);
  });
  form.addEventListener("focusin", (e) => { const r = rowOf(e); if (r) light(r.dataset.ref, true, true); });
  form.addEventListener("focusout", (e) => { const r = rowOf(e); if (r) light(r.dataset.ref, false, false); });

  // ---------------------------------------------------------------- redraw the highlights
  let pending = null;
  const redraw = async () => {
    const response = await fetch("/review/marks", { method: "POST", body: new FormData(form) });
    if (!response.ok) return;
    const data = await response.json();
    const holder = document.createElement("template");
    holder.innerHTML = data.html;
    const fresh = holder.content.querySelector("#notice-text");
    if (fresh) text().replaceChildren(...fresh.childNodes);
    document.querySelectorAll("#legend .count[data-kind]").forEach((el) => {
      el.textContent = data.counts[el.dataset.kind] ?? 0;
    });
    const count = document.getElementById("letter-count");
    if (count && data.summary !== undefined) count.textContent = data.summary.trim();
    const review = document.getElementById("letter-review");
    if (review && data.review !== undefined) {
      const wasOpen = review.querySelector("details[open]") !== null;
      holder.innerHTML = data.review;
      const list = holder.content.querySelector("#letter-review");
      if (list) {
        review.replaceChildren(...list.childNodes);
        const details = review.querySelector("details");
        if (details) details.toggleAttribute("open", wasOpen);
      }
    }
    document.dispatchEvent(new CustomEvent("notices:redrawn"));
  };
  const soon = () => { clearTimeout(pending); pending = setTimeout(redraw, 250); };
  document.getElementById("actions")?.addEventListener("change", soon);
  form.addEventListener("change", (event) => {
    const row = rowOf(event);
    if (row && event.target.name && event.target.name.endsWith("-remove")) {
      row.classList.toggle("removed", event.target.checked);
    }
    soon();
  });

  // ---------------------------------------------------------------- add what was selected
  if (!bar || !pane) return;
  let chosen = null; // {start, end} in the notice text

  const offsetIn = (root, node, offset) => {
    const range = document.createRange();
    range.setStart(root, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  };
  const hideBar = () => { bar.hidden = true; chosen = null; bar.querySelector(".add-status").textContent = ""; };
  const showBar = () => {
    const selection = window.getSelection();
    const root = text();
    if (selection.isCollapsed || selection.rangeCount === 0) return hideBar();
    const range = selection.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return hideBar();
    const start = offsetIn(root, range.startContainer, range.startOffset);
    const end = offsetIn(root, range.endContainer, range.endOffset);
    if (end <= start || !range.toString().trim()) return hideBar();
    chosen = { start, end };
    // Fixed to the window, below the selection (above it when there is no room), never clipped.
    const box = range.getBoundingClientRect();
    bar.hidden = false;
    bar.querySelector(".add-status").textContent = "";
    const width = bar.offsetWidth, height = bar.offsetHeight;
    const left = Math.max(4, Math.min(box.left, window.innerWidth - width - 4));
    const below = box.bottom + 6;
    const top = below + height <= window.innerHeight - 4 ? below : Math.max(4, box.top - height - 6);
    bar.style.left = `${left}px`;
    bar.style.top = `${top}px`;
  };
  document.addEventListener("selectionchange", () => {
    if (!bar.contains(document.activeElement)) setTimeout(showBar, 0);
  });
  text().parentElement.addEventListener("scroll", hideBar, true);
  window.addEventListener("scroll", () => { if (!bar.hidden) showBar(); }, { passive: true });

  bar.addEventListener("mousedown", (event) => event.preventDefault()); // keep the selection
  bar.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-kind]");
    if (!button || !chosen) return;
    const status = bar.querySelector(".add-status");
    status.textContent = bar.dataset.adding;
    const body = new FormData(form);
    body.set("add_kind", button.dataset.kind);
    body.set("add_start", chosen.start);
    body.set("add_end", chosen.end);
    let data;
    try {
      const response = await fetch("/resolve", { method: "POST", body });
      data = await response.json();
    } catch (error) {
      data = { error: String(error) };
    }
    if (data.error !== undefined || !data.html) {
      status.textContent = bar.dataset.failed.replace("{error}", data.error || "");
      return;
    }
    const table = document.querySelector(`fieldset[data-kind="${CSS.escape(data.kind)}"]`);
    const holder = document.createElement("template");
    holder.innerHTML = data.html.trim();
    const row = holder.content.firstElementChild;
    table.querySelector("tbody").insertBefore(row, table.querySelector("tr.new"));
    const count = table.querySelector("legend .count");
    if (count) count.textContent = table.querySelectorAll("tbody tr:not(.new)").length;
    window.getSelection().removeAllRanges();
    hideBar();
    await redraw();
    row.classList.add("flash", "added");
    setTimeout(() => row.classList.remove("flash"), 1500);
    row.scrollIntoView({ block: "nearest" });
  });

  // On a narrow screen the letters' panel is a bar: its review list starts folded.
  if (window.matchMedia("(max-width: 1000px)").matches) {
    document.querySelectorAll(".actions-pane details[open]").forEach((d) => d.removeAttribute("open"));
  }
});
