// Lookups the behaviours share. The listing's data- attributes carry what the server wrote for
// the scripts: the CSRF token, the folder's path and the URLs they call (no URL is spelled here).

export const listing = () => document.getElementById("listing");

export const shown = (el) => !!el && el.isConnected && el.getClientRects().length > 0;

export const rows = () => Array.from(document.querySelectorAll("#rows tr.row"));

export const rowNamed = (name) => rows().find((r) => r.dataset.name === name);

export const selectedBoxes = () => document.querySelectorAll("#rows input[name=path]:checked");

/** Ticks or unticks a row's box as a click would (the row's highlight follows the change event). */
export function setChecked(box, checked) {
  box.checked = checked;
  box.dispatchEvent(new Event("change", { bubbles: true }));
}

/** The folder on screen, decoded ("/alice/data"; "" at the root). */
export function currentFolder(l = listing()) {
  return decodeURIComponent((l && l.dataset.path) || "");
}

/**
 * A word the server wrote for the scripts into a data- attribute of the element `id` (the
 * catalogue's words: no module spells its own), "%name" filled in from values.name.
 */
export function wordOf(id, key, values) {
  const el = document.getElementById(id);
  const text = (el && el.dataset[key]) || "";
  return text.replace(/%(\w+)/g, (m, k) => (values && k in values ? values[k] : m));
}

/** A node path as URL path segments, each percent-encoded. */
export const encodePath = (p) => p.split("/").map(encodeURIComponent).join("/");

/** Loads the listing again from its own hx-get (sort and filter as the server links them). */
export function refreshListing() {
  const l = listing();
  if (l && window.htmx) {
    window.htmx.ajax("GET", l.getAttribute("hx-get"), { target: "#listing", select: "#listing", swap: "outerHTML" });
  }
}
