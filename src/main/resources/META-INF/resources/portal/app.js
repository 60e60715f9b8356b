// The little JavaScript the portal needs: selection, confirmation, uploads with progress,
// drag and drop, keyboard, menus and dialogs (focus in and back), announcements for screen
// readers, and a clean re-login when the session expired during an htmx request.
(function () {
  "use strict";

  function listing() { return document.getElementById("listing"); }
  function shown(el) { return !!el && el.isConnected && el.getClientRects().length > 0; }
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("#rows tr.row")); }
  function rowNamed(name) { return rows().filter(function (r) { return r.dataset.name === name; })[0]; }

  // Quarkus OIDC answers an htmx request with an expired session with 499: go to the login page.
  document.addEventListener("htmx:responseError", function (e) {
    if (e.detail.xhr && e.detail.xhr.status === 499) {
      window.location.href = "/storage/login";
    }
  });
  // every htmx request carries the CSRF token in a header
  document.addEventListener("htmx:configRequest", function (e) {
    var l = listing();
    if (l && l.dataset.csrf) { e.detail.headers["X-CSRF-Token"] = l.dataset.csrf; }
  });

  // ---- announcements. A live region only speaks about changes made while it is in the page,
  // so what arrives inside swapped-in content is repeated in a region that stays. While a modal
  // dialog is open the page behind it is inert: the dialog's own status line speaks then.
  function announce(text) {
    var region = document.querySelector("dialog[open] [role=status]") || document.getElementById("announce");
    if (!region || !text) { return; }
    region.textContent = "";
    setTimeout(function () { region.textContent = text; }, 50);
  }

  // ---- dialogs: focus moves in when one opens (to its [autofocus] control, else its title) and
  // back to what opened it when it closes (Esc closes every one: native <dialog>)
  function openDialog(d, opener) {
    d.returnFocus = opener || document.activeElement;
    var row = d.returnFocus && d.returnFocus.closest ? d.returnFocus.closest("tr.row") : null;
    d.returnRow = row ? row.dataset.name : null;
    if (!d.open) { d.showModal(); }
    focusTitle(d);
  }
  function focusTitle(d) {
    var first = d.querySelector("[autofocus]") || d.querySelector("h1, h2");
    if (!first) { return; }
    if (!first.hasAttribute("autofocus") && !first.hasAttribute("tabindex")) { first.tabIndex = -1; }
    first.focus();
  }
  /** Where focus goes back to: the element itself, the button of the menu it sits in once that menu
   * is closed, the same row after a refresh, or the current folder's breadcrumb. */
  function returnPoint(el, rowName) {
    if (el && el.isConnected && !shown(el) && el.closest(".menu")) { el = el.closest(".menu").querySelector(".menu-toggle"); }
    if (shown(el)) { return el; }
    var row = rowName && rowNamed(rowName);
    return (row && row.querySelector("td.name a")) || document.querySelector("#listing .crumbs [aria-current]");
  }
  document.addEventListener("close", function (e) {
    var d = e.target;
    if (d.tagName !== "DIALOG") { return; }
    var back = returnPoint(d.returnFocus, d.returnRow);
    d.returnFocus = null;
    if (back) { back.focus(); }
  }, true); // close does not bubble

  // ---- confirmation: a labelled dialog whose Cancel has the focus (the safe choice)
  function ask(question, okLabel, opener) {
    var d = document.getElementById("confirm");
    if (!d) { return Promise.resolve(window.confirm(question)); }
    document.getElementById("confirm-text").textContent = question;
    document.getElementById("confirm-ok").textContent = okLabel;
    d.returnValue = "";
    return new Promise(function (resolve) {
      d.addEventListener("close", function () { resolve(d.returnValue === "ok"); }, { once: true });
      openDialog(d, opener);
    });
  }
  document.addEventListener("click", function (e) {
    var t = e.target.closest ? e.target.closest("button[data-confirm]") : null;
    if (!t) { return; }
    e.preventDefault();
    // a shortcut (Delete key) clicks the button for the row that has the focus: focus returns there
    var opener = e.detail === 0 && document.activeElement !== document.body ? document.activeElement : t;
    ask(t.dataset.confirm, t.textContent.trim(), opener).then(function (yes) {
      if (yes) { t.form.requestSubmit(t); }
    });
  });

  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t.id === "select-all") {
      document.querySelectorAll("#rows input[name=path]").forEach(function (c) { c.checked = t.checked; });
    }
    if (t.name === "path") {
      var row = t.closest("tr");
      if (row) { row.classList.toggle("selected", t.checked); }
    }
    if (t.id === "upload-input" || t.id === "upload-folder") {
      closeMenus();
      uploadAll(Array.prototype.slice.call(t.files));
      t.value = "";
    }
  });

  // ---- uploads: one streamed PUT per file, with progress and cancel, in the transfers panel
  // (a region, not a modal: it never takes the focus; its status line is announced)
  var totals = { bytes: 0, sent: {}, files: 0, done: 0, failed: 0 };
  function panel() {
    var p = document.getElementById("transfers");
    p.hidden = false;
    return p;
  }
  function track(id, size) { totals.bytes += size; totals.files += 1; totals.sent[id] = 0; showTotal(); }
  function progress(id, n) { totals.sent[id] = n; showTotal(); }
  function finished(ok) { if (ok) { totals.done += 1; } else { totals.failed += 1; } showTotal(); }
  function showTotal() {
    var p = document.getElementById("transfers");
    var sent = Object.keys(totals.sent).reduce(function (a, k) { return a + totals.sent[k]; }, 0);
    var text = "Uploads: " + totals.done + " of " + totals.files + " done"
      + (totals.failed ? ", " + totals.failed + " not uploaded" : "");
    var status = p.querySelector(".total");
    // only real changes: rewriting the same words would make screen readers repeat them
    if (status.textContent !== text) { status.textContent = text; }
    var bar = p.querySelector("progress.all");
    bar.max = totals.bytes || 1;
    bar.value = sent;
  }
  function hidePanel() {
    var p = document.getElementById("transfers");
    var hadFocus = p.contains(document.activeElement);
    p.hidden = true;
    if (totals.done + totals.failed === totals.files) {
      totals = { bytes: 0, sent: {}, files: 0, done: 0, failed: 0 };
      p.querySelector(".items").replaceChildren();
    }
    if (hadFocus) {
      var back = [document.getElementById("upload-input"), document.querySelector(".toolbar-menu > .menu-toggle")]
        .filter(shown)[0];
      (back || returnPoint(null)).focus();
    }
  }
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("#transfers-hide")) { hidePanel(); }
  });

  function encodePath(p) {
    return p.split("/").map(encodeURIComponent).join("/");
  }

  // Files above this size go up in resumable segments (the service's PUT transactions).
  var RESUMABLE_ABOVE = 64 * 1024 * 1024;
  var SEGMENT = 32 * 1024 * 1024;

  function upload(file, folderPath) {
    var l = listing();
    var target = folderPath.replace(/\/$/, "") + "/" + (file.webkitRelativePath || file.name);
    return new Promise(function (resolve) {
      var item = document.createElement("div");
      item.className = "item";
      var name = document.createElement("span");
      name.textContent = file.name;
      var cancel = document.createElement("button");
      cancel.type = "button";
      cancel.textContent = "✕";
      cancel.setAttribute("aria-label", "Cancel upload of " + file.name);
      var bar = document.createElement("progress");
      bar.max = file.size || 1;
      bar.value = 0;
      bar.setAttribute("aria-label", "Progress of " + file.name);
      item.append(name, cancel, bar);
      panel().querySelector(".items").append(item);
      var uid = target + ":" + Math.random();
      track(uid, file.size);
      function report(n) { bar.value = n; progress(uid, n); }
      var state = { cancelled: false, xhr: null };
      function finish(ok, text) {
        var hadFocus = document.activeElement === cancel;
        cancel.remove();
        if (hadFocus) { document.getElementById("transfers-hide").focus(); }
        var status = document.createElement("span");
        status.textContent = ok ? "done ✓" : text;
        if (ok) { report(file.size); } else { status.className = "error"; }
        item.append(status);
        finished(ok);
        resolve();
      }
      cancel.onclick = function () {
        state.cancelled = true;
        if (state.xhr) { state.xhr.abort(); }
        name.textContent = file.name + " — cancelled";
      };
      var run = file.size > RESUMABLE_ABOVE ? resumable : single;
      run(l, file, target, report, state).then(function () { finish(true); }, function (err) {
        if (err && err.relogin) { window.location.href = "/storage/login"; return; }
        finish(false, state.cancelled ? "cancelled" : (err && err.message) || "failed");
      });
    });
  }

  /** One XHR with upload progress; resolves with the response, rejects on network failure. */
  function send(state, method, url, headers, body, onProgress) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      state.xhr = xhr;
      xhr.open(method, url);
      Object.keys(headers).forEach(function (h) { xhr.setRequestHeader(h, headers[h]); });
      if (onProgress) { xhr.upload.onprogress = function (ev) { if (ev.lengthComputable) { onProgress(ev.loaded); } }; }
      xhr.onload = function () {
        if (xhr.status === 499 || xhr.status === 401) { reject({ relogin: true }); return; }
        resolve(xhr);
      };
      xhr.onerror = function () { reject(new Error("connection lost")); };
      xhr.onabort = function () { reject(new Error("cancelled")); };
      xhr.send(body);
    });
  }

  function single(l, file, target, report, state) {
    var headers = { "X-CSRF-Token": l.dataset.csrf };
    if (file.webkitRelativePath) { headers["X-Create-Parents"] = "true"; }
    return send(state, "PUT", l.dataset.upload + encodePath(target), headers, file,
      report).then(function (xhr) {
        if (xhr.status < 200 || xhr.status >= 300) { throw new Error(messageOf(xhr)); }
      });
  }

  /** The plain-words message of an error response (the portal's error pages are HTML). */
  function messageOf(xhr) {
    var type = xhr.getResponseHeader("Content-Type") || "";
    if (type.indexOf("html") < 0) { return xhr.responseText || ("failed (" + xhr.status + ")"); }
    var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
    var p = doc.querySelector(".error-page p, p.error, p");
    return (p ? p.textContent : doc.body.textContent).trim() || ("failed (" + xhr.status + ")");
  }

  function sleep(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }

  /** Segmented upload that survives dropped connections and page reloads (resumes where the service is). */
  function resumable(l, file, target, report, state) {
    var base = l.dataset.uploads;
    var key = "upload:" + base + ":" + target + ":" + file.size + ":" + file.lastModified;
    var headers = { "X-CSRF-Token": l.dataset.csrf };
    function json(xhr) { try { return JSON.parse(xhr.responseText); } catch (e) { return null; } }
    function open() {
      var known = window.localStorage.getItem(key);
      var status = known ? send(state, "GET", base + "/" + known, {}, null).then(function (x) {
        return x.status === 200 ? json(x) : null;
      }, function () { return null; }) : Promise.resolve(null);
      return status.then(function (s) {
        if (s) { return s; }
        var h = Object.assign({ "Content-Type": "application/x-www-form-urlencoded" }, headers);
        if (file.webkitRelativePath) { h["X-Create-Parents"] = "true"; }
        return send(state, "POST", base, h, "path=" + encodeURIComponent(target) + "&size=" + file.size).then(function (x) {
          if (x.status !== 201) { throw new Error(messageOf(x)); }
          var s2 = json(x);
          window.localStorage.setItem(key, s2.id);
          return s2;
        });
      });
    }
    return open().then(function (session) {
      var offset = session.received;
      var retries = 0;
      function next() {
        if (state.cancelled) {
          return send({}, "POST", base + "/" + session.id + "/abort", headers, null).then(function () {
            window.localStorage.removeItem(key);
            throw new Error("cancelled");
          });
        }
        if (offset >= file.size) {
          return send(state, "POST", base + "/" + session.id + "/commit", headers, null).then(function (x) {
            if (x.status !== 201) { throw new Error(messageOf(x)); }
            window.localStorage.removeItem(key);
          });
        }
        var end = Math.min(file.size, offset + SEGMENT);
        var h = Object.assign({ "X-Upload-Offset": String(offset) }, headers);
        return send(state, "PUT", base + "/" + session.id, h, file.slice(offset, end), function (n) { report(offset + n); })
          .then(function (x) {
            var body = json(x);
            if (x.status === 200 || x.status === 409) {
              offset = body.received;
              retries = 0;
              report(offset);
              return next();
            }
            throw new Error(messageOf(x));
          }, function (err) {
            if (err.relogin || state.cancelled || retries >= 8) { throw err; }
            retries++;
            // the connection dropped: wait, ask the service what arrived, continue from there
            return sleep(Math.min(30000, 1000 * Math.pow(2, retries))).then(function () {
              return send(state, "GET", base + "/" + session.id, {}, null);
            }).then(function (x) {
              var st = json(x);
              if (st) { offset = st.received; }
              return next();
            }, function () { return next(); });
          });
      }
      return next();
    });
  }

  function existingNames() {
    var names = {};
    document.querySelectorAll("#rows tr.row").forEach(function (r) { names[r.dataset.name] = true; });
    return names;
  }

  function uploadAll(files, folder) {
    var l = listing();
    if (!l || !files.length) { return; }
    var chosen = Promise.resolve(files);
    if (!folder) {
      var existing = existingNames();
      var clashes = files.filter(function (f) { return !f.webkitRelativePath && existing[f.name]; });
      if (clashes.length) {
        chosen = ask("Replace " + clashes.map(function (f) { return f.name; }).join(", ") + "?", "Replace")
          .then(function (yes) { return yes ? files : files.filter(function (f) { return clashes.indexOf(f) < 0; }); });
      }
    }
    var path = folder || decodeURIComponent(l.dataset.path || "");
    chosen.then(function (list) {
      if (!list.length) { return; }
      var chain = Promise.resolve();
      list.forEach(function (f) { chain = chain.then(function () { return upload(f, path); }); });
      chain.then(function () {
        if (window.htmx) {
          window.htmx.ajax("GET", window.location.pathname, { target: "#listing", select: "#listing", swap: "outerHTML" });
        }
      });
    });
  }

  // ---- drag and drop onto the listing or onto a folder row
  document.addEventListener("dragover", function (e) {
    var l = listing();
    if (!l || l.dataset.writable !== "true" || !e.dataTransfer || e.dataTransfer.types.indexOf("Files") < 0) { return; }
    e.preventDefault();
    l.classList.add("dropping");
  });
  document.addEventListener("dragleave", function (e) {
    var l = listing();
    if (l && e.target === l) { l.classList.remove("dropping"); }
  });
  // ---- dragging rows onto a folder row moves them there
  var ROWS_TYPE = "application/x-vospace-paths";
  document.addEventListener("dragstart", function (e) {
    var row = e.target.closest && e.target.closest("tr.row");
    if (!row || !e.dataTransfer) { return; }
    var box = row.querySelector("input[name=path]");
    var paths = Array.prototype.map.call(selected(), function (c) { return c.value; });
    if (paths.indexOf(box.value) < 0) { paths = [box.value]; }
    e.dataTransfer.setData(ROWS_TYPE, JSON.stringify(paths));
    e.dataTransfer.effectAllowed = "move";
  });
  document.addEventListener("dragover", function (e) {
    var row = e.target.closest && e.target.closest("tr.folder");
    if (row && e.dataTransfer && e.dataTransfer.types.indexOf(ROWS_TYPE) >= 0) { e.preventDefault(); }
  });
  function moveRows(paths, dest) {
    var l = listing();
    var body = "csrf=" + encodeURIComponent(l.dataset.csrf) + "&action=move&dest=" + encodeURIComponent(dest);
    paths.forEach(function (p) { body += "&path=" + encodeURIComponent(p); });
    var xhr = new XMLHttpRequest();
    xhr.open("POST", l.dataset.selection);
    xhr.setRequestHeader("Content-Type", "application/x-www-form-urlencoded");
    xhr.setRequestHeader("HX-Request", "true");
    xhr.onload = function () {
      var flash = document.getElementById("flash");
      if (xhr.status >= 400) {
        flash.innerHTML = "";
        var p = document.createElement("p");
        p.className = "error";
        p.textContent = (new DOMParser().parseFromString(xhr.responseText, "text/html").body.textContent || "Move failed").trim();
        flash.append(p);
      } else if (window.htmx) {
        window.htmx.ajax("GET", l.getAttribute("hx-get"), { target: "#listing", select: "#listing", swap: "outerHTML" });
      }
    };
    xhr.send(body);
  }

  document.addEventListener("drop", function (e) {
    var folderRow = e.target.closest && e.target.closest("tr.folder");
    if (folderRow && e.dataTransfer && e.dataTransfer.types.indexOf(ROWS_TYPE) >= 0) {
      e.preventDefault();
      var paths = JSON.parse(e.dataTransfer.getData(ROWS_TYPE));
      var dest = folderRow.querySelector("input[name=path]").value;
      if (paths.indexOf(dest) < 0) { moveRows(paths, dest); }
      return;
    }
    var l = listing();
    if (!l || l.dataset.writable !== "true" || !e.dataTransfer || !e.dataTransfer.files.length) { return; }
    e.preventDefault();
    l.classList.remove("dropping");
    var row = e.target.closest && e.target.closest("tr.folder");
    var base = decodeURIComponent(l.dataset.path || "");
    uploadAll(Array.prototype.slice.call(e.dataTransfer.files), row ? base + "/" + row.dataset.name : base);
  });


  // ---- menus: a <details class="menu"> works without JavaScript; here its summary becomes a
  // <button aria-expanded aria-controls> that toggles the panel. A menu closes on Esc (focus back
  // on its button), on a click elsewhere and once one of its items is used.
  var menuIds = 0;
  function enhance(root) {
    if (!root.querySelectorAll) { return; }
    root.querySelectorAll("details.menu").forEach(function (d) {
      var summary = d.querySelector("summary");
      var body = summary.nextElementSibling;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "menu-toggle " + summary.className;
      ["aria-label", "title"].forEach(function (a) {
        if (summary.hasAttribute(a)) { button.setAttribute(a, summary.getAttribute(a)); }
      });
      button.append.apply(button, Array.prototype.slice.call(summary.childNodes));
      body.id = body.id || "menu-" + (++menuIds);
      button.setAttribute("aria-controls", body.id);
      button.setAttribute("aria-expanded", "false");
      var menu = document.createElement("div");
      menu.className = d.className;
      menu.append(button, body);
      d.replaceWith(menu);
    });
    root.querySelectorAll("[data-needs-js][hidden]").forEach(function (el) { el.hidden = false; });
  }
  function closeMenus(except) {
    document.querySelectorAll(".menu-toggle[aria-expanded=true]").forEach(function (b) {
      if (b !== except) { b.setAttribute("aria-expanded", "false"); }
    });
  }
  document.addEventListener("click", function (e) {
    var t = e.target.closest ? e.target : null;
    if (!t) { return; }
    var toggle = t.closest(".menu-toggle");
    if (toggle) {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      closeMenus(toggle);
      toggle.setAttribute("aria-expanded", String(open));
    } else if (!t.closest(".menu")) {
      closeMenus();
    } else if (t.closest(".row-menu .menu-body a, .row-menu .menu-body button")) {
      if (t.closest("button.rename")) { renameInline(t.closest("tr.row")); }
      closeMenus();
    }
  });
  // a row's menu floats over the rows below: it closes when the focus leaves it
  document.addEventListener("focusin", function (e) {
    document.querySelectorAll(".row-menu > .menu-toggle[aria-expanded=true]").forEach(function (b) {
      if (!b.parentElement.contains(e.target)) { b.setAttribute("aria-expanded", "false"); }
    });
  });
  // Esc closes the open menu first (then, pressed again, what else Esc does), or hides the
  // transfers panel when the focus is in it
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") { return; }
    var open = document.querySelector(".menu-toggle[aria-expanded=true]");
    if (open) {
      closeMenus();
      if (shown(open)) { open.focus(); }
      e.stopImmediatePropagation();
    } else if (e.target.closest && e.target.closest("#transfers")) {
      hidePanel();
      e.stopImmediatePropagation();
    }
  });

  // ---- keyboard: arrows move between rows, Space selects, Enter opens, Delete deletes, F2
  // renames, Backspace goes up, Ctrl+A selects all, Esc clears, ? shows the shortcuts. Keys typed
  // in a field, a menu's panel, a dialog or the transfers panel are left to them, Space on a button too.
  function focusRow(i) {
    var all = rows();
    if (!all.length) { return; }
    var link = all[Math.max(0, Math.min(all.length - 1, i))].querySelector("td.name a");
    if (link) { link.focus(); }
  }
  function selected() { return document.querySelectorAll("#rows input[name=path]:checked"); }
  function submitAction(action) {
    var form = document.getElementById("selection");
    if (!form) { return; }
    var b = form.querySelector("button[value=" + action + "]");
    if (b) { b.click(); }
  }
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    var tag = (t.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || e.altKey || e.metaKey
        || (t.closest && t.closest("dialog, .menu-body, #transfers")) || document.querySelector("dialog[open]")) { return; }
    var row = t.closest ? t.closest("#rows tr.row") : null;
    switch (e.key) {
      case "ArrowDown": focusRow(row ? rows().indexOf(row) + 1 : 0); e.preventDefault(); break;
      case "ArrowUp": focusRow(row ? rows().indexOf(row) - 1 : 0); e.preventDefault(); break;
      case " ":
        if (row && tag !== "button") {
          var c = row.querySelector("input[name=path]");
          c.checked = !c.checked;
          c.dispatchEvent(new Event("change", { bubbles: true }));
          e.preventDefault();
        }
        break;
      case "Delete": if (selected().length) { submitAction("delete"); e.preventDefault(); } break;
      case "F2":
        var target = row || (selected().length === 1 ? selected()[0].closest("tr") : null);
        if (target) { renameInline(target); e.preventDefault(); }
        break;
      case "Backspace":
        var crumbs = document.querySelectorAll("#listing .crumbs a");
        if (crumbs.length > 1) { window.location.href = crumbs[crumbs.length - 2].href; e.preventDefault(); }
        break;
      case "Escape":
        document.querySelectorAll("#rows input[name=path]:checked").forEach(function (c) {
          c.checked = false;
          c.dispatchEvent(new Event("change", { bubbles: true }));
        });
        break;
      case "a":
        if (e.ctrlKey) {
          document.querySelectorAll("#rows input[name=path]").forEach(function (c) {
            c.checked = true;
            c.dispatchEvent(new Event("change", { bubbles: true }));
          });
          e.preventDefault();
        }
        break;
      case "?":
        var help = document.getElementById("shortcuts");
        if (help) { openDialog(help); }
        break;
      default:
    }
  });

  // ---- inline rename (F2, or Rename in a row's menu): the name cell becomes a field; Enter
  // saves, Esc cancels. A refused name keeps the field open, marked invalid, next to the message.
  function renameInline(row) {
    var l = listing();
    var cell = row.querySelector("td.name");
    if (!l || !cell || cell.querySelector("input")) { return; }
    var box = row.querySelector("input[name=path]");
    var old = row.dataset.name;
    var saved = Array.prototype.slice.call(cell.childNodes);
    var field = document.createElement("input");
    field.type = "text";
    field.value = old;
    field.setAttribute("aria-label", "New name for " + old);
    cell.replaceChildren(field);
    field.focus();
    field.setSelectionRange(0, old.lastIndexOf(".") > 0 ? old.lastIndexOf(".") : old.length);
    function restore() {
      cell.replaceChildren.apply(cell, saved);
      cell.querySelector("a").focus();
    }
    field.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") {
        ev.stopPropagation();
        restore();
      } else if (ev.key === "Enter") {
        ev.preventDefault(); // not the selection form's implicit submission
        var name = field.value.trim();
        if (name === old || !name || field.readOnly) {
          if (!field.readOnly) { restore(); }
          return;
        }
        field.readOnly = true;
        window.htmx.ajax("POST", l.dataset.selection, {
          values: { csrf: l.dataset.csrf, action: "rename", path: box.value, newname: field.value },
          target: "#listing", select: "#listing", swap: "outerHTML"
        }).then(function () {
          if (field.isConnected) { // refused: the message is in the flash
            field.readOnly = false;
            field.setAttribute("aria-invalid", "true");
            field.setAttribute("aria-describedby", "flash");
            field.focus();
            return;
          }
          var renamed = rowNamed(name);
          (renamed ? renamed.querySelector("td.name a") : returnPoint(null)).focus();
        });
      }
    });
  }

  // ---- htmx swaps. Before: an error of something done in a dialog is shown in that dialog (the
  // page's flash is behind it); a finished job's report and lost focus are noted. After: menus
  // and JS-only controls are set up in the new content; the listing's message is announced,
  // focus lost with the old listing goes to the same row (else the menu button or the folder);
  // the details dialog opens once its content is in.
  var carried = null;
  var lostFocus = null;
  document.addEventListener("htmx:beforeSwap", function (e) {
    var from = e.detail.requestConfig && e.detail.requestConfig.elt;
    var dialog = from && from.closest ? from.closest("dialog[open]") : null;
    if (e.detail.isError && dialog && dialog.querySelector(".flash")) {
      e.detail.target = dialog.querySelector(".flash");
    }
    if (e.detail.target && e.detail.target.id === "listing") {
      var flash = document.getElementById("flash");
      carried = flash && flash.querySelector(".job.done") ? Array.prototype.slice.call(flash.childNodes) : null;
      var active = document.activeElement;
      lostFocus = e.detail.target.contains(active) ? { row: active.closest("tr.row") } : null;
      if (lostFocus) { lostFocus.row = lostFocus.row && lostFocus.row.dataset.name; }
    }
  });
  document.addEventListener("htmx:afterSwap", function (e) {
    enhance(e.target);
    var elt = e.detail.requestConfig && e.detail.requestConfig.elt;
    if (e.target.id === "listing") {
      listingSwapped();
    } else if (e.detail.target && e.detail.target.id === "details-body") {
      var d = document.getElementById("details");
      if (d.open) { focusTitle(d); } else { openDialog(d, elt); }
      var message = d.querySelector(".info .flash");
      announce(message && message.textContent.trim());
    } else if (elt && elt.classList && elt.classList.contains("expand")) {
      elt.setAttribute("aria-expanded", "true");
    }
  });
  function listingSwapped() {
    var flash = document.getElementById("flash");
    // a job's "done" triggers the refresh that would wipe it
    if (carried && !flash.textContent.trim()) { flash.append.apply(flash, carried); }
    carried = null;
    announce(flash.textContent.trim());
    if (lostFocus && (!document.activeElement || document.activeElement === document.body)) {
      var toggle = document.querySelector(".toolbar-menu > .menu-toggle");
      var row = lostFocus.row && rowNamed(lostFocus.row);
      var back = row ? row.querySelector("td.name a") : shown(toggle) ? toggle : returnPoint(null);
      if (back) { back.focus(); }
    }
    lostFocus = null;
  }

  // ---- the folder picker: a lazily loaded tree; an open folder's ▸ closes it again
  document.addEventListener("htmx:beforeRequest", function (e) {
    var b = e.detail.elt;
    if (b.classList && b.classList.contains("expand") && b.getAttribute("aria-expanded") === "true") {
      e.preventDefault();
      b.setAttribute("aria-expanded", "false");
      b.parentElement.querySelector(".children").replaceChildren();
    }
  });
  document.addEventListener("click", function (e) {
    var t = e.target.closest ? e.target.closest("button") : null;
    if (!t) { return; }
    var picker = document.getElementById("picker");
    if (t.id === "pick-folder") {
      var root = document.getElementById("picker-root");
      root.dataset.path = t.dataset.rootPath;
      if (window.htmx) { window.htmx.ajax("GET", t.dataset.root, { target: "#picker-tree", swap: "innerHTML" }); }
      openDialog(picker, t);
    } else if (t.classList.contains("choose") && t.closest("#picker")) {
      var dest = document.getElementById("dest");
      if (dest && t.dataset.path) { dest.value = t.dataset.path; }
      if (dest) { picker.returnFocus = dest; }
      picker.close();
    }
  });

  enhance(document); // deferred: the document is parsed, htmx not yet started
})();
