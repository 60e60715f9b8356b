// Rows dragged onto a folder row are moved there (the selection when the dragged row is part of
// it, else that row alone), with the selection form's move action (the listing's data-selection).
// The folder row under the pointer is marked as the drop target (.drop-target) meanwhile.
import { listing, refreshListing, selectedBoxes, wordOf } from "./dom.js";

const ROWS_TYPE = "application/x-vospace-paths";
let dragged = []; // the paths of the drag in progress: their own rows are no drop target
const carriesRows = (e) => !!e.dataTransfer && Array.from(e.dataTransfer.types).indexOf(ROWS_TYPE) >= 0;

document.addEventListener("dragstart", (e) => {
  const row = e.target.closest && e.target.closest("tr.row");
  if (!row || !e.dataTransfer) { return; }
  const box = row.querySelector("input[name=path]");
  let paths = Array.from(selectedBoxes(), (c) => c.value);
  if (paths.indexOf(box.value) < 0) { paths = [box.value]; }
  dragged = paths;
  e.dataTransfer.setData(ROWS_TYPE, JSON.stringify(paths));
  e.dataTransfer.effectAllowed = "move";
});


function mark(row) {
  document.querySelectorAll("#rows tr.drop-target").forEach((r) => { if (r !== row) { r.classList.remove("drop-target"); } });
  if (row) { row.classList.add("drop-target"); }
}

document.addEventListener("dragover", (e) => {
  const row = e.target.closest && e.target.closest("tr.folder");
  const own = row && dragged.indexOf(row.querySelector("input[name=path]").value) >= 0;
  if (row && carriesRows(e) && !own) {
    e.preventDefault();
    mark(row);
  } else {
    mark(null);
  }
});

document.addEventListener("dragleave", (e) => {
  const row = e.target.closest && e.target.closest("tr.drop-target");
  if (row && !(e.relatedTarget && row.contains(e.relatedTarget))) { row.classList.remove("drop-target"); }
});

document.addEventListener("dragend", () => { dragged = []; mark(null); });

function moveRows(paths, dest) {
  const l = listing();
  let body = "csrf=" + encodeURIComponent(l.dataset.csrf) + "&action=move&dest=" + encodeURIComponent(dest);
  paths.forEach((p) => { body += "&path=" + encodeURIComponent(p); });
  const xhr = new XMLHttpRequest();
  xhr.open("POST", l.dataset.selection);
  xhr.setRequestHeader("Content-Type", "application/x-www-form-urlencoded");
  xhr.setRequestHeader("HX-Request", "true");
  xhr.onload = () => {
    const flash = document.getElementById("flash");
    if (xhr.status >= 400) {
      const p = document.createElement("p");
      p.className = "error";
      p.textContent = (new DOMParser().parseFromString(xhr.responseText, "text/html").body.textContent || wordOf("listing", "moveFailed")).trim();
      flash.replaceChildren(p);
    } else {
      refreshListing();
    }
  };
  xhr.send(body);
}

document.addEventListener("drop", (e) => {
  const folderRow = e.target.closest && e.target.closest("tr.folder");
  if (!folderRow || !carriesRows(e)) { return; }
  e.preventDefault();
  mark(null);
  dragged = [];
  const paths = JSON.parse(e.dataTransfer.getData(ROWS_TYPE));
  const dest = folderRow.querySelector("input[name=path]").value;
  if (paths.indexOf(dest) < 0) { moveRows(paths, dest); }
});
