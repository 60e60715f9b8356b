// The rows' context menu (#context-menu): right-click, Shift+F10 or the menu key on a row. A
// row that is not selected becomes the selection alone; the menu's items act on the selection
// (Rename only with one row, Download only for a file) with the same rules as the bar, which
// the server applied by leaving out what the viewer cannot do. Arrows move through the items;
// Esc, Tab or a click elsewhere close it (focus back on the row).
import { selectedBoxes, setChecked } from "./dom.js";
import { renameInline } from "./rename-inline.js";
import { clip } from "./clipboard.js";

let forRow = null;

const menu = () => document.getElementById("context-menu");
const items = () => Array.from(menu().querySelectorAll("button")).filter((b) => !b.hidden);

function openFor(row, x, y) {
  const m = menu();
  if (!m) { return; }
  const box = row.querySelector("input[name=path]");
  if (box && !box.checked) {
    selectedBoxes().forEach((c) => setChecked(c, false));
    setChecked(box, true);
  }
  forRow = row;
  const one = selectedBoxes().length === 1;
  m.querySelectorAll("[data-files-only]").forEach((b) => { b.hidden = !row.classList.contains("file"); });
  m.querySelectorAll("[data-one-only]").forEach((b) => { b.hidden = !one; });
  m.hidden = false;
  m.style.left = Math.max(0, Math.min(x, window.innerWidth - m.offsetWidth - 4)) + "px";
  m.style.top = Math.max(0, Math.min(y, window.innerHeight - m.offsetHeight - 4)) + "px";
  const first = items()[0];
  if (first) { first.focus(); }
}

function close(backToRow) {
  const m = menu();
  if (!m || m.hidden) { return; }
  m.hidden = true;
  if (backToRow && forRow && forRow.isConnected) { forRow.querySelector("td.name a").focus(); }
}

function run(cmd) {
  const row = forRow;
  close(true);
  if (!row || !row.isConnected) { return; }
  switch (cmd) {
    case "open": case "download": row.querySelector("td.name a").click(); break;
    case "details": row.querySelector("a.details").click(); break;
    case "rename": renameInline(row); break;
    case "cut": case "copy": clip(cmd); break;
    case "delete": {
      const del = document.querySelector("#selection button[name=action][value=delete]");
      if (del) { del.click(); } // asks first (confirm.js), then posts the selection
      break;
    }
    default:
  }
}

document.addEventListener("contextmenu", (e) => {
  const row = e.target.closest ? e.target.closest("#rows tr.row") : null;
  if (!row || e.target.closest("input[type=text]") || !menu()) { return; }
  e.preventDefault();
  if (e.button === 2 || e.clientX || e.clientY) {
    openFor(row, e.clientX, e.clientY);
  } else { // from the keyboard
    const r = row.querySelector("td.name").getBoundingClientRect();
    openFor(row, r.left + 16, r.bottom);
  }
});

document.addEventListener("keydown", (e) => {
  const m = menu();
  if (!m) { return; }
  if (!m.hidden && m.contains(e.target)) {
    const all = items();
    const i = all.indexOf(e.target);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      all[(i + (e.key === "ArrowDown" ? 1 : all.length - 1)) % all.length].focus();
      e.preventDefault();
    } else if (e.key === "Home" || e.key === "End") {
      all[e.key === "Home" ? 0 : all.length - 1].focus();
      e.preventDefault();
    } else if (e.key === "Escape" || e.key === "Tab") {
      close(true);
      e.preventDefault();
      e.stopImmediatePropagation();
    }
    return;
  }
  if (e.key === "ContextMenu" || (e.shiftKey && e.key === "F10")) {
    const row = e.target.closest ? e.target.closest("#rows tr.row") : null;
    if (!row || e.target.closest("input[type=text]")) { return; }
    e.preventDefault();
    const r = row.querySelector("td.name").getBoundingClientRect();
    openFor(row, r.left + 16, r.bottom);
  }
});

document.addEventListener("click", (e) => {
  const m = menu();
  if (!m || m.hidden) { return; }
  const item = e.target.closest ? e.target.closest("#context-menu button") : null;
  if (item) { run(item.dataset.cmd); } else if (!m.contains(e.target)) { close(false); }
});

// a listing refresh replaces the menu with a closed one; scrolling would leave it floating
document.addEventListener("scroll", () => close(false), true);
