/* Service worker of the volunteer app ({{ scope }}), version {{ version }}.
   Static files: cache first. Pages: network first, never stored (they hold names); offline,
   the app's empty shell, which the page's script fills from the phone's one-day cache.
   API calls and every non-GET request go straight to the network (never cached). */
"use strict";
{% include "core/_sw_common.js" with cache_prefix="binhdan-volunteer-" %}
var SHELL_PAGE = {{ shell_page_json|safe }};

function keep(cache, request) {
  return fetch(request).then(function (response) {
    if (response.ok && !response.redirected && response.type === "basic") return cache.put(request, response);
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    // One missing file must not stop the install.
    return Promise.all(SHELL.concat([SHELL_PAGE]).map(function (url) {
      return keep(cache, new Request(url, { credentials: "same-origin" })).catch(function () {});
    }));
  }).then(function () { return self.skipWaiting(); }));
});

function offline() {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(SHELL_PAGE, { ignoreVary: true });
  }).then(function (hit) { return hit || offlineAnswer(); });
}

onFetch(function (request, url) {
  if (request.mode !== "navigate" || url.pathname.indexOf(SCOPE) !== 0) return null;
  return fetch(request).catch(offline);
});

// The page asks for the shell to be (re)stored once it is signed in; logging out clears it.
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.clear) {
    event.waitUntil(caches.delete(CACHE));
    return;
  }
  if (!data.shell) return;
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return keep(cache, new Request(SHELL_PAGE, { credentials: "same-origin" }));
  }).then(function () {
    if (event.source) event.source.postMessage({ cached: true });
  }).catch(function () {}));
});
