// The contextual action bar (#action-bar, in the selection form above the rows; sticky). Without
// script it is a plain form region, always there; here it shows only while something is
// selected, with the count and total size. When the header box ticked every loaded row and the
// folder has more, it offers "Select all N in this folder": the selection is then the whole
// folder (the form posts all= and the filter q; the server lists it). Move to… and Copy to… ask
// the folder picker; Rename renames the one selected row in place. Rows' highlight follows here.
import { rows, selectedBoxes, setChecked } from "./dom.js";
import { pickFolder } from "./folder-picker.js";
import { renameInline } from "./rename-inline.js";
import { announce } from "./announce.js";

let wholeFolder = false;
let headerTicked = false; // the header box ticks rows loaded later too, until a row is unticked

const bar = () => document.getElementById("action-bar");
const boxes = () => Array.from(document.querySelectorAll("#rows input[name=path]"));

/** Binary units with one decimal, as the listing's size column (Row.humanSize). */
export function humanSize(bytes) {
  if (bytes < 1024) { return bytes + " B"; }
  const units = ["KB", "MB", "GB", "TB", "PB"];
  let v = bytes;
  let i = -1;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return v.toFixed(1) + " " + units[i];
}

/** The selection means the whole folder, not only the ticked rows. */
export const wholeFolderSelected = () => wholeFolder;

function hideWithoutJsParts(root) {
  if (root.querySelectorAll) { root.querySelectorAll("[data-without-js]").forEach((el) => { el.hidden = true; }); }
}

export function updateBar() {
  const b = bar();
  if (!b) { return; }
  const all = boxes();
  const ticked = all.filter((c) => c.checked);
  if (ticked.length < all.length) { wholeFolder = false; headerTicked = false; } // a row was unticked
  rows().forEach((r) => {
    const c = r.querySelector("input[name=path]");
    r.classList.toggle("selected", !!c && c.checked);
  });
  b.hidden = ticked.length === 0;
  // the table's sticky header stays visible below the sticky bar
  document.documentElement.style.setProperty("--action-bar-height", b.hidden ? "0px" : b.offsetHeight + "px");
  const size = ticked.reduce((sum, c) => sum + Number(c.closest("tr").dataset.size || 0), 0);
  b.querySelector("[data-count]").textContent = String(ticked.length);
  b.querySelector("[data-size]").textContent = humanSize(size);
  b.querySelector("[data-count-line]").hidden = wholeFolder;
  b.querySelector("[data-all-line]").hidden = !wholeFolder;
  const more = !!document.querySelector("#rows tr.more");
  b.querySelector("[data-select-folder]").hidden = wholeFolder || !more || ticked.length === 0 || ticked.length < all.length;
  b.querySelectorAll("input[name=all], input[name=q]").forEach((i) => { i.disabled = !wholeFolder; });
  // the portal words a delete's question for the ticked rows; the whole folder gets the plain one
  const del = b.querySelector("button[value=delete]");
  if (del) {
    if (del.dataset.askUrl === undefined) { del.dataset.askUrl = del.dataset.ask || ""; }
    if (wholeFolder) { delete del.dataset.ask; } else if (del.dataset.askUrl) { del.dataset.ask = del.dataset.askUrl; }
  }
  const rename = b.querySelector("[data-rename-selected]");
  if (rename) { rename.disabled = wholeFolder || ticked.length !== 1; }
  const head = document.getElementById("select-all");
  if (head) {
    head.checked = all.length > 0 && ticked.length === all.length;
    head.indeterminate = ticked.length > 0 && ticked.length < all.length;
  }
}

document.addEventListener("change", (e) => {
  if (e.target.id === "select-all") { headerTicked = e.target.checked; }
  if (e.target.name === "path" || e.target.id === "select-all") { updateBar(); }
});

document.addEventListener("click", (e) => {
  const t = e.target.closest ? e.target.closest("#action-bar button") : null;
  if (!t) { return; }
  if (t.hasAttribute("data-select-folder")) {
    wholeFolder = true;
    updateBar();
    const line = bar().querySelector("[data-all-line]");
    announce(line.textContent.trim());
  } else if (t.hasAttribute("data-clear-selection")) {
    wholeFolder = false;
    headerTicked = false;
    boxes().forEach((c) => { if (c.checked) { setChecked(c, false); } });
    updateBar();
  } else if (t.hasAttribute("data-pick")) {
    e.preventDefault();
    pickFolder(t).then((path) => {
      if (!path) { return; }
      t.form.querySelector("input[name=dest]").value = path;
      t.form.requestSubmit(t);
    });
  } else if (t.hasAttribute("data-rename-selected")) {
    e.preventDefault();
    const one = selectedBoxes();
    if (one.length === 1) { renameInline(one[0].closest("tr")); }
  }
});

// rows loaded later join a whole-folder selection; a refreshed listing starts with none
document.addEventListener("htmx:beforeSwap", (e) => {
  if (e.detail.target && e.detail.target.id === "listing") { wholeFolder = false; headerTicked = false; }
});

document.addEventListener("htmx:afterSettle", () => {
  if (wholeFolder || headerTicked) { boxes().forEach((c) => { c.checked = true; }); }
  updateBar();
});

document.addEventListener("htmx:afterSwap", (e) => hideWithoutJsParts(e.target));

window.addEventListener("resize", updateBar);

hideWithoutJsParts(document);
updateBar();
