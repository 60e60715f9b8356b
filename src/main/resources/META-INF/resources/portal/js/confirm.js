// Confirmation before a destructive button ([data-confirm] holds the question): a labelled
// dialog whose Cancel has the focus (the safe choice).
import { choice } from "./dialogs.js";

export function ask(question, okLabel, opener) {
  const d = document.getElementById("confirm");
  if (!d) { return Promise.resolve(window.confirm(question)); }
  document.getElementById("confirm-text").textContent = question;
  document.getElementById("confirm-ok").textContent = okLabel;
  return choice(d, opener).then((value) => value === "ok");
}

document.addEventListener("click", (e) => {
  const t = e.target.closest ? e.target.closest("button[data-confirm]") : null;
  if (!t) { return; }
  e.preventDefault();
  // a shortcut (Delete key) clicks the button for the row that has the focus: focus returns there
  const opener = e.detail === 0 && document.activeElement !== document.body ? document.activeElement : t;
  ask(t.dataset.confirm, t.textContent.trim(), opener).then((yes) => {
    if (yes) { t.form.requestSubmit(t); }
  });
});
