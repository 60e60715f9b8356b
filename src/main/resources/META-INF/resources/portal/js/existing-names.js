// The names already in the folders an upload goes to, asked of the server (GET the listing's
// data-names URL + the folder's path, JSON): the rows on screen are not enough (a drop on a
// folder row, the sub-folders of a folder upload, rows not loaded yet). A folder whose parent was
// asked and does not hold it is new: nothing to ask. A folder that cannot be listed counts as
// empty: the upload's If-None-Match still keeps what is there.
import { encodePath, listing } from "./dom.js";

const depth = (folder) => folder.split("/").length;

/** Map folder → Set of names; rejects {relogin: true} when the session has expired. */
export async function existingNames(folders) {
  const prefix = listing().dataset.names;
  const found = new Map();
  for (const folder of Array.from(new Set(folders)).sort((a, b) => depth(a) - depth(b))) {
    const slash = folder.lastIndexOf("/");
    const parent = found.get(folder.slice(0, slash));
    if (parent && !parent.has(folder.slice(slash + 1))) {
      found.set(folder, new Set());
      continue;
    }
    // an ended session answers with a redirect to the login (or 499/401): not followed here
    const r = await fetch(prefix + encodePath(folder), {
      headers: { Accept: "application/json", "X-Requested-With": "XMLHttpRequest" }, redirect: "manual"
    });
    if (r.type === "opaqueredirect" || r.status === 499 || r.status === 401) { throw { relogin: true }; }
    found.set(folder, new Set(r.ok ? (await r.json()).names : []));
  }
  return found;
}
