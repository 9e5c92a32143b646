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
