// The colour scheme: the system's (prefers-color-scheme) until someone presses the header's
// toggle ([data-theme-toggle], aria-pressed = dark); the choice goes on the root element
// (data-theme, which app.css follows) and into localStorage, from where the inline line in
// base.html (PortalAssets.THEME_SCRIPT) applies it before the next page's first paint.
const root = document.documentElement;
const system = window.matchMedia("(prefers-color-scheme: dark)");

const dark = () => (root.dataset.theme ? root.dataset.theme === "dark" : system.matches);

function show() {
  document.querySelectorAll("[data-theme-toggle]").forEach((b) => b.setAttribute("aria-pressed", String(dark())));
}

document.addEventListener("click", (e) => {
  if (!e.target.closest || !e.target.closest("[data-theme-toggle]")) { return; }
  const next = dark() ? "light" : "dark";
  root.dataset.theme = next;
  try { window.localStorage.setItem("theme", next); } catch (err) { /* private mode: this page only */ }
  show();
});

system.addEventListener("change", show);
show();
