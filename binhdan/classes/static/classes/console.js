/* Operator console (điểm cầu): check-ins and headcounts through the offline queue
   (web/offline-queue.js, loaded first), heartbeat, QR scan. Plain JS, no build step.

   Personal data: a queued CCCD check-in holds the number in IndexedDB only until the server
   answers for it (created, duplicate or rejected); then the record is deleted, and a rejected
   one is kept for the operator with the last 4 digits only. Nothing goes to localStorage but
   the last sync time and the last known counters. */
(function () {
  "use strict";
  var root = document.getElementById("console");
  if (!root) return;
  var D = root.dataset;
  var T = JSON.parse(document.getElementById("console-text").textContent);

  // ---- service worker: register, then ask it to keep this page for offline use ----
  if ("serviceWorker" in navigator && D.sw) {
    navigator.serviceWorker.addEventListener("message", function (e) {
      if (e.data && e.data.cached) {
        var el = document.getElementById("offline-ready");
        if (el) { el.textContent = T.offline_ready; el.hidden = false; }
        root.setAttribute("data-offline-ready", "1");
      }
    });
    navigator.serviceWorker.register(D.sw, { scope: D.scope }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (reg) {
      var urls = [location.pathname];
      if (D.home && D.home !== location.pathname) urls.push(D.home);
      if (reg.active && navigator.onLine) reg.active.postMessage({ cache: urls });
    }).catch(function () {});
  }
  if (!D.session) return; // the list page only needs the service worker

  var SID = +D.session, PID = +D.point, API = D.api;
  var KEY = "binhdan-console:" + SID + ":" + PID;
  var state = JSON.parse(localStorage.getItem(KEY) || "null") || {};
  ["checkins", "headcount", "attendance", "opened", "closed"].forEach(function (k) {
    if (D[k] !== undefined && (state.at || "") < D.generated) state[k] = D[k];
  });
  // The last check-in and headcount typed here: their answer stays under their button
  // until the next one (sync news goes to the bar).
  var last = { checkin: null, headcount: null };

  function $(id) { return document.getElementById(id); }

  function mine(r) { return r.session_id === SID && r.point_id === PID; }
  var uuid = OfflineQueue.uuid;

  // ---- HTTP: the session cookie plus Django's CSRF header ----
  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return { "X-CSRFToken": m ? decodeURIComponent(m[1]) : D.csrf };
  }
  function post(url, body) { return OfflineQueue.post(url, body, csrf()); }

  // ---- screen ----
  function say(text, bad) {
    var el = $("console-flash");
    el.textContent = text; el.className = "console-flash" + (bad ? " bad" : "");
  }
  // Brought into sight only just after the tap: a late offline answer must not move the page.
  function answer(kind, text, tone) {
    var el = $(kind + "-result"), r;
    el.textContent = text; el.className = "result " + tone;
    if (Date.now() - (last[kind + "At"] || 0) > 5000) return;
    r = el.getBoundingClientRect();
    if (r.bottom > window.innerHeight || r.top < 0) el.scrollIntoView({ block: "nearest" });
  }
  function answered(rec, x) {
    var kind = rec.kind, mine = last[kind] === rec.client_uuid;
    if (!mine) return false;
    if (kind === "headcount") { answer(kind, T.headcount_done.replace("%s", rec.item.count), "ok"); return true; }
    var who = x.name_masked || rec.label;
    if (x.status === "rejected") {
      answer(kind, reasonText(x.reason, x.message), "bad");
      if ((x.reason === "phone_shared" || x.reason === "name_required") && !val("phone")) {
        $("id_phone").value = rec.item.phone || ""; // ask for the name, keep the number
        $("id_full_name").focus();
      }
    } else if (x.status === "created" || x.reason === "retry") answer(kind, T.done.replace("%s", who), "ok");
    else answer(kind, (x.name_masked ? x.name_masked + ": " : "") + (T.duplicates[x.reason] || T.reasons._), "info");
    return true;
  }
  function clock(iso) {
    return iso ? new Date(iso).toLocaleTimeString("vi-VN", { hour12: false }) : T.never;
  }
  function render() {
    $("net-status").textContent = navigator.onLine ? T.online : T.offline;
    $("net-status").className = "net " + (navigator.onLine ? "on" : "off");
    $("count-here").textContent = state.checkins || "0";
    $("count-headcount").textContent = state.headcount === "" || state.headcount == null ? "—" : state.headcount;
    $("count-attendance").textContent = state.attendance || "0";
    $("last-sync").textContent = clock(localStorage.getItem("binhdan-console:last-sync"));
    $("point-status").textContent = state.closed === "1" ? T.closed : state.opened === "1" ? T.opened : T.not_opened;
    if ($("open-form")) $("open-form").hidden = state.closed === "1" || state.opened === "1";
    if ($("close-form")) $("close-form").hidden = state.closed === "1";
    return queue.all().then(function (q) {
      $("count-pending").textContent = String(q.filter(mine).length);
      return queue.all("rejected");
    }).then(function (rs) {
      var ul = $("rejected-list");
      ul.textContent = "";
      rs.filter(mine).forEach(function (r) {
        var li = document.createElement("li"), b = document.createElement("button");
        li.textContent = r.label + ": " + r.reason + " ";
        b.type = "button"; b.className = "btn-secondary"; b.textContent = T.dismiss;
        b.onclick = function () { queue.remove([r.client_uuid], "rejected").then(render); };
        li.appendChild(b); ul.appendChild(li);
      });
      $("rejected-box").hidden = !ul.children.length;
    });
  }
  function remember(s) {
    ["checkins", "headcount", "attendance"].forEach(function (k) { if (k in s) state[k] = s[k] == null ? "" : String(s[k]); });
    if ("opened" in s) state.opened = s.opened ? "1" : "0";
    if ("closed" in s) state.closed = s.closed ? "1" : "0";
    state.at = new Date().toISOString();
    localStorage.setItem(KEY, JSON.stringify(state));
  }
  function refreshStatus() {
    if (!navigator.onLine || !D.statusUrl) return Promise.resolve();
    return fetch(D.statusUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) { if (s) remember(s); }).catch(function () {});
  }

  // ---- sync: batches of ≤ 250; only what the server acknowledged leaves the queue ----
  // IndexedDB "queue" (to send) and "rejected" (refused by the server, for the list).
  function reasonText(code, fallback) { return T.reasons[code] || fallback || T.reasons._; }
  function reject(rec, code, message) {
    return queue.put("rejected", {
      client_uuid: rec.client_uuid, session_id: rec.session_id, point_id: rec.point_id,
      label: rec.label, reason: reasonText(code, message)
    });
  }
  var queue = OfflineQueue.open({
    db: "binhdan-console", stores: ["rejected"], batchSize: 250, headers: csrf,
    // Point status first (opened before its check-ins), then check-ins, then headcounts.
    route: function (r) {
      var at = API + "/sessions/" + r.session_id + "/points/" + r.point_id + "/";
      if (r.kind === "checkin") return { url: API + "/checkins/batch", batch: at, rank: 1 };
      if (r.kind === "status") return { url: at + r.action + "?at=" + encodeURIComponent(r.at), rank: 0 };
      return { url: API + "/headcounts", body: r.item, rank: 2 };
    },
    envelope: function (chunk) {
      return { session_id: chunk[0].session_id, point_id: chunk[0].point_id, items: chunk.map(function (r) { return r.item; }) };
    },
    onResult: function (rec, x) {
      // A whole request refused (session cancelled, bad request): retrying cannot help.
      if (x.http) {
        if (last[rec.kind] === rec.client_uuid) answer(rec.kind, x.message, "bad");
        return reject(rec, "", x.message);
      }
      // A refusal shown under the button needs no place in the list.
      if (!answered(rec, x) && x.status === "rejected") return reject(rec, x.reason, x.message);
    },
    onSynced: function (q) {
      if (!q.length) return;
      localStorage.setItem("binhdan-console:last-sync", new Date().toISOString());
      say(q.some(function (r) { return r.client_uuid !== last[r.kind]; }) ? T.synced : "");
      return refreshStatus();
    },
    onError: function (e) {
      say(e.status === 401 || e.status === 403 ? T.login_again : T.sync_failed, true);
      return queue.pending().then(function (q) {
        q.forEach(function (r) {
          if (last[r.kind] === r.client_uuid) answer(r.kind, T.saved_offline.replace("%s", r.label), "wait");
        });
      });
    },
    onChange: function () { return render(); }
  });
  function loop() { if (navigator.onLine) queue.start(); }

  // ---- check-in and headcount forms: queue first, send when possible ----
  function val(name) { var el = $("id_" + name); return el ? el.value.trim() : ""; }
  function enqueue(rec) {
    rec.session_id = SID; rec.point_id = PID;
    return queue.add(rec).then(loop);
  }
  function checkin(method, fields) {
    var id = uuid(), item = { client_uuid: id, method: method, checked_in_at: new Date().toISOString() };
    Object.keys(fields).forEach(function (k) { if (fields[k] !== "") item[k] = fields[k]; });
    if (item.birth_year) item.birth_year = +item.birth_year;
    var tail = function (s) { return "•••• " + s.replace(/\D/g, "").slice(-4); };
    var label = method === "phone" ? T.m_phone + " " + tail(item.phone)
      : method === "cccd" ? T.m_cccd + " " + tail(item.cccd)
      : method === "qr_card" ? T.m_card
      : item.full_name + (item.birth_year ? " (" + item.birth_year + ")" : "");
    last.checkin = id; last.checkinAt = Date.now();
    answer("checkin", (navigator.onLine ? T.sending : T.saved_offline).replace("%s", label), "wait");
    return enqueue({ client_uuid: id, kind: "checkin", label: label, item: item });
  }
  var form = $("checkin-form");
  function method() { var c = form.querySelector("input[name=method]:checked"); return c ? c.value : ""; }
  function showMethod() {
    var m = method();
    form.querySelectorAll("[data-for]").forEach(function (fs) {
      fs.hidden = fs.getAttribute("data-for").split(" ").indexOf(m) < 0;
    });
  }
  form.addEventListener("change", showMethod);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var m = method(), f;
    if (m === "phone") f = { phone: val("phone"), full_name: val("full_name") };
    else if (m === "cccd") f = { cccd: val("cccd"), full_name: val("full_name") };
    else if (m === "qr_card") f = { card: val("card") };
    else f = { full_name: val("full_name"), birth_year: val("birth_year"), village_code: val("village") };
    // A phone alone will do for a known person (the server answers with the masked name).
    var need = m === "name" ? f.full_name && f.birth_year && f.village_code : f[Object.keys(f)[0]];
    if (!need) { last.checkinAt = Date.now(); answer("checkin", T.missing, "bad"); return; }
    checkin(m, f).then(function () {
      form.querySelectorAll("[data-for] input").forEach(function (i) { i.value = ""; });
      var first = form.querySelector("[data-for]:not([hidden]) input");
      if (first) first.focus();
    });
  });
  showMethod();

  $("headcount-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var n = $("hc_count").value.trim();
    if (n === "" || isNaN(+n) || +n < 0) { answer("headcount", T.missing, "bad"); return; }
    var id = uuid(), label = T.headcount + " " + n;
    last.headcount = id; last.headcountAt = Date.now();
    answer("headcount", (navigator.onLine ? T.sending : T.saved_offline).replace("%s", label), "wait");
    $("hc_count").value = "";
    enqueue({
      client_uuid: id, kind: "headcount", label: label,
      item: { client_uuid: id, session_id: SID, point_id: PID, count: +n, counted_at: new Date().toISOString() }
    });
  });

  // ---- open / heartbeat / close need the network: they report the point live now ----
  function pointAction(action, msg) {
    var later = function () {
      if (action === "heartbeat") return Promise.resolve();
      // No network: remember when it happened; the server gets the real time later.
      remember(action === "open" ? { opened: true } : { closed: true });
      return enqueue({ client_uuid: uuid(), kind: "status", action: action,
        at: new Date().toISOString(), label: msg }).then(function () { say(msg + " " + T.later); });
    };
    if (!navigator.onLine) return later();
    return post(API + "/sessions/" + SID + "/points/" + PID + "/" + action, {}).then(function () {
      if (action === "open") remember({ opened: true });
      if (action === "close") remember({ closed: true });
      if (msg) say(msg);
      return refreshStatus().then(render);
    }, function (e) {
      if (!e.status) return later();
      if (msg) say(e.message, true);
    });
  }
  [["open-form", "open", T.opened_msg], ["close-form", "close", T.closed_msg]].forEach(function (x) {
    var f = $(x[0]);
    if (f) f.addEventListener("submit", function (e) {
      e.preventDefault();
      if (x[1] === "close" && !window.confirm(T.confirm_close)) return;
      pointAction(x[1], x[2]);
    });
  });
  setInterval(function () {
    if (state.opened === "1" && state.closed !== "1") pointAction("heartbeat");
  }, 30000);

  $("sync-now").addEventListener("click", function () { queue.start(true); });
  window.addEventListener("online", function () { render(); queue.start(true); });
  window.addEventListener("offline", render);

  // ---- QR scan with the camera where the browser has BarcodeDetector ----
  var scan = $("scan-start");
  if (scan && "BarcodeDetector" in window && navigator.mediaDevices) {
    scan.hidden = false;
    var video = $("scan-video"), stream = null, lastCode = "", lastAt = 0, detector;
    var stop = function () {
      if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
      stream = null; video.hidden = true; scan.textContent = T.scan_start;
    };
    var tick = function () {
      if (!stream) return;
      detector.detect(video).then(function (codes) {
        var code = codes.length ? codes[0].rawValue : "";
        if (code && (code !== lastCode || Date.now() - lastAt > 5000)) {
          lastCode = code; lastAt = Date.now();
          checkin("qr_card", { card: code });
        }
      }).catch(function () {}).then(function () { setTimeout(tick, 300); });
    };
    scan.addEventListener("click", function () {
      if (stream) { stop(); return; }
      detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (s) {
        stream = s; video.srcObject = s; video.hidden = false; video.play();
        scan.textContent = T.scan_stop; tick();
      }).catch(function () { say(T.no_camera, true); });
    });
  }

  render().then(refreshStatus).then(render).then(function () { queue.start(); });
})();
