/* OfflineQueue: records wait in IndexedDB until a JSON API answers for each; no DOM, no texts.
   q = OfflineQueue.open({db, stores, endpoint, batchSize, headers(), envelope(recs), route(rec)
   -> {url, batch key (else one POST of body), rank}, onResult, onSynced, onError, onChange}).
   q.add(rec) sets client_uuid, created; q.sync() POSTs by rank, then age; each batch result
   {client_uuid, status, reason, message} goes to onResult and its record leaves; another 4xx
   rejects the request's records (http: status); network (status 0), 5xx, 401, 403 stop it
   (onError), keeping them. One sync at a time; q.start(fresh) syncs now, then every 30 s or
   with backoff. Handlers may return promises: the sync waits. ES2017. */
(() => {
  "use strict";

  function uuid() {
    const c = window.crypto, b = new Uint8Array(16);
    if (c && c.randomUUID) return c.randomUUID();
    if (c && c.getRandomValues) c.getRandomValues(b);
    else for (let i = 0; i < 16; i++) b[i] = Math.random() * 256;
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    const h = Array.from(b, x => (x + 256).toString(16).slice(1)).join("");
    return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join("-");
  }

  // POST JSON with the cookies; a failure rejects with .status (0: network) and the message.
  async function post(url, body, headers) {
    let r;
    try {
      r = await fetch(url, {
        method: "POST", credentials: "same-origin", body: JSON.stringify(body || {}),
        headers: Object.assign({ "Content-Type": "application/json" }, headers)
      });
    } catch (e) { e.status = 0; throw e; }
    const j = await r.json().catch(() => ({}));
    if (r.ok) return j;
    const e = new Error(j.message || "HTTP " + r.status);
    e.status = r.status;
    throw e;
  }

  // Oldest first; records added in the same millisecond keep the order they were added in.
  let seq = 0;
  const order = (a, b) =>
    a.created < b.created ? -1 : a.created > b.created ? 1 : (a.seq || 0) - (b.seq || 0);

  function open(o) {
    const STORE = o.store || "queue", SIZE = o.batchSize || 100;
    const q = { failures: 0 }, emit = async (type, a, b) => o[type] && o[type](a, b);
    let dbp, running, timer, again;

    const db = () => dbp || (dbp = new Promise((ok, ko) => {
      const r = indexedDB.open(o.db, 1);
      r.onupgradeneeded = () => [STORE].concat(o.stores || []).forEach(s => r.result.createObjectStore(s, { keyPath: "client_uuid" }));
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    }));
    const tx = async (store, mode, fn) => {
      const d = await db();
      return new Promise((ok, ko) => {
        const t = d.transaction(store, mode), req = fn(t.objectStore(store));
        t.oncomplete = () => ok(req && req.result);
        t.onerror = t.onabort = () => ko(t.error);
      });
    };
    q.all = store => tx(store || STORE, "readonly", s => s.getAll());
    q.put = (store, v) => tx(store, "readwrite", s => { s.put(v); });
    q.remove = (keys, store) => tx(store || STORE, "readwrite", s => keys.forEach(k => s.delete(k)));
    q.pending = async () => (await q.all()).sort(order);
    q.add = async rec => {
      rec.client_uuid = rec.client_uuid || uuid();
      rec.created = rec.created || new Date().toISOString();
      rec.seq = rec.seq || ++seq;
      await q.put(STORE, rec);
      await emit("onChange");
      return rec;
    };

    // Each answered record goes to onResult, then leaves the queue.
    async function settle(recs, results) {
      const done = results.filter(x => recs.some(r => r.client_uuid === x.client_uuid));
      await Promise.all(done.map(x => emit("onResult", recs.find(r => r.client_uuid === x.client_uuid), x)));
      await q.remove(done.map(x => x.client_uuid));
    }
    async function send(step) {
      const recs = step.recs;
      let j;
      try {
        j = await post(step.url, !step.batch ? step.body : o.envelope ? o.envelope(recs) : { items: recs }, o.headers && o.headers());
      } catch (e) {
        if (!e.status || e.status >= 500 || e.status === 401 || e.status === 403) throw e;
        return settle(recs, recs.map(r => ({ client_uuid: r.client_uuid, status: "rejected", reason: "", message: e.message, http: e.status })));
      }
      return settle(recs, step.batch ? j.results || [] : [{ client_uuid: recs[0].client_uuid, status: "created", response: j }]);
    }
    async function run() {
      const steps = [], groups = {};
      let found;
      try {
        found = await q.all();
        found.map(r => [o.route ? o.route(r) : { url: o.endpoint, batch: "" }, r])
          .sort((a, b) => (a[0].rank || 0) - (b[0].rank || 0) || order(a[1], b[1]))
          .forEach(([to, r]) => {
            const k = to.url + " " + to.batch;
            if (to.batch == null) steps.push({ url: to.url, body: to.body, recs: [r] });
            else if (groups[k]) groups[k].recs.push(r);
            else steps.push(groups[k] = { url: to.url, batch: true, recs: [r] });
          });
        for (const s of steps) {
          for (let i = 0; i < s.recs.length; i += SIZE) await send(Object.assign({}, s, { recs: s.recs.slice(i, i + SIZE) }));
        }
        q.failures = 0;
        await emit("onSynced", found);
      } catch (e) {
        q.failures += 1;
        await emit("onError", e);
      }
      await emit("onChange");
    }
    // A call mid-sync joins it; the sync then runs again for what was added meanwhile.
    q.sync = () => {
      if (running) return (again = true, running);
      if (!navigator.onLine) return Promise.resolve();
      const loop = async () => {
        try {
          do { again = false; await run(); }
          while (again && !q.failures && navigator.onLine && (await q.all()).length);
        } finally { running = null; }
      };
      return (running = loop());
    };
    q.start = fresh => {
      if (fresh) q.failures = 0;
      clearTimeout(timer);
      const later = () => {
        const f = q.failures;
        clearTimeout(timer);
        timer = setTimeout(() => q.start(), f ? Math.min(300000, 5000 * Math.pow(2, f - 1)) : o.interval || 30000);
      };
      return q.sync().then(later, later);
    };
    return q;
  }

  window.OfflineQueue = { open, uuid, post };
})();
