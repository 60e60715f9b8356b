// The little JavaScript the portal needs: selection, confirmation, uploads with progress,
// drag and drop, and a clean re-login when the session expired during an htmx request.
(function () {
  "use strict";

  function listing() { return document.getElementById("listing"); }

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

  document.addEventListener("click", function (e) {
    var t = e.target;
    if (t.dataset && t.dataset.confirm && !window.confirm(t.dataset.confirm)) {
      e.preventDefault();
    }
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
      uploadAll(Array.prototype.slice.call(t.files));
      t.value = "";
    }
  });

  // ---- uploads: one streamed PUT per file, with progress and cancel
  function panel() {
    var p = document.getElementById("transfers");
    p.hidden = false;
    if (!p.querySelector(".total")) {
      var head = document.createElement("div");
      head.className = "total";
      var label = document.createElement("span");
      var bar = document.createElement("progress");
      bar.setAttribute("aria-label", "Total upload progress");
      head.append(label, bar);
      p.prepend(head);
    }
    return p;
  }

  // total progress over all uploads of this page: bytes and files done
  var totals = { bytes: 0, sent: {}, files: 0, done: 0 };
  function track(id, size) { totals.bytes += size; totals.files += 1; totals.sent[id] = 0; showTotal(); }
  function progress(id, n) { totals.sent[id] = n; showTotal(); }
  function finished(id) { totals.done += 1; showTotal(); }
  function showTotal() {
    var head = document.querySelector("#transfers .total");
    if (!head) { return; }
    var sent = Object.keys(totals.sent).reduce(function (a, k) { return a + totals.sent[k]; }, 0);
    head.querySelector("span").textContent = "Uploads: " + totals.done + " of " + totals.files + " done";
    var bar = head.querySelector("progress");
    bar.max = totals.bytes || 1;
    bar.value = sent;
  }

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
      panel().append(item);
      var uid = target + ":" + Math.random();
      track(uid, file.size);
      function report(n) { bar.value = n; progress(uid, n); }
      var state = { cancelled: false, xhr: null };
      function finish(ok, text) {
        finished(uid);
        cancel.remove();
        var status = document.createElement("span");
        status.textContent = ok ? "done ✓" : text;
        if (ok) { report(file.size); } else { status.className = "error"; }
        item.append(status);
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
    return send(state, "PUT", "/storage/" + l.dataset.svc + "/upload" + encodePath(target), headers, file,
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
    var base = "/storage/" + l.dataset.svc + "/uploads";
    var key = "upload:" + l.dataset.svc + ":" + target + ":" + file.size + ":" + file.lastModified;
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
    if (!folder) {
      var existing = existingNames();
      var clashes = files.filter(function (f) { return !f.webkitRelativePath && existing[f.name]; });
      if (clashes.length && !window.confirm("Replace " + clashes.map(function (f) { return f.name; }).join(", ") + "?")) {
        files = files.filter(function (f) { return clashes.indexOf(f) < 0; });
        if (!files.length) { return; }
      }
    }
    var path = folder || decodeURIComponent(l.dataset.path || "");
    var chain = Promise.resolve();
    files.forEach(function (f) { chain = chain.then(function () { return upload(f, path); }); });
    chain.then(function () {
      if (window.htmx) {
        window.htmx.ajax("GET", window.location.pathname, { target: "#listing", select: "#listing", swap: "outerHTML" });
      }
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
    xhr.open("POST", "/storage/" + l.dataset.svc + "/selection");
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

  // ---- keyboard: arrows move the focus row, Space selects, Enter opens, Delete deletes,
  // F2 renames, Backspace goes up, Ctrl+A selects all, Esc clears, ? shows the shortcuts
  var focusIndex = -1;
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("#rows tr.row")); }
  function focusRow(i) {
    var all = rows();
    if (!all.length) { return; }
    focusIndex = Math.max(0, Math.min(all.length - 1, i));
    all.forEach(function (r) { r.classList.remove("focused"); });
    var r = all[focusIndex];
    r.classList.add("focused");
    var link = r.querySelector("td.name a");
    if (link) { link.focus({ preventScroll: false }); }
  }
  function selected() { return document.querySelectorAll("#rows input[name=path]:checked"); }
  function submitAction(action) {
    var form = document.getElementById("selection");
    if (!form) { return; }
    var b = form.querySelector("button[value=" + action + "]");
    if (b) { b.click(); }
  }
  document.addEventListener("keydown", function (e) {
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || e.altKey || e.metaKey) { return; }
    var all = rows();
    switch (e.key) {
      case "ArrowDown": focusRow(focusIndex + 1); e.preventDefault(); break;
      case "ArrowUp": focusRow(focusIndex - 1); e.preventDefault(); break;
      case " ":
        if (focusIndex >= 0 && all[focusIndex]) {
          var c = all[focusIndex].querySelector("input[name=path]");
          c.checked = !c.checked;
          c.dispatchEvent(new Event("change", { bubbles: true }));
          e.preventDefault();
        }
        break;
      case "Delete": if (selected().length) { submitAction("delete"); e.preventDefault(); } break;
      case "F2":
        var target = focusIndex >= 0 && all[focusIndex] ? all[focusIndex]
          : (selected().length === 1 ? selected()[0].closest("tr") : null);
        if (target) { renameInline(target); e.preventDefault(); }
        break;
      case "Backspace":
        var crumbs = document.querySelectorAll(".crumbs a");
        if (crumbs.length > 1) { window.location.href = crumbs[crumbs.length - 2].href; e.preventDefault(); }
        break;
      case "Escape":
        document.querySelectorAll("#rows input[name=path]:checked").forEach(function (c) {
          c.checked = false;
          c.dispatchEvent(new Event("change", { bubbles: true }));
        });
        var help = document.getElementById("shortcuts");
        if (help) { help.close(); }
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
        var d = document.getElementById("shortcuts");
        if (d && d.showModal) { d.showModal(); }
        break;
      default:
    }
  });

  // ---- inline rename (F2): the name cell becomes a field; Enter saves, Esc cancels
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
    field.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") {
        cell.replaceChildren.apply(cell, saved);
        ev.stopPropagation();
      } else if (ev.key === "Enter") {
        ev.preventDefault();
        if (field.value === old || !field.value.trim()) { cell.replaceChildren.apply(cell, saved); return; }
        var form = document.createElement("form");
        form.method = "post";
        form.action = "/storage/" + l.dataset.svc + "/selection";
        [["csrf", l.dataset.csrf], ["action", "rename"], ["path", box.value], ["newname", field.value]].forEach(function (kv) {
          var i = document.createElement("input");
          i.type = "hidden";
          i.name = kv[0];
          i.value = kv[1];
          form.append(i);
        });
        document.body.append(form);
        form.submit();
      }
    });
  }

  // ---- dialogs: details (loaded by htmx into #details-body) and the folder picker
  document.addEventListener("htmx:afterSwap", function (e) {
    if (e.detail.target && e.detail.target.id === "details-body") {
      var d = document.getElementById("details");
      if (d && !d.open && d.showModal) { d.showModal(); }
    }
  });
  document.addEventListener("click", function (e) {
    var t = e.target.closest ? e.target.closest("button") : null;
    if (!t) { return; }
    if (t.id === "pick-folder") {
      var picker = document.getElementById("picker");
      var root = document.getElementById("picker-root");
      root.dataset.path = t.dataset.rootPath;
      if (window.htmx) { window.htmx.ajax("GET", t.dataset.root, { target: "#picker-tree", swap: "innerHTML" }); }
      picker.showModal();
    } else if (t.classList.contains("choose") && t.closest("#picker")) {
      var dest = document.getElementById("dest");
      if (dest && t.dataset.path) { dest.value = t.dataset.path; }
      document.getElementById("picker").close();
      if (dest) { dest.focus(); }
    }
  });
})();
