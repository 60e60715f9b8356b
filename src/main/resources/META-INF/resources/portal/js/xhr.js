// XMLHttpRequest where progress matters (fetch cannot report upload progress), and the
// plain-words message of an error answer (its words: the listing's and the panel's data-).
import { wordOf } from "./dom.js";

/**
 * One request; resolves with the finished XHR whatever its status, rejects on a dropped
 * connection, a cancel, or an expired session ({relogin: true}). state.xhr lets a cancel abort it.
 */
export function send(state, method, url, headers, body, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    state.xhr = xhr;
    xhr.open(method, url);
    Object.keys(headers).forEach((h) => xhr.setRequestHeader(h, headers[h]));
    if (onProgress) { xhr.upload.onprogress = (ev) => { if (ev.lengthComputable) { onProgress(ev.loaded); } }; }
    xhr.onload = () => {
      if (xhr.status === 499 || xhr.status === 401) { reject({ relogin: true }); return; }
      resolve(xhr);
    };
    xhr.onerror = () => reject(new Error(wordOf("listing", "connectionLost")));
    xhr.onabort = () => reject(new Error(wordOf("transfers", "cancelled")));
    xhr.send(body);
  });
}

/** The message of an error response (the portal's error pages are HTML, the upload routes plain text). */
export function messageOf(xhr) {
  const type = xhr.getResponseHeader("Content-Type") || "";
  const failed = () => wordOf("listing", "requestFailed", { status: xhr.status });
  if (type.indexOf("html") < 0) { return xhr.responseText || failed(); }
  const doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
  const p = doc.querySelector(".error-page p, p.error, p");
  return (p ? p.textContent : doc.body.textContent).trim() || failed();
}

export function json(xhr) {
  try { return JSON.parse(xhr.responseText); } catch (e) { return null; }
}
