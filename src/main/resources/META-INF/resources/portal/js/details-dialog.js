// The details dialog (#details) opens once htmx put a node's details into it, with the focus on
// its title and its message announced. An error of something done in any open dialog is shown
// in that dialog's flash: the page's flash is behind it.
import { announce } from "./announce.js";
import { focusTitle, openDialog } from "./dialogs.js";

document.addEventListener("htmx:beforeSwap", (e) => {
  const from = e.detail.requestConfig && e.detail.requestConfig.elt;
  const dialog = from && from.closest ? from.closest("dialog[open]") : null;
  if (e.detail.isError && dialog && dialog.querySelector(".flash")) {
    e.detail.target = dialog.querySelector(".flash");
  }
});

document.addEventListener("htmx:afterSwap", (e) => {
  if (e.target.id === "listing" || !e.detail.target || e.detail.target.id !== "details-body") { return; }
  const d = document.getElementById("details");
  if (d.open) { focusTitle(d); } else { openDialog(d, e.detail.requestConfig && e.detail.requestConfig.elt); }
  const message = d.querySelector(".info .flash");
  announce(message && message.textContent.trim());
});
