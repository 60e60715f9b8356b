// Announcements. A live region only speaks about changes made while it is in the page, so what
// arrives inside swapped-in content is repeated in a region that stays (#announce). While a
// modal dialog is open the page behind it is inert: the dialog's own status line speaks then.

export function announce(text) {
  const region = document.querySelector("dialog[open] [role=status]") || document.getElementById("announce");
  if (!region || !text) { return; }
  region.textContent = "";
  setTimeout(() => { region.textContent = text; }, 50);
}
