// Inline rename (F2, or Rename in a row's menu): the name cell becomes a field; Enter saves,
// Esc cancels. A refused name keeps the field open, marked invalid, next to the message.
// Saving posts the selection form's rename action to the listing's data-selection URL.
import { listing, rowNamed, wordOf } from "./dom.js";
import { returnPoint } from "./dialogs.js";

export function renameInline(row) {
  const l = listing();
  const cell = row.querySelector("td.name");
  if (!l || !cell || cell.querySelector("input")) { return; }
  const box = row.querySelector("input[name=path]");
  const old = row.dataset.name;
  const saved = Array.from(cell.childNodes);
  const field = document.createElement("input");
  field.type = "text";
  field.value = old;
  field.setAttribute("aria-label", wordOf("listing", "renameLabel", { name: old }));
  cell.replaceChildren(field);
  field.focus();
  field.setSelectionRange(0, old.lastIndexOf(".") > 0 ? old.lastIndexOf(".") : old.length);
  function restore() {
    cell.replaceChildren(...saved);
    cell.querySelector("a").focus();
  }
  field.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") {
      ev.stopPropagation();
      restore();
    } else if (ev.key === "Enter") {
      ev.preventDefault(); // not the selection form's implicit submission
      const name = field.value.trim();
      if (name === old || !name || field.readOnly) {
        if (!field.readOnly) { restore(); }
        return;
      }
      field.readOnly = true;
      window.htmx.ajax("POST", l.dataset.selection, {
        values: { csrf: l.dataset.csrf, action: "rename", path: box.value, newname: field.value },
        target: "#listing", select: "#listing", swap: "outerHTML"
      }).then(() => {
        if (field.isConnected) { // refused: the message is in the flash
          field.readOnly = false;
          field.setAttribute("aria-invalid", "true");
          field.setAttribute("aria-describedby", "flash");
          field.focus();
          return;
        }
        const renamed = rowNamed(name);
        (renamed ? renamed.querySelector("td.name a") : returnPoint(null)).focus();
      });
    }
  });
}

document.addEventListener("click", (e) => {
  const b = e.target.closest ? e.target.closest(".row-menu button.rename") : null;
  if (b) { renameInline(b.closest("tr.row")); }
});
