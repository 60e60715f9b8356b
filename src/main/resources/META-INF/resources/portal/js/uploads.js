// Uploading a batch of files into a folder, from any path (file input, folder upload, drops):
// ask about the names already taken (conflicts.js), then one file after another, with progress
// in the transfers panel; files above 64 MiB go up resumably. The listing reloads at the end.
import { currentFolder, listing, refreshListing } from "./dom.js";
import { relogin } from "./session.js";
import { addItem } from "./uploads-panel.js";
import { askConflict } from "./conflict-dialog.js";
import { existingNames } from "./existing-names.js";
import { resolveConflicts } from "./conflicts.js";
import { single } from "./single-upload.js";
import { resumable } from "./resumable-upload.js";

const RESUMABLE_ABOVE = 64 * 1024 * 1024;
const NONE = new Set();

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

/** Uploads `files` into `folder` (decoded; default: the folder on screen). `opener` gets the focus back after a question. */
export async function uploadAll(files, folder, opener) {
  const l = listing();
  if (!l || !files.length) { return; }
  const entries = files.map((f) => entryOf(f, folder || currentFolder(l)));
  let names;
  try {
    names = await existingNames(entries.map((e) => e.folder));
  } catch (err) {
    if (err && err.relogin) { relogin(); return; }
    names = new Map(); // the server still refuses to replace (If-None-Match)
  }
  const chosen = await resolveConflicts(entries, (f) => names.get(f) || NONE,
    (e, remaining) => askConflict(e.name, e.folder, remaining, opener));
  if (!chosen.length) { return; }
  for (const e of chosen) { await upload(withTarget(e)); }
  refreshListing();
}
