// The transfers panel (#transfers): one item per file with its progress and a cancel button,
// and the batch's total in a status line that is announced. A region, not a modal: it never
// takes the focus. Its ✕ (or Esc inside it) hides it; a finished batch is cleared then.
import { shown } from "./dom.js";
import { returnPoint } from "./dialogs.js";

const fresh = () => ({ bytes: 0, sent: new Map(), files: 0, done: 0, failed: 0 });
let totals = fresh();

function panel() {
  const p = document.getElementById("transfers");
  p.hidden = false;
  return p;
}

function showTotal() {
  const p = document.getElementById("transfers");
  let sent = 0;
  totals.sent.forEach((n) => { sent += n; });
  const text = "Uploads: " + totals.done + " of " + totals.files + " done"
    + (totals.failed ? ", " + totals.failed + " not uploaded" : "");
  const status = p.querySelector(".total");
  // only real changes: rewriting the same words would make screen readers repeat them
  if (status.textContent !== text) { status.textContent = text; }
  const bar = p.querySelector("progress.all");
  bar.max = totals.bytes || 1;
  bar.value = sent;
}

/**
 * A new item for a file about to go up, shown as `label` (its path inside a folder upload).
 * Returns report(bytesSent) and finish(ok, message); onCancel runs when its ✕ is pressed.
 */
export function addItem(file, label, onCancel) {
  const item = document.createElement("div");
  item.className = "item";
  const name = document.createElement("span");
  name.textContent = label;
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.textContent = "✕";
  cancel.setAttribute("aria-label", "Cancel upload of " + label);
  const bar = document.createElement("progress");
  bar.max = file.size || 1;
  bar.value = 0;
  bar.setAttribute("aria-label", "Progress of " + label);
  item.append(name, cancel, bar);
  panel().querySelector(".items").append(item);
  const id = {};
  totals.bytes += file.size;
  totals.files += 1;
  totals.sent.set(id, 0);
  showTotal();
  function report(n) {
    bar.value = n;
    totals.sent.set(id, n);
    showTotal();
  }
  cancel.onclick = () => {
    name.textContent = label + " — cancelled";
    onCancel();
  };
  function finish(ok, text) {
    const hadFocus = document.activeElement === cancel;
    cancel.remove();
    if (hadFocus) { document.getElementById("transfers-hide").focus(); }
    const status = document.createElement("span");
    status.textContent = ok ? "done ✓" : text;
    if (ok) { report(file.size); } else { status.className = "error"; }
    item.append(status);
    if (ok) { totals.done += 1; } else { totals.failed += 1; }
    showTotal();
  }
  return { report, finish };
}

function hidePanel() {
  const p = document.getElementById("transfers");
  const hadFocus = p.contains(document.activeElement);
  p.hidden = true;
  if (totals.done + totals.failed === totals.files) {
    totals = fresh();
    p.querySelector(".items").replaceChildren();
  }
  if (hadFocus) {
    const back = [document.getElementById("upload-input"), document.querySelector(".toolbar-menu > .menu-toggle")]
      .filter(shown)[0];
    (back || returnPoint(null)).focus();
  }
}

document.addEventListener("click", (e) => {
  if (e.target.closest && e.target.closest("#transfers-hide")) { hidePanel(); }
});

// Esc in the panel hides it (menus.js has closed an open menu first)
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && e.target.closest && e.target.closest("#transfers")) {
    hidePanel();
    e.stopImmediatePropagation();
  }
});
