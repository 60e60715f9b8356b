// Uploading a batch of files into a folder, from any path (file input, folder upload, drops):
// one file after another, with progress in the transfers panel; files above 64 MiB go up
// resumably. The listing reloads at the end.
import { currentFolder, listing, refreshListing, rows } from "./dom.js";
import { relogin } from "./session.js";
import { addItem } from "./uploads-panel.js";
import { ask } from "./confirm.js";
import { single } from "./single-upload.js";
import { resumable } from "./resumable-upload.js";

const RESUMABLE_ABOVE = 64 * 1024 * 1024;

const join = (folder, name) => folder.replace(/\/$/, "") + "/" + name;

/**
 * One entry per file: the folder it goes to (a folder upload's sub-folders below `base`,
 * created as needed; `dir` is that relative part) and its name there.
 */
function entryOf(file, base) {
  const rel = file.webkitRelativePath || file.name;
  const slash = rel.lastIndexOf("/");
  const dir = slash > 0 ? rel.slice(0, slash) : "";
  return { file, folder: dir ? join(base, dir) : base, name: rel.slice(slash + 1), dir, createParents: !!dir, replace: false };
}

/** The entry's final target (its name may have changed: "Keep both"), and how the panel shows it. */
function withTarget(e) {
  return Object.assign({}, e, { path: join(e.folder, e.name), label: e.dir ? e.dir + "/" + e.name : e.name });
}

function upload(entry) {
  return new Promise((resolve) => {
    const state = { cancelled: false, xhr: null };
    const item = addItem(entry.file, entry.label, () => {
      state.cancelled = true;
      if (state.xhr) { state.xhr.abort(); }
    });
    const run = entry.file.size > RESUMABLE_ABOVE ? resumable : single;
    run(entry, item.report, state).then(() => {
      item.finish(true);
      resolve();
    }, (err) => {
      if (err && err.relogin) { relogin(); return; }
      item.finish(false, state.cancelled ? "cancelled" : (err && err.message) || "failed");
      resolve();
    });
  });
}

/**
 * Uploads `files` into `folder` (decoded; default: the folder on screen). Into the folder on
 * screen, files named like a loaded row are asked about first (folder uploads and drops on a
 * folder row are not).
 */
export async function uploadAll(files, folder) {
  const l = listing();
  if (!l || !files.length) { return; }
  let chosen = files;
  if (!folder) {
    const existing = new Set(rows().map((r) => r.dataset.name));
    const clashes = files.filter((f) => !f.webkitRelativePath && existing.has(f.name));
    if (clashes.length && !(await ask("Replace " + clashes.map((f) => f.name).join(", ") + "?", "Replace"))) {
      chosen = files.filter((f) => clashes.indexOf(f) < 0);
    }
  }
  if (!chosen.length) { return; }
  const base = folder || currentFolder(l);
  for (const f of chosen) { await upload(withTarget(Object.assign(entryOf(f, base), { replace: true }))); }
  refreshListing();
}
