var CACHE = "{{ cache_prefix }}{{ version }}";
var SCOPE = {{ scope_json|safe }};
var STATIC = {{ static_json|safe }};
var SHELL = {{ shell_json|safe }};

// A new version drops the caches of the older ones (of this app only).
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) {
      return k.indexOf("{{ cache_prefix }}") === 0 && k !== CACHE;
    }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

// The requests a worker looks at: same-origin GETs (posts and other hosts pass by).
function ownGet(request) {
  if (request.method !== "GET") return null;
  var url = new URL(request.url);
  return url.origin === self.location.origin ? url : null;
}

// Static files: the cached copy, else the network (and keep what it gave).
function cacheFirst(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request, { ignoreVary: true }).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        if (response.ok && response.type === "basic") cache.put(request, response.clone());
        return response;
      });
    });
  });
}

function offlineAnswer() {
  return new Response("Offline", { status: 503, headers: { "Content-Type": "text/plain" } });
}

// Static files are cache first for every app; ``pages(request, url)`` answers the app's own
// pages (a promise of a response) or returns nothing to let the request pass.
function onFetch(pages) {
  self.addEventListener("fetch", function (event) {
    var url = ownGet(event.request);
    if (!url) return;
    var answer = url.pathname.indexOf(STATIC) === 0 ? cacheFirst(event.request) : pages(event.request, url);
    if (answer) event.respondWith(answer);
  });
}
