/* Volunteer app (/tinh-nguyen/): the team's to-do list and visits logged offline through the
   shared queue (web/offline-queue.js, loaded first). Plain JS, no build step.

   Personal data: the to-do list (names, villages, notes) is cached in localStorage for this
   user and team for one day at most, and an item leaves it as soon as its "done" visit is
   stored. A queued visit holds the person's id and name as the list shows it (masked for a
   member), the kinds, the outcome and the note, and leaves IndexedDB when the server answers;
   a rejected one stays (name and message) until the volunteer dismisses it. */
(function () {
  "use strict";
  var root = document.getElementById("volunteer-app");
  if (!root) return;
  var D = root.dataset;

  if ("serviceWorker" in navigator && D.sw) {
    navigator.serviceWorker.addEventListener("message", function (e) {
      if (e.data && e.data.cached) {
        var el = document.getElementById("offline-ready");
        if (el && T) { el.textContent = T.offline_ready; el.hidden = false; }
        root.setAttribute("data-offline-ready", "1");
      }
    });
    navigator.serviceWorker.register(D.sw, { scope: D.scope }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (reg) {
      if (reg.active && navigator.onLine && D.team) reg.active.postMessage({ shell: true });
    }).catch(function () {});
  }
  if (!D.team) return; // not in a team: nothing else to do

  var T = JSON.parse(document.getElementById("app-text").textContent);
  var KEY = "binhdan-volunteer:todo:" + D.user + ":" + D.team;
  var SYNC_KEY = "binhdan-volunteer:last-sync";
  var DAY = 24 * 3600 * 1000;
  var items = null; // the to-do rows, as the API gives them
  var refused = 0; // visits the server refused in the current sync

  function $(id) { return document.getElementById(id); }
  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return m ? { "X-CSRFToken": decodeURIComponent(m[1]) } : {};
  }
  function flash(text, bad) {
    var el = $("app-flash");
    el.textContent = text; el.className = "app-flash" + (bad ? " bad" : "");
  }

  // ---- the to-do list: from the API, else from the one-day cache ----
  function store() {
    if (items) localStorage.setItem(KEY, JSON.stringify({ at: Date.now(), items: items }));
  }
  function cached() {
    var c = JSON.parse(localStorage.getItem(KEY) || "null");
    if (c && Date.now() - c.at < DAY) return c.items;
    localStorage.removeItem(KEY);
    if (c) flash(T.stale, true);
    return null;
  }
  function refresh() {
    if (!navigator.onLine) return Promise.resolve();
    return fetch(D.todo, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (rows) { if (rows) { items = rows; store(); } })
      .catch(function () {});
  }
  function card(row) {
    var li = $("item-template").content.firstElementChild.cloneNode(true);
    li.dataset.person = row.person_id;
    li.querySelector(".name").textContent = row.name;
    li.querySelector(".village").textContent = row.village;
    li.querySelector(".todo-note").textContent = row.note || "";
    if (row.elderly) {
      var pill = document.createElement("span");
      pill.className = "pill"; pill.textContent = T.elderly;
      li.querySelector(".who").append(" ", pill);
    }
    li.querySelector("input[name=person_id]").value = row.person_id;
    return li;
  }
  function drawList(pending) {
    var ol = $("todo-list");
    ol.textContent = "";
    (items || []).forEach(function (row) {
      var li = card(row), wait = pending.filter(function (r) { return r.person_id === row.person_id; });
      if (wait.length) {
        li.querySelector(".item-state").textContent = T.waiting;
        li.classList.add("waiting");
      }
      ol.appendChild(li);
    });
    $("todo-empty").hidden = !!ol.children.length;
    $("todo-empty").textContent = T.empty;
  }

  // ---- the visit form: kinds, note, then one tap on an outcome ----
  root.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.classList.contains("visit-form")) return;
    e.preventDefault();
    var kinds = Array.prototype.map.call(form.querySelectorAll("input[name=service_kinds]:checked"), function (i) { return i.value; });
    if (!kinds.length) { flash(T.pick_kind, true); return; }
    var personId = +form.elements.person_id.value;
    var row = (items || []).filter(function (r) { return r.person_id === personId; })[0];
    var label = row ? row.name : "";
    var id = OfflineQueue.uuid();
    var rec = {
      client_uuid: id, person_id: personId, label: label,
      item: {
        client_uuid: id, person_id: personId, visited_at: new Date().toISOString(), service_kinds: kinds,
        outcome: e.submitter ? e.submitter.value : "done", note: form.elements.note.value.trim()
      }
    };
    queue.add(rec).then(function () {
      flash(T.saved.replace("%s", label));
      form.closest("details").open = false;
      return render();
    }).then(function () { if (navigator.onLine) queue.start(true); });
  });

  // ---- sync ----
  var queue = OfflineQueue.open({
    db: "binhdan-volunteer", stores: ["rejected"], batchSize: 200, headers: csrf,
    endpoint: D.batch, route: function () { return { url: D.batch, batch: "" }; },
    envelope: function (recs) { return { visits: recs.map(function (r) { return r.item; }) }; },
    onResult: function (rec, x) {
      if (x.status === "rejected") {
        refused += 1;
        return queue.put("rejected", {
          client_uuid: rec.client_uuid, label: rec.label,
          message: T.rejected.replace("%s", rec.label).replace("%s", x.message || x.code || "")
        });
      }
      flash(T.recorded.replace("%s", rec.label));
      if (rec.item.outcome === "done" && items) {
        items = items.filter(function (r) { return r.person_id !== rec.person_id; });
        store();
      }
    },
    onSynced: function (found) {
      localStorage.setItem(SYNC_KEY, new Date().toISOString());
      if (refused) flash(T.some_rejected, true);
      else if (found.length) flash(T.synced);
      refused = 0;
      return refresh();
    },
    onError: function (err) {
      flash(err.status === 401 || err.status === 403 ? T.login_again : T.sync_failed, true);
    },
    onChange: function () { return render(); }
  });

  function clock(iso) {
    return iso ? new Date(iso).toLocaleTimeString("vi-VN", { hour12: false }) : T.never;
  }
  function render() {
    $("net-status").textContent = navigator.onLine ? T.online : T.offline;
    $("net-status").className = "net " + (navigator.onLine ? "on" : "off");
    $("last-sync").textContent = clock(localStorage.getItem(SYNC_KEY));
    return queue.all().then(function (pending) {
      if (items) drawList(pending);
      $("count-pending").textContent = String(pending.length);
      return queue.all("rejected");
    }).then(function (rs) {
      var ul = $("rejected-list");
      ul.textContent = "";
      rs.forEach(function (r) {
        var li = document.createElement("li"), b = document.createElement("button");
        li.textContent = r.message + " ";
        b.type = "button"; b.className = "btn-secondary"; b.textContent = T.dismiss;
        b.onclick = function () { queue.remove([r.client_uuid], "rejected").then(render); };
        li.appendChild(b); ul.appendChild(li);
      });
      $("rejected-box").hidden = !ul.children.length;
    });
  }

  $("sync-now").addEventListener("click", function () { queue.start(true); });
  window.addEventListener("online", function () { render(); queue.start(true); });
  window.addEventListener("offline", render);

  items = cached();
  render().then(refresh).then(render).then(function () {
    root.setAttribute("data-ready", "1");
    queue.start(true);
  });
})();
