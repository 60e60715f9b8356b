// The folder picker (#picker): a lazily loaded tree (#pick-folder's data-root is the first
// level's URL, each ▸ carries its own hx-get); an open folder's ▸ closes it again; choosing a
// folder fills the destination field (#dest).
import { openDialog } from "./dialogs.js";

document.addEventListener("htmx:beforeRequest", (e) => {
  const b = e.detail.elt;
  if (b.classList && b.classList.contains("expand") && b.getAttribute("aria-expanded") === "true") {
    e.preventDefault();
    b.setAttribute("aria-expanded", "false");
    b.parentElement.querySelector(".children").replaceChildren();
  }
});

document.addEventListener("htmx:afterSwap", (e) => {
  const elt = e.detail.requestConfig && e.detail.requestConfig.elt;
  if (e.target.id !== "listing" && elt && elt.classList && elt.classList.contains("expand")) {
    elt.setAttribute("aria-expanded", "true");
  }
});

document.addEventListener("click", (e) => {
  const t = e.target.closest ? e.target.closest("button") : null;
  if (!t) { return; }
  const picker = document.getElementById("picker");
  if (t.id === "pick-folder") {
    document.getElementById("picker-root").dataset.path = t.dataset.rootPath;
    if (window.htmx) { window.htmx.ajax("GET", t.dataset.root, { target: "#picker-tree", swap: "innerHTML" }); }
    openDialog(picker, t);
  } else if (t.classList.contains("choose") && t.closest("#picker")) {
    const dest = document.getElementById("dest");
    if (dest && t.dataset.path) { dest.value = t.dataset.path; }
    if (dest) { picker.returnFocus = dest; }
    picker.close();
  }
});
