// The session seen from the page: htmx requests carry the CSRF token; a request whose session
// expired (Quarkus OIDC answers htmx with 499) sends the whole page to the login instead of
// swapping a login form into a fragment.
import { listing } from "./dom.js";

/** Through the login, back to this folder when the page says how (base.html's data-login). */
export function relogin() {
  window.location.href = document.body.dataset.login;
}

export function csrfToken() {
  const l = listing();
  return l ? l.dataset.csrf : undefined;
}

document.addEventListener("htmx:responseError", (e) => {
  if (e.detail.xhr && e.detail.xhr.status === 499) { relogin(); }
});

document.addEventListener("htmx:configRequest", (e) => {
  const token = csrfToken();
  if (token) { e.detail.headers["X-CSRF-Token"] = token; }
});
