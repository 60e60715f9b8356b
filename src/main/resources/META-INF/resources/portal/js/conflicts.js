// The one conflict policy of every upload path: a file whose name is taken in its target folder
// is asked about (Replace / Keep both / Skip, optionally for all remaining); the others go as
// they are. Decisions only: nothing here talks to the server or the page.

/**
 * "name (1).ext" with the first number free in `taken` (the extension follows the last dot; a
 * leading dot, as in ".profile", starts no extension).
 */
export function keepBothName(name, taken) {
  const dot = name.lastIndexOf(".");
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : "";
  for (let i = 1; ; i++) {
    const candidate = stem + " (" + i + ")" + ext;
    if (!taken.has(candidate)) { return candidate; }
  }
}

/**
 * The entries to upload. `existing(folder)` is the Set of names already in a folder;
 * `decide(entry, remaining)` resolves to {choice: "replace" | "keep" | "skip", all} for one
 * conflict, `remaining` being how many more follow. A "keep" entry gets a free name (also free of
 * the batch's own names); a "replace" entry is marked, so only it may overwrite.
 */
export async function resolveConflicts(entries, existing, decide) {
  const taken = new Map(); // folder → names there once this batch is stored
  const takenIn = (folder) => {
    if (!taken.has(folder)) { taken.set(folder, new Set(existing(folder))); }
    return taken.get(folder);
  };
  entries.forEach((e) => takenIn(e.folder).add(e.name));
  let remaining = entries.filter((e) => existing(e.folder).has(e.name)).length;
  let forAll = null;
  const chosen = [];
  for (const e of entries) {
    if (!existing(e.folder).has(e.name)) {
      chosen.push(e);
      continue;
    }
    remaining -= 1;
    const answer = forAll || await decide(e, remaining);
    if (answer.all) { forAll = answer; }
    if (answer.choice === "replace") {
      chosen.push(Object.assign({}, e, { replace: true }));
    } else if (answer.choice === "keep") {
      const name = keepBothName(e.name, takenIn(e.folder));
      takenIn(e.folder).add(name);
      chosen.push(Object.assign({}, e, { name }));
    } // skip: not uploaded
  }
  return chosen;
}
