// Menus: a <details class="menu"> works without JavaScript; here its summary becomes a
// <button aria-expanded aria-controls> that toggles the panel. A menu closes on Esc (focus back
// on its button), on a click elsewhere and once one of its items is used. Also shows the
// controls that only work with script ([data-needs-js][hidden]), in the page and in what htmx
// swaps in.
import { shown } from "./dom.js";

let menuIds = 0;

function enhance(root) {
  if (!root.querySelectorAll) { return; }
  root.querySelectorAll("details.menu").forEach((d) => {
    const summary = d.querySelector("summary");
    const body = summary.nextElementSibling;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "menu-toggle " + summary.className;
    ["aria-label", "title"].forEach((a) => {
      if (summary.hasAttribute(a)) { button.setAttribute(a, summary.getAttribute(a)); }
    });
    button.append(...summary.childNodes);
    body.id = body.id || "menu-" + (++menuIds);
    button.setAttribute("aria-controls", body.id);
    button.setAttribute("aria-expanded", "false");
    const menu = document.createElement("div");
    menu.className = d.className;
    menu.append(button, body);
    d.replaceWith(menu);
  });
  root.querySelectorAll("[data-needs-js][hidden]").forEach((el) => { el.hidden = false; });
}

export function closeMenus(except) {
  document.querySelectorAll(".menu-toggle[aria-expanded=true]").forEach((b) => {
    if (b !== except) { b.setAttribute("aria-expanded", "false"); }
  });
}

document.addEventListener("click", (e) => {
  const t = e.target.closest ? e.target : null;
  if (!t) { return; }
  const toggle = t.closest(".menu-toggle");
  if (toggle) {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    closeMenus(toggle);
    toggle.setAttribute("aria-expanded", String(open));
  } else if (!t.closest(".menu")) {
    closeMenus();
  } else if (t.closest(".row-menu .menu-body a, .row-menu .menu-body button")) {
    closeMenus();
  }
});

// a row's menu floats over the rows below: it closes when the focus leaves it
document.addEventListener("focusin", (e) => {
  document.querySelectorAll(".row-menu > .menu-toggle[aria-expanded=true]").forEach((b) => {
    if (!b.parentElement.contains(e.target)) { b.setAttribute("aria-expanded", "false"); }
  });
});

// Esc closes the open menu first; pressed again, it does what else Esc does (the listeners
// registered after this one: main.js imports this module first)
document.addEventListener("keydown", (e) => {
  if (e.key !== "Escape") { return; }
  const open = document.querySelector(".menu-toggle[aria-expanded=true]");
  if (open) {
    closeMenus();
    if (shown(open)) { open.focus(); }
    e.stopImmediatePropagation();
  }
});

// new content first gets its menus, before the other afterSwap listeners look for them
document.addEventListener("htmx:afterSwap", (e) => enhance(e.target));

enhance(document); // modules run once the document is parsed, before htmx starts
