/* Service worker of the operator console ({{ scope }}), version {{ version }}.
   Static files: cache first. Console pages: network first, the last good copy when offline.
   API calls and every non-GET request go straight to the network (never cached). */
"use strict";
{% include "core/_sw_common.js" with cache_prefix="binhdan-console-" %}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    // One missing file must not stop the install: add them one by one.
    return Promise.all(SHELL.map(function (url) { return cache.add(url).catch(function () {}); }));
  }).then(function () { return self.skipWaiting(); }));
});

function keep(request, response) {
  // Only a page really served (not a redirect to the login page) is kept.
  if (response && response.ok && !response.redirected && response.type === "basic") {
    var copy = response.clone();
    caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
  }
  return response;
}

function fromCache(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request, { ignoreVary: true }).then(function (hit) {
      if (hit || request.mode !== "navigate") return hit;
      return cache.match(SCOPE, { ignoreVary: true });
    });
  }).then(function (hit) { return hit || offlineAnswer(); });
}

onFetch(function (request, url) {
  if (url.pathname.indexOf(SCOPE) !== 0 || url.pathname === SCOPE + "sw.js") return null;
  return fetch(request).then(function (response) {
    return keep(request, response);
  }, function () { return fromCache(request); });
});

// A page asks to be kept for offline use (its first load happened before the worker).
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.clear) {
    event.waitUntil(caches.delete(CACHE));
    return;
  }
  if (!data.cache) return;
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(data.cache.map(function (path) {
      var request = new Request(path, { credentials: "same-origin" });
      return fetch(request).then(function (response) {
        if (response.ok && !response.redirected) return cache.put(request, response);
      });
    }));
  }).then(function () {
    if (event.source) event.source.postMessage({ cached: true });
  }).catch(function () {}));
});
