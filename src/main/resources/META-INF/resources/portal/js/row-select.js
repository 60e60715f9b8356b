// Selecting with the mouse: a click on a row's empty area toggles it (links, buttons and fields
// keep their own click), Ctrl/Cmd-click does too (it adds to the selection), Shift-click ticks
// every row from the last one clicked to this one (on the row or on its box).
import { rows, setChecked } from "./dom.js";

let anchor = null;

function tickRange(from, to) {
  const all = rows();
  const a = all.indexOf(from);
  const b = all.indexOf(to);
  if (a < 0 || b < 0) { return false; }
  for (let i = Math.min(a, b); i <= Math.max(a, b); i++) {
    const c = all[i].querySelector("input[name=path]");
    if (c && !c.checked) { setChecked(c, true); }
  }
  return true;
}

// no text selection when Shift extends a range
document.addEventListener("mousedown", (e) => {
  if (e.shiftKey && e.target.closest && e.target.closest("#rows tr.row") && !e.target.closest("input, textarea")) {
    e.preventDefault();
  }
});

document.addEventListener("click", (e) => {
  const row = e.target.closest ? e.target.closest("#rows tr.row") : null;
  if (!row || e.button !== 0) { return; }
  const box = row.querySelector("input[name=path]");
  if (!box) { return; }
  if (e.target === box) {
    if (e.shiftKey && anchor && anchor.isConnected && anchor !== row) { tickRange(anchor, row); }
    anchor = row;
    return;
  }
  if (e.target.closest("a, button, input, textarea, select, summary, label, .menu, .menu-body")) { return; }
  if (e.shiftKey && anchor && anchor.isConnected && anchor !== row) {
    tickRange(anchor, row);
  } else {
    setChecked(box, !box.checked);
  }
  anchor = row;
});
