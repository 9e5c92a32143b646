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
