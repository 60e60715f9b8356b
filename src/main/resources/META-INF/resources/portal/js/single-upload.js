// A file in one streamed PUT to the listing's data-upload URL (+ the file's encoded path).
import { encodePath, listing } from "./dom.js";
import { messageOf, send } from "./xhr.js";
import { uploadHeaders } from "./upload-headers.js";

export function single(entry, report, state) {
  return send(state, "PUT", listing().dataset.upload + encodePath(entry.path), uploadHeaders(entry), entry.file, report)
    .then((xhr) => {
      if (xhr.status < 200 || xhr.status >= 300) { throw new Error(messageOf(xhr)); }
    });
}
