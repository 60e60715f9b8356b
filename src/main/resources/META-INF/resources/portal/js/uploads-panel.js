// The transfers panel (#transfers): one item per file (its path inside a folder upload, progress,
// bytes, speed and time left, a cancel button; Retry once it failed), and the batch's total: a
// status line that is announced, a bar and the same figures. Speeds are smoothed (a moving
// average sampled twice a second), so the time left does not jump about. A region, not a modal:
// it never takes the focus. Its ✕ (or Esc inside it) hides it; a finished batch is cleared then.
// When everything went up it hides itself after data-hide-after ms; a failure keeps it open.
// Its words come from the template (data- attributes, "%name" filled in here).
import { shown, wordOf } from "./dom.js";
import { returnPoint } from "./dialogs.js";

const TICK = 500;
const fresh = () => ({ bytes: 0, items: new Set(), files: 0, done: 0, failed: 0, maxActive: 0, meter: meter() });
let totals = fresh();
let ticker = null;
let hideTimer = null;

const el = () => document.getElementById("transfers");

/** A word of the panel's (data-key), with %name replaced by values.name. */
const word = (key, values) => wordOf("transfers", key, values);

/** 1536 → "1.5 KiB" (binary units, as the listing). */
export function bytesText(n) {
  const units = ["KiB", "MiB", "GiB", "TiB"];
  if (n < 1024) { return n + " B"; }
  let v = n;
  let i = -1;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return v.toFixed(1) + " " + units[i];
}

/** 75 → "1 min 15 s"; coarser as it grows (nobody needs the seconds of an hour). */
export function durationText(s) {
  s = Math.max(1, Math.round(s));
  if (s < 60) { return s + " s"; }
  if (s < 3600) { return Math.floor(s / 60) + " min" + (s < 600 && s % 60 ? " " + (s % 60) + " s" : ""); }
  return Math.floor(s / 3600) + " h " + Math.round((s % 3600) / 60) + " min";
}

/** A smoothed rate (bytes/s): an exponential moving average of what arrived between samples. */
function meter() {
  return {
    rate: 0, at: 0, bytes: 0,
    sample(bytes, now) {
      if (!this.at) { this.at = now; this.bytes = bytes; return; }
      const dt = (now - this.at) / 1000;
      if (dt < TICK / 2000) { return; }
      const instant = Math.max(0, bytes - this.bytes) / dt;
      this.rate = this.rate ? 0.75 * this.rate + 0.25 * instant : instant;
      this.at = now;
      this.bytes = bytes;
    }
  };
}

/** "42 % · 4.2 MiB / 10.0 MiB · 1.2 MiB/s · 8 s left" (speed and time once they are known). */
function figures(sent, size, rate) {
  const parts = [Math.floor(100 * sent / (size || 1)) + " %", bytesText(sent) + " / " + bytesText(size)];
  if (rate > 0 && sent < size) {
    parts.push(bytesText(Math.round(rate)) + "/s", word("left", { left: durationText((size - sent) / rate) }));
  }
  return parts.join(" · ");
}

function setText(node, text) {
  if (node.textContent !== text) { node.textContent = text; }
}

function showTotal() {
  const p = el();
  let sent = 0;
  let active = 0;
  totals.items.forEach((i) => { sent += i.sent; if (i.state === "active") { active++; } });
  // only real changes: rewriting the same words would make screen readers repeat them
  setText(p.querySelector(".total"), word("total", { done: totals.done, files: totals.files })
    + (totals.failed ? word("failed", { failed: totals.failed }) : ""));
  const bar = p.querySelector("progress.all");
  bar.max = totals.bytes || 1;
  bar.value = sent;
  setText(p.querySelector(".total-figures"), figures(sent, totals.bytes, active ? totals.meter.rate : 0));
  totals.maxActive = Math.max(totals.maxActive, active);
  p.dataset.active = String(active);
  p.dataset.maxActive = String(totals.maxActive);
  return { sent, active };
}

/** Twice a second while anything moves: sample the speeds, refresh the figures. */
function tick() {
  const now = performance.now();
  totals.items.forEach((i) => { if (i.state === "active") { i.meter.sample(i.sent, now); i.render(); } });
  const { sent, active } = showTotal();
  totals.meter.sample(sent, now);
  if (!active && ticker) { clearInterval(ticker); ticker = null; }
}

function ticking() {
  if (!ticker) { ticker = setInterval(tick, TICK); }
}

function panel() {
  const p = el();
  p.hidden = false;
  clearTimeout(hideTimer);
  return p;
}

/** Once every file went up (none failed, none left), the panel goes after a few seconds. */
function hideWhenAllSucceeded() {
  clearTimeout(hideTimer);
  if (totals.done !== totals.files || !totals.files) { return; }
  hideTimer = setTimeout(function later() {
    const p = el();
    if (totals.done !== totals.files) { return; }
    // not from under someone's pointer (hidePanel gives the focus back if it was in the panel)
    if (p.matches(":hover")) { hideTimer = setTimeout(later, 1000); return; }
    hidePanel();
  }, Number(el().dataset.hideAfter || 4000));
}

