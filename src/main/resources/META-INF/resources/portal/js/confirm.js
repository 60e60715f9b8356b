// Confirmation before a destructive button ([data-confirm] holds the question): a labelled
// dialog whose Cancel has the focus (the safe choice). A delete button also has [data-ask], where
// the portal words the question for the items it would delete (named, folders with how many
// files, trash or for good); [data-confirm] is what is asked when that cannot be had.
import { choice } from "./dialogs.js";
import { relogin } from "./session.js";

export function ask(question, okLabel, opener) {
  const d = document.getElementById("confirm");
  if (!d) { return Promise.resolve(window.confirm(question)); }
  document.getElementById("confirm-text").textContent = question;
  document.getElementById("confirm-ok").textContent = okLabel;
  return choice(d, opener).then((value) => value === "ok");
}

/** The paths the button would submit: its own (a row menu's Delete) or the form's ticked rows. */
function pathsOf(button) {
  if (button.name === "path" && button.value) { return [button.value]; }
  return [...button.form.querySelectorAll("input[name=path]:checked")].map((box) => box.value);
}

/** {question, ok} from the portal, or the button's own words. */
async function questionFor(button) {
  const fallback = { question: button.dataset.confirm, ok: button.textContent.trim() };
  const paths = pathsOf(button);
  if (!button.dataset.ask || paths.length === 0) { return fallback; }
  const query = paths.map((p) => "path=" + encodeURIComponent(p)).join("&");
  try {
    const r = await fetch(button.dataset.ask + "?" + query, {
      headers: { Accept: "application/json", "X-Requested-With": "XMLHttpRequest" }, redirect: "manual"
    });
    if (r.type === "opaqueredirect" || r.status === 499 || r.status === 401) { return { relogin: true }; }
    return r.ok ? await r.json() : fallback;
  } catch (err) {
    return fallback;
  }
}

document.addEventListener("click", async (e) => {
  const t = e.target.closest ? e.target.closest("button[data-confirm]") : null;
  if (!t) { return; }
  e.preventDefault();
  // a shortcut (Delete key) clicks the button for the row that has the focus: focus returns there
  const opener = e.detail === 0 && document.activeElement !== document.body ? document.activeElement : t;
  const words = await questionFor(t);
  if (words.relogin) { relogin(); return; }
  if (await ask(words.question, words.ok, opener)) { t.form.requestSubmit(t); }
});
