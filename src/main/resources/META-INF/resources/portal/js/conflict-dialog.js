// The question for one upload conflict, in the page's #conflict dialog (its words are in the
// template; the name, the folder and the count go into its [data-slot]s). Skip has the focus,
// and Esc skips too: neither loses anything.
import { choice } from "./dialogs.js";

const slot = (d, name) => d.querySelector("[data-slot=" + name + "]");

/** Resolves to {choice: "replace" | "keep" | "skip", all: whether it applies to the remaining conflicts}. */
export function askConflict(name, folder, remaining, opener) {
  const d = document.getElementById("conflict");
  slot(d, "name").textContent = name;
  slot(d, "folder").textContent = folder || "/";
  slot(d, "remaining").textContent = String(remaining);
  const all = d.querySelector("input[name=all]");
  all.checked = false;
  slot(d, "all").hidden = remaining < 1;
  return choice(d, opener).then((value) => ({
    choice: value === "replace" || value === "keep" ? value : "skip",
    all: remaining > 0 && all.checked
  }));
}
