// Keyboard: arrows move between rows, Space selects, Enter opens, Delete deletes, F2 renames,
// Backspace goes up, Ctrl+A selects all, Esc clears, ? shows the shortcuts (#shortcuts). Keys
// typed in a field, a menu's panel, a dialog or the transfers panel are left to them, Space on
// a button too. Delete clicks the selection form's own Delete button, so it asks first.
import { rows, selectedBoxes, setChecked } from "./dom.js";
import { openDialog } from "./dialogs.js";
import { renameInline } from "./rename-inline.js";

function focusRow(i) {
  const all = rows();
  if (!all.length) { return; }
  const link = all[Math.max(0, Math.min(all.length - 1, i))].querySelector("td.name a");
  if (link) { link.focus(); }
}

function submitAction(action) {
  const form = document.getElementById("selection");
  const b = form && form.querySelector("button[value=" + action + "]");
  if (b) { b.click(); }
}

document.addEventListener("keydown", (e) => {
  const t = e.target;
  const tag = (t.tagName || "").toLowerCase();
  if (tag === "input" || tag === "textarea" || tag === "select" || e.altKey || e.metaKey
      || (t.closest && t.closest("dialog, .menu-body, #transfers")) || document.querySelector("dialog[open]")) { return; }
  const row = t.closest ? t.closest("#rows tr.row") : null;
  switch (e.key) {
    case "ArrowDown": focusRow(row ? rows().indexOf(row) + 1 : 0); e.preventDefault(); break;
    case "ArrowUp": focusRow(row ? rows().indexOf(row) - 1 : 0); e.preventDefault(); break;
    case " ":
      if (row && tag !== "button") {
        const c = row.querySelector("input[name=path]");
        setChecked(c, !c.checked);
        e.preventDefault();
      }
      break;
    case "Delete": if (selectedBoxes().length) { submitAction("delete"); e.preventDefault(); } break;
    case "F2": {
      const selected = selectedBoxes();
      const target = row || (selected.length === 1 ? selected[0].closest("tr") : null);
      if (target) { renameInline(target); e.preventDefault(); }
      break;
    }
    case "Backspace": {
      const crumbs = document.querySelectorAll("#listing .crumbs a");
      if (crumbs.length > 1) { window.location.href = crumbs[crumbs.length - 2].href; e.preventDefault(); }
      break;
    }
    case "Escape":
      selectedBoxes().forEach((c) => setChecked(c, false));
      break;
    case "a":
      if (e.ctrlKey) {
        document.querySelectorAll("#rows input[name=path]").forEach((c) => setChecked(c, true));
        e.preventDefault();
      }
      break;
    case "?": {
      const help = document.getElementById("shortcuts");
      if (help) { openDialog(help); }
      break;
    }
    default:
  }
});
