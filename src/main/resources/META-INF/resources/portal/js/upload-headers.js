// What every upload request says besides its bytes: the CSRF token; for a file inside a folder
// upload, that missing folders above it may be created; and, unless the person chose Replace,
// If-None-Match: * so the server refuses (409) instead of replacing a file that appeared since.
import { csrfToken } from "./session.js";

export function uploadHeaders(entry) {
  const h = { "X-CSRF-Token": csrfToken() };
  if (entry.createParents) { h["X-Create-Parents"] = "true"; }
  if (!entry.replace) { h["If-None-Match"] = "*"; }
  return h;
}
