// Dialogs: focus moves in when one opens (to its [autofocus] control, else its title) and back
// to what opened it when it closes (Esc closes every one: native <dialog>).
import { rowNamed, shown } from "./dom.js";

export function openDialog(d, opener) {
  d.returnFocus = opener || document.activeElement;
  const row = d.returnFocus && d.returnFocus.closest ? d.returnFocus.closest("tr.row") : null;
  d.returnRow = row ? row.dataset.name : null;
  if (!d.open) { d.showModal(); }
  focusTitle(d);
}

export function focusTitle(d) {
  const first = d.querySelector("[autofocus]") || d.querySelector("h1, h2");
  if (!first) { return; }
  if (!first.hasAttribute("autofocus") && !first.hasAttribute("tabindex")) { first.tabIndex = -1; }
  first.focus();
}

/**
 * Where focus goes back to: the element itself, the button of the menu it sits in once that menu
 * is closed, the same row after a refresh, or the current folder's breadcrumb.
 */
export function returnPoint(el, rowName) {
  if (el && el.isConnected && !shown(el) && el.closest(".menu")) { el = el.closest(".menu").querySelector(".menu-toggle"); }
  if (shown(el)) { return el; }
  const row = rowName && rowNamed(rowName);
  return (row && row.querySelector("td.name a")) || document.querySelector("#listing .crumbs [aria-current]");
}

document.addEventListener("close", (e) => {
  const d = e.target;
  if (d.tagName !== "DIALOG") { return; }
  const back = returnPoint(d.returnFocus, d.returnRow);
  d.returnFocus = null;
  if (back) { back.focus(); }
}, true); // close does not bubble

/** Opens a dialog whose form has method=dialog; resolves with the value of the button that closed it ("" for Esc). */
export function choice(d, opener) {
  d.returnValue = "";
  return new Promise((resolve) => {
    d.addEventListener("close", () => resolve(d.returnValue), { once: true });
    openDialog(d, opener);
  });
}
