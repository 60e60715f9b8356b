// After htmx replaced the listing: its message is announced; a finished job's report, which
// triggered the refresh that would wipe it, is carried over; focus lost with the old listing
// goes to the same row (else the toolbar's menu button, else the folder).
import { rowNamed, shown } from "./dom.js";
import { announce } from "./announce.js";
import { returnPoint } from "./dialogs.js";

let carried = null;
let lostFocus = null;

document.addEventListener("htmx:beforeSwap", (e) => {
  if (!e.detail.target || e.detail.target.id !== "listing") { return; }
  const flash = document.getElementById("flash");
  carried = flash && flash.querySelector(".job.done") ? Array.from(flash.childNodes) : null;
  const active = document.activeElement;
  if (e.detail.target.contains(active)) {
    const row = active.closest("tr.row");
    lostFocus = { row: row && row.dataset.name };
  } else {
    lostFocus = null;
  }
});

document.addEventListener("htmx:afterSwap", (e) => {
  if (e.target.id !== "listing") { return; }
  const flash = document.getElementById("flash");
  if (carried && !flash.textContent.trim()) { flash.append(...carried); }
  carried = null;
  announce(flash.textContent.trim());
  if (lostFocus && (!document.activeElement || document.activeElement === document.body)) {
    const toggle = document.querySelector(".toolbar-menu > .menu-toggle");
    const row = lostFocus.row && rowNamed(lostFocus.row);
    const back = row ? row.querySelector("td.name a") : shown(toggle) ? toggle : returnPoint(null);
    if (back) { back.focus(); }
  }
  lostFocus = null;
});
