// The listing as a list or as a grid of thumbnails ([data-view-toggle] buttons, data-view =
// "list" | "grid"): the choice goes on the root element (data-listing-view, which app.css
// follows) and into localStorage, so every folder opens the way it was left. The grid's images
// are in the rows already (loading="lazy", not displayed in the list, so not fetched there).
const KEY = "listing-view";
const root = document.documentElement;

function chosen() {
  try { return window.localStorage.getItem(KEY) === "grid" ? "grid" : "list"; } catch (e) { return "list"; }
}

function show(view) {
  root.dataset.listingView = view;
  document.querySelectorAll("[data-view-toggle] [data-view]").forEach((b) => {
    b.setAttribute("aria-pressed", String(b.dataset.view === view));
  });
}

document.addEventListener("click", (e) => {
  const b = e.target.closest ? e.target.closest("[data-view-toggle] [data-view]") : null;
  if (!b) { return; }
  const view = b.dataset.view === "grid" ? "grid" : "list";
  try { window.localStorage.setItem(KEY, view); } catch (err) { /* private mode: this page only */ }
  show(view);
});

// a refreshed listing brings its toggle anew
document.body.addEventListener("htmx:afterSettle", () => show(root.dataset.listingView || chosen()));
show(chosen());
