/* OfflineQueue: records wait in IndexedDB until a JSON API answers for each; no DOM, no texts.
   q = OfflineQueue.open({db, stores, endpoint, batchSize, headers(), envelope(recs), route(rec)
   -> {url, batch key (else one POST of body), rank}, onResult, onSynced, onError, onChange}).
   q.add(rec) sets client_uuid, created; q.sync() POSTs by rank, then age; each batch result
   {client_uuid, status, reason, message} goes to onResult and its record leaves; another 4xx
   rejects the request's records (http: status); network (status 0), 5xx, 401, 403 stop it
   (onError), keeping them. One sync at a time; q.start(fresh) syncs now, then every 30 s or
   with backoff. Handlers may return promises: the sync waits. */
(function () {
  "use strict";

  function uuid() {
    var c = window.crypto;
    if (c && c.randomUUID) return c.randomUUID();
    var b = new Uint8Array(16), i;
    if (c && c.getRandomValues) c.getRandomValues(b);
    else for (i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join("-");
  }

  // POST JSON with the cookies; a failure rejects with .status (0: network) and the message.
  function post(url, body, headers) {
    return fetch(url, {
      method: "POST", credentials: "same-origin", body: JSON.stringify(body || {}),
      headers: Object.assign({ "Content-Type": "application/json" }, headers)
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) {
        if (!r.ok) { var e = new Error(j.message || "HTTP " + r.status); e.status = r.status; throw e; }
        return j;
      });
    }, function (e) { e.status = 0; throw e; });
  }

  function order(a, b) { return a.created < b.created ? -1 : a.created > b.created ? 1 : 0; }

  function open(o) {
    var STORE = o.store || "queue", SIZE = o.batchSize || 100, dbp = null;
    var running = null, timer = null, q = { failures: 0 };
    function emit(type, a, b) { return Promise.resolve(o[type] && o[type](a, b)); }

    function db() {
      if (!dbp) dbp = new Promise(function (ok, ko) {
        var r = indexedDB.open(o.db, 1);
        r.onupgradeneeded = function () {
          [STORE].concat(o.stores || []).forEach(function (s) { r.result.createObjectStore(s, { keyPath: "client_uuid" }); });
        };
        r.onsuccess = function () { ok(r.result); };
        r.onerror = function () { ko(r.error); };
      });
      return dbp;
    }
    function tx(store, mode, fn) {
      return db().then(function (d) {
        return new Promise(function (ok, ko) {
          var t = d.transaction(store, mode), out, req = fn(t.objectStore(store));
          if (req) req.onsuccess = function () { out = req.result; };
          t.oncomplete = function () { ok(out); };
          t.onerror = t.onabort = function () { ko(t.error); };
        });
      });
    }
    q.all = function (store) { return tx(store || STORE, "readonly", function (s) { return s.getAll(); }); };
    q.put = function (store, v) { return tx(store, "readwrite", function (s) { s.put(v); }); };
    q.remove = function (keys, store) {
      return tx(store || STORE, "readwrite", function (s) { keys.forEach(function (k) { s.delete(k); }); });
    };
    q.add = function (rec) {
      rec.client_uuid = rec.client_uuid || uuid();
      rec.created = rec.created || new Date().toISOString();
      return q.put(STORE, rec).then(function () { return emit("onChange"); }).then(function () { return rec; });
    };
    q.pending = function () { return q.all().then(function (list) { return list.sort(order); }); };

    function route(rec) { return o.route ? o.route(rec) : { url: o.endpoint, batch: "" }; }
    function settle(recs, results) {
      var byId = {}, done = [];
      recs.forEach(function (r) { byId[r.client_uuid] = r; });
      return Promise.all(results.map(function (x) {
        var rec = byId[x.client_uuid];
        if (!rec) return null;
        done.push(x.client_uuid);
        return emit("onResult", rec, x);
      })).then(function () { return q.remove(done); });
    }
    function send(step) {
      var recs = step.recs, body = !step.batch ? step.body : o.envelope ? o.envelope(recs) : { items: recs };
      return post(step.url, body, o.headers && o.headers()).then(function (j) {
        return settle(recs, step.batch ? j.results || [] : [{ client_uuid: recs[0].client_uuid, status: "created", response: j }]);
      }, function (e) {
        if (!e.status || e.status >= 500 || e.status === 401 || e.status === 403) throw e;
        return settle(recs, recs.map(function (r) {
          return { client_uuid: r.client_uuid, status: "rejected", reason: "", message: e.message, http: e.status };
        }));
      });
    }
    function run() {
      var found;
      return q.all().then(function (list) {
        found = list;
        var steps = [], groups = {}, chain = Promise.resolve();
        list.map(function (r) { return [route(r), r]; }).sort(function (a, b) {
          return (a[0].rank || 0) - (b[0].rank || 0) || order(a[1], b[1]);
        }).forEach(function (p) {
          var to = p[0], r = p[1], k = to.url + " " + to.batch;
          if (to.batch == null) steps.push({ url: to.url, body: to.body, recs: [r] });
          else if (groups[k]) groups[k].recs.push(r);
          else steps.push(groups[k] = { url: to.url, batch: true, recs: [r] });
        });
        steps.forEach(function (s) {
          for (var i = 0; i < s.recs.length; i += SIZE) (function (part) {
            chain = chain.then(function () { return send(part); });
          })({ url: s.url, body: s.body, batch: s.batch, recs: s.recs.slice(i, i + SIZE) });
        });
        return chain;
      }).then(function () {
        q.failures = 0;
        return emit("onSynced", found);
      }, function (e) {
        q.failures += 1;
        return emit("onError", e);
      }).then(function () { return emit("onChange"); });
    }
    q.sync = function () {
      if (running) return running;
      if (!navigator.onLine) return Promise.resolve();
      var done = function () { running = null; };
      return (running = run().then(done, done));
    };
    q.start = function (fresh) {
      if (fresh) q.failures = 0;
      clearTimeout(timer);
      function later() {
        var f = q.failures, wait = f ? Math.min(300000, 5000 * Math.pow(2, f - 1)) : o.interval || 30000;
        clearTimeout(timer);
        timer = setTimeout(q.start, wait);
      }
      return q.sync().then(later, later);
    };
    return q;
  }

  window.OfflineQueue = { open: open, uuid: uuid, post: post };
})();
