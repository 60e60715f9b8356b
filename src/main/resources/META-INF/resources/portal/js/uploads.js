// Uploading a batch of files into a folder, from any path (file input, folder upload, drops):
// ask about the names already taken (conflicts.js), then a few files at a time (the panel's
// data-parallel), with progress in the transfers panel; files above 64 MiB go up resumably. A
// failed file can be retried from its item. The listing reloads at the end.
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

/**
 * At most data-parallel transfers at once (over all batches): each job waits here for a free
 * place. The service bounds how many uploads one person runs; a large file keeps its resumable path.
 */
const queue = [];
let running = 0;
const parallel = () => Math.max(1, Number(document.getElementById("transfers").dataset.parallel) || 1);

function pump() {
  while (running < parallel() && queue.length) {
    const job = queue.shift();
    running++;
    job().finally(() => { running--; pump(); });
  }
}

function inTurn(job) {
  return new Promise((resolve) => {
    queue.push(() => job().then(resolve, resolve));
    pump();
  });
}

/**
 * One attempt at one file; the item shows it. Resolves once it ended, whatever the outcome: a
 * file cancelled while it waits for its turn ends at once (control.cancelWaiting).
 */
function attempt(entry, item, control) {
  return new Promise((resolve) => {
    let ended = false;
    const end = (ok, text, again) => {
      if (ended) { return; }
      ended = true;
      item.finish(ok, text, again);
      resolve();
    };
    control.cancelWaiting = () => end(false, control.cancelledWord);
    inTurn(() => new Promise((done) => {
      control.cancelWaiting = null;
      if (ended) { done(); return; }
      item.start();
      const run = entry.file.size > RESUMABLE_ABOVE ? resumable : single;
      run(entry, item.report, control.state).then(() => {
        end(true);
        done();
      }, (err) => {
        if (err && err.relogin) { relogin(); return; }
        const cancelled = control.state.cancelled;
        end(false, cancelled ? control.cancelledWord : (err && err.message) || control.failedWord,
          cancelled ? null : (button) => retry(entry, item, control, button));
        done();
      });
    }));
  });
}

/**
 * Retry of a failed file: the conflict policy again (the name may be taken by now, also by the
 * failed attempt's own rival), then back in the queue; the listing reloads once it ended.
 */
async function retry(entry, item, control, button) {
  let names;
  try {
    names = await existingNames([entry.folder]);
  } catch (err) {
    if (err && err.relogin) { relogin(); return; }
    names = new Map();
  }
  const asked = Object.assign({}, entry, { replace: false });
  const [again] = await resolveConflicts([asked], (f) => names.get(f) || NONE,
    (e, remaining) => askConflict(e.name, e.folder, remaining, button));
  if (!again) { item.skipped(); return; }
  control.state = { cancelled: false, xhr: null };
  const target = withTarget(again); // "Keep both" gave it another name: the item shows that one
  item.restart(target.label);
  await attempt(target, item, control);
  refreshListing();
}

/** An item for the entry (waiting) and what its ✕ cancels: the attempt that is current. */
function itemFor(entry) {
  const panel = document.getElementById("transfers").dataset;
  const control = { state: { cancelled: false, xhr: null }, cancelledWord: panel.cancelled, failedWord: panel.failedOne };
  const item = addItem(entry.file, entry.label, () => {
    control.state.cancelled = true;
    if (control.cancelWaiting) { control.cancelWaiting(); } else if (control.state.xhr) { control.state.xhr.abort(); }
  });
  return { entry, item, control };
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
  const jobs = chosen.map((e) => itemFor(withTarget(e)));
  await Promise.all(jobs.map((j) => attempt(j.entry, j.item, j.control)));
  refreshListing();
}
