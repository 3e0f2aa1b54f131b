/*
 * Offline for partner sites. A service worker only serves its own site's
 * pages, so a partner who wants the can-refuse widget to work offline adds
 * two lines to their own service worker:
 *
 *   importScripts("https://HOST/can-refuse/sw-helper.js");
 *   CanRefuseOffline.precache("https://HOST/can-refuse/");
 *
 * On install it stores every file of the widget's current release (listed in
 * precache.json) in a cache of its own, then serves the widget's files from
 * it; other requests are left to the partner's own code. A new release gets
 * a new cache and the old one is deleted. A device without room for it
 * keeps the partner's worker installing (the widget then works online
 * only), and a copy with files missing is not used at all: half a release
 * is never topped up with another's files. It stores no answers and sends
 * nothing anywhere but to the widget's own host.
 */
(function (self) {
  "use strict";
  var PREFIX = "can-refuse-widget-";
  var LIST = "https://can-refuse.invalid/precache.json"; // the release's file list, kept beside its files

  function precache(base) {
    var root = new URL(base, self.location.href).href;
    if (!root.endsWith("/")) root += "/";
    var current = null;
    var checked = {};

    /** Does the cache `name` still hold every file of its release? (Asked once per cache and worker.) */
    function whole(name) {
      checked[name] =
        checked[name] ||
        caches.open(name).then(function (cache) {
          return cache.match(LIST).then(function (listed) {
            if (!listed) return false;
            return Promise.all([listed.json(), cache.keys()]).then(function (both) {
              var have = {};
              both[1].forEach(function (request) { have[request.url] = true; });
              return both[0].files.every(function (file) { return have[new URL(file, root).href]; });
            });
          });
        });
      return checked[name];
    }

    function release() {
      return fetch(root + "precache.json", { cache: "no-cache", mode: "cors" }).then(function (response) {
        if (!response.ok) throw new Error("can-refuse: precache.json: HTTP " + response.status);
        return response.json();
      });
    }

    self.addEventListener("install", function (event) {
      event.waitUntil(
        release()
          .then(function (list) {
            var name = PREFIX + list.release;
            return caches.open(name).then(function (cache) {
              var requests = list.files.map(function (file) {
                return new Request(new URL(file, root).href, { mode: "cors", cache: "no-cache" });
              });
              return cache.addAll(requests).then(
                function () {
                  current = name;
                  delete checked[name];
                  return cache.put(LIST, new Response(JSON.stringify(list)));
                },
                function () {
                  return caches.delete(name); // no room, or a failed download: online only
                },
              );
            });
          })
          .catch(function () {
            // The widget's offline copy never fails the partner's own worker.
          }),
      );
    });

    self.addEventListener("activate", function (event) {
      event.waitUntil(
        caches.keys().then(function (names) {
          var ours = names.filter(function (n) { return n.indexOf(PREFIX) === 0; });
          // Keep the newest cache this worker filled; drop the rest.
          var keep = current || ours[ours.length - 1];
          return Promise.all(ours.filter(function (n) { return n !== keep; }).map(function (n) { return caches.delete(n); }));
        }),
      );
    });

    self.addEventListener("fetch", function (event) {
      var request = event.request;
      if (request.method !== "GET" || request.url.indexOf(root) !== 0) return;
      event.respondWith(
        caches.keys().then(function (names) {
          var ours = names.filter(function (n) { return n.indexOf(PREFIX) === 0; });
          var name = current && ours.indexOf(current) >= 0 ? current : ours[ours.length - 1];
          // A copy with files missing is not used: the network's release serves whole.
          var lookup = name
            ? whole(name).then(function (ok) {
                return ok ? caches.open(name).then(function (cache) { return cache.match(request); }) : null;
              })
            : Promise.resolve(null);
          return lookup.then(function (cached) {
            return cached || fetch(request);
          });
        }),
      );
    });
  }

  self.CanRefuseOffline = { precache: precache };
})(self);
