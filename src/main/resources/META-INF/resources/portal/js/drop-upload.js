// Files dropped on a writable listing ([data-writable=true]) go up into the folder on screen,
// or into the folder whose row they were dropped on.
import { currentFolder, listing } from "./dom.js";
import { uploadAll } from "./uploads.js";

const carriesFiles = (e) => !!e.dataTransfer && Array.from(e.dataTransfer.types).indexOf("Files") >= 0;
const writable = (l) => !!l && l.dataset.writable === "true";

document.addEventListener("dragover", (e) => {
  const l = listing();
  if (!writable(l) || !carriesFiles(e)) { return; }
  e.preventDefault();
  l.classList.add("dropping");
});

document.addEventListener("dragleave", (e) => {
  const l = listing();
  if (l && e.target === l) { l.classList.remove("dropping"); }
});

document.addEventListener("drop", (e) => {
  const l = listing();
  if (!writable(l) || !e.dataTransfer || !e.dataTransfer.files.length) { return; }
  e.preventDefault();
  l.classList.remove("dropping");
  const row = e.target.closest && e.target.closest("tr.folder");
  const base = currentFolder(l);
  uploadAll(Array.from(e.dataTransfer.files), row ? base + "/" + row.dataset.name : base);
});
