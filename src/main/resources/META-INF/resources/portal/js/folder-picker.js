// The folder picker (#picker): a lazily loaded tree (the dialog's data-root is the first level's
// URL, each ▸ carries its own hx-get); an open folder's ▸ closes it again. pickFolder opens it
// and resolves with the folder chosen (null when it was closed without one): the action bar's
// Move to… and Copy to… ask it for their destination.
import { openDialog } from "./dialogs.js";

let pending = null;

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

export function pickFolder(opener) {
  const picker = document.getElementById("picker");
  document.getElementById("picker-root").dataset.path = picker.dataset.rootPath;
  if (window.htmx) { window.htmx.ajax("GET", picker.dataset.root, { target: "#picker-tree", swap: "innerHTML" }); }
  return new Promise((resolve) => {
    pending = null;
    picker.addEventListener("close", () => resolve(pending), { once: true });
    openDialog(picker, opener);
  });
}

document.addEventListener("click", (e) => {
  const t = e.target.closest ? e.target.closest("button.choose") : null;
  if (!t || !t.closest("#picker")) { return; }
  pending = t.dataset.path || null;
  document.getElementById("picker").close();
});
