// Cut, copy and paste of rows (Ctrl/Cmd+X, C, V; the bar's and the context menu's Cut and Copy;
// the toolbar's Paste). The clipboard (paths and mode) lives in sessionStorage, so it survives
// going to another folder of the same service; Paste shows while it holds something and the
// folder is writable, and posts the selection form's move or copy with dest = this folder (the
// server's answers and refusals are the usual pages). A cut is used up by its paste.
import { currentFolder, listing, selectedBoxes } from "./dom.js";
import { announce } from "./announce.js";

const KEY = "vospace-portal-clipboard";

function stored() {
  const l = listing();
  let c = null;
  try { c = JSON.parse(window.sessionStorage.getItem(KEY)); } catch (e) { c = null; }
  // paths name nodes of one service: its selection URL says which
  return c && l && c.at === l.dataset.selection && Array.isArray(c.paths) && c.paths.length ? c : null;
}

export function showPaste() {
  const l = listing();
  const c = stored();
  document.querySelectorAll("[data-paste]").forEach((b) => {
    b.hidden = !c || !l || l.dataset.writable !== "true";
    const info = b.querySelector("[data-clip-info]");
    if (info && c) { info.textContent = "(" + c.paths.length + " " + (c.mode === "cut" ? l.dataset.clipCut : l.dataset.clipCopied) + ")"; }
  });
}

/** Puts the selected rows on the clipboard ("cut" or "copy"). */
export function clip(mode) {
  const l = listing();
  const paths = Array.from(selectedBoxes(), (c) => c.value);
  if (!l || !paths.length || (mode === "cut" && l.dataset.writable !== "true")) { return; }
  window.sessionStorage.setItem(KEY, JSON.stringify({ at: l.dataset.selection, mode, paths }));
  showPaste();
  announce(paths.length + " " + (mode === "cut" ? l.dataset.clipCut : l.dataset.clipCopied));
}

export function paste() {
  const l = listing();
  const c = stored();
  if (!c || !l || l.dataset.writable !== "true") { return; }
  const here = currentFolder(l) || "/";
  const form = document.createElement("form");
  form.method = "post";
  form.action = l.dataset.selection;
  form.hidden = true;
  const field = (name, value) => {
    const i = document.createElement("input");
    i.type = "hidden";
    i.name = name;
    i.value = value;
    form.append(i);
  };
  field("csrf", l.dataset.csrf);
  field("action", c.mode === "cut" ? "move" : "copy");
  field("dest", here);
  field("back", here);
  c.paths.forEach((p) => field("path", p));
  if (c.mode === "cut") { window.sessionStorage.removeItem(KEY); }
  document.body.append(form);
  form.submit();
}

document.addEventListener("click", (e) => {
  const t = e.target.closest ? e.target.closest("button[data-clip], button[data-paste]") : null;
  if (!t) { return; }
  if (t.hasAttribute("data-paste")) { paste(); } else { clip(t.dataset.clip); }
});

document.addEventListener("keydown", (e) => {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) { return; }
  const t = e.target;
  const tag = (t.tagName || "").toLowerCase();
  if (tag === "input" || tag === "textarea" || tag === "select" || (t.closest && t.closest("dialog"))
      || document.querySelector("dialog[open]") || !listing()) { return; }
  const key = (e.key || "").toLowerCase();
  if (key === "c" && String(window.getSelection ? window.getSelection() : "")) { return; } // copying text
  if ((key === "x" || key === "c") && selectedBoxes().length) {
    clip(key === "x" ? "cut" : "copy");
    e.preventDefault();
  } else if (key === "v" && stored()) {
    paste();
    e.preventDefault();
  }
});

document.addEventListener("htmx:afterSwap", (e) => { if (e.target.id === "listing") { showPaste(); } });
showPaste();