function button(text, label) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.setAttribute("aria-label", label);
  return b;
}

/**
 * A new item, waiting, for a file about to go up, shown as `label` (its path inside a folder
 * upload). Returns start(), report(bytesSent), finish(ok, message, retry), and for a retry
 * restart(label) (it goes ahead, under the name it now goes up as) or skipped(); onCancel runs
 * when its ✕ is pressed; `retry(button)`
 * (optional) is what a failed item's Retry button runs.
 */
export function addItem(file, label, onCancel) {
  const node = document.createElement("div");
  node.className = "item";
  const name = document.createElement("span");
  name.className = "name";
  const cancel = button("✕", "");
  const bar = document.createElement("progress");
  bar.max = file.size || 1;
  bar.value = 0;
  /** Shows the item as `shown` (its path inside a folder upload): once, and again when a retry renamed it ("Keep both"). */
  function showLabel(shown) {
    label = shown;
    const slash = label.lastIndexOf("/");
    name.replaceChildren();
    if (slash > 0) {
      const dir = document.createElement("span");
      dir.className = "dir";
      dir.textContent = label.slice(0, slash + 1);
      name.append(dir);
    }
    name.append(label.slice(slash + 1));
    name.title = label;
    cancel.setAttribute("aria-label", word("cancelOf", { name: label }));
    bar.setAttribute("aria-label", word("progressOf", { name: label }));
  }
  showLabel(label);
  const stats = document.createElement("span");
  stats.className = "figures";
  const status = document.createElement("span");
  status.className = "status";
  node.append(name, cancel, bar, stats, status);
  panel().querySelector(".items").append(node);

  const item = {
    sent: 0, state: "waiting", meter: meter(),
    render() {
      node.dataset.state = item.state;
      setText(stats, item.state === "waiting" ? word("waiting") : item.state === "done" ? bytesText(file.size)
        : figures(item.sent, file.size, item.state === "active" ? item.meter.rate : 0));
    }
  };
  totals.bytes += file.size;
  totals.files += 1;
  totals.items.add(item);
  item.render();
  showTotal();

  function moveFocusOff(control) {
    if (document.activeElement === control) { document.getElementById("transfers-hide").focus(); }
  }
  function start() {
    item.state = "active";
    item.meter = meter();
    item.render();
    showTotal();
    ticking();
  }
  function report(n) {
    bar.value = n;
    item.sent = n;
    item.render();
    showTotal();
  }
  cancel.onclick = () => {
    setText(status, word("cancelled"));
    onCancel();
  };
  function finish(ok, text, retry) {
    moveFocusOff(cancel);
    cancel.hidden = true;
    item.state = ok ? "done" : "failed";
    status.className = ok ? "status" : "status error";
    setText(status, ok ? word("done") : text);
    if (ok) { report(file.size); totals.done += 1; } else { totals.failed += 1; }
    item.render();
    if (!ok && retry) {
      const again = button(word("retry"), word("retryOf", { name: label }));
      again.className = "retry";
      status.append(" ", again);
      again.onclick = () => {
        if (again.dataset.asked) { return; } // once: its question or its turn is on the way
        again.dataset.asked = "true";
        retry(again);
      };
    }
    showTotal();
    hideWhenAllSucceeded();
  }
  function dropRetry() {
    const again = status.querySelector(".retry");
    if (again) { moveFocusOff(again); again.remove(); }
  }
  /** A retry goes ahead, as `shown` (the name it now goes up as): the item waits for its turn again. */
  function restart(shown) {
    dropRetry();
    if (shown && shown !== label) { showLabel(shown); }
    totals.failed -= 1;
    setText(status, "");
    status.className = "status";
    cancel.hidden = false;
    bar.value = 0;
    item.sent = 0;
    item.state = "waiting";
    item.render();
    showTotal();
  }
  /** A retry was answered Skip: it stays not uploaded. */
  function skipped() {
    dropRetry();
    setText(status, word("skipped"));
  }
  return { start, report, finish, restart, skipped };
}

function hidePanel() {
  const p = el();
  clearTimeout(hideTimer);
  const hadFocus = p.contains(document.activeElement);
  p.hidden = true;
  if (totals.done + totals.failed === totals.files && ![...totals.items].some((i) => i.state === "waiting" || i.state === "active")) {
    totals = fresh();
    p.querySelector(".items").replaceChildren();
  }
  if (hadFocus) {
    const back = [document.getElementById("upload-input"), document.querySelector(".toolbar-menu > .menu-toggle")]
      .filter(shown)[0];
    (back || returnPoint(null)).focus();
  }
}

document.addEventListener("click", (e) => {
  if (e.target.closest && e.target.closest("#transfers-hide")) { hidePanel(); }
});

// Esc in the panel hides it (menus.js has closed an open menu first)
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && e.target.closest && e.target.closest("#transfers")) {
    hidePanel();
    e.stopImmediatePropagation();
  }
});
