// A large file in segments (the service's PUT transactions, through the listing's data-uploads
// URL) that survives dropped connections and page reloads: it resumes where the service is.
// The session id is remembered in localStorage under the file's target, size and date.
import { listing, wordOf } from "./dom.js";
import { json, messageOf, send } from "./xhr.js";
import { csrfToken } from "./session.js";
import { uploadHeaders } from "./upload-headers.js";

const SEGMENT = 32 * 1024 * 1024;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function resumable(entry, report, state) {
  const file = entry.file;
  const base = listing().dataset.uploads;
  const key = "upload:" + base + ":" + entry.path + ":" + file.size + ":" + file.lastModified;
  const headers = { "X-CSRF-Token": csrfToken() };
  function open() {
    const known = window.localStorage.getItem(key);
    const status = known ? send(state, "GET", base + "/" + known, {}, null).then((x) => {
      return x.status === 200 ? json(x) : null;
    }, () => null) : Promise.resolve(null);
    return status.then((s) => {
      if (s) { return s; }
      const h = Object.assign({ "Content-Type": "application/x-www-form-urlencoded" }, uploadHeaders(entry));
      return send(state, "POST", base, h, "path=" + encodeURIComponent(entry.path) + "&size=" + file.size).then((x) => {
        if (x.status !== 201) { throw new Error(messageOf(x)); }
        const s2 = json(x);
        window.localStorage.setItem(key, s2.id);
        return s2;
      });
    });
  }
  return open().then((session) => {
    let offset = session.received;
    let retries = 0;
    function next() {
      if (state.cancelled) {
        return send({}, "POST", base + "/" + session.id + "/abort", headers, null).then(() => {
          window.localStorage.removeItem(key);
          throw new Error(wordOf("transfers", "cancelled"));
        });
      }
      if (offset >= file.size) {
        return send(state, "POST", base + "/" + session.id + "/commit", headers, null).then((x) => {
          if (x.status !== 201) { throw new Error(messageOf(x)); }
          window.localStorage.removeItem(key);
        });
      }
      const end = Math.min(file.size, offset + SEGMENT);
      const h = Object.assign({ "X-Upload-Offset": String(offset) }, headers);
      return send(state, "PUT", base + "/" + session.id, h, file.slice(offset, end), (n) => report(offset + n))
        .then((x) => {
          const body = json(x);
          if (x.status === 200 || x.status === 409) {
            offset = body.received;
            retries = 0;
            report(offset);
            return next();
          }
          throw new Error(messageOf(x));
        }, (err) => {
          if (err.relogin || state.cancelled || retries >= 8) { throw err; }
          retries++;
          // the connection dropped: wait, ask the service what arrived, continue from there
          return sleep(Math.min(30000, 1000 * Math.pow(2, retries))).then(() => {
            return send(state, "GET", base + "/" + session.id, {}, null);
          }).then((x) => {
            const st = json(x);
            if (st) { offset = st.received; }
            return next();
          }, () => next());
        });
    }
    return next();
  });
}
