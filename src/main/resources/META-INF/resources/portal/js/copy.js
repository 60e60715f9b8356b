// Copy buttons: a button[data-copy] copies the value of the field it names (by id) with the
// Clipboard API; where that is missing or refused (no secure context, no permission) it selects
// the text so Ctrl+C copies it. Either way it says what happened (data-copied, data-copy-manual
// hold the words) in the live region and, for a moment, on the button itself.
import { announce } from "./announce.js";

function say(button, text) {
  announce(text);
  if (!button.dataset.label) { button.dataset.label = button.textContent; }
  button.textContent = text;
  clearTimeout(button.copyTimer);
  button.copyTimer = setTimeout(() => { button.textContent = button.dataset.label; }, 2000);
}

function selectText(field) {
  field.focus();
  field.select();
  field.setSelectionRange(0, field.value.length);
}

function fallback(button, field) {
  selectText(field);
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch (e) {
    copied = false;
  }
  say(button, copied ? button.dataset.copied : button.dataset.copyManual);
}

document.addEventListener("click", (e) => {
  const button = e.target.closest ? e.target.closest("button[data-copy]") : null;
  if (!button) { return; }
  const field = document.getElementById(button.dataset.copy);
  if (!field) { return; }
  e.preventDefault();
  if (!navigator.clipboard || !window.isSecureContext) {
    fallback(button, field);
    return;
  }
  navigator.clipboard.writeText(field.value).then(
    () => say(button, button.dataset.copied),
    () => fallback(button, field));
});
