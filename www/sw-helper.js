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
 * a new cache and the old one is deleted. It stores no answers and sends
 * nothing anywhere but to the widget's own host.
 */
(function (self) {
  "use strict";
  var PREFIX = "can-refuse-widget-";

  function precache(base) {
    var root = new URL(base, self.location.href).href;
    if (!root.endsWith("/")) root += "/";
    var current = null;

    function release() {
      return fetch(root + "precache.json", { cache: "no-cache", mode: "cors" }).then(function (response) {
        if (!response.ok) throw new Error("can-refuse: precache.json: HTTP " + response.status);
        return response.json();
      });
    }

    self.addEventListener("install", function (event) {
      event.waitUntil(
        release().then(function (list) {
          current = PREFIX + list.release;
          return caches.open(current).then(function (cache) {
            return cache.addAll(
              list.files.map(function (file) {
                return new Request(new URL(file, root).href, { mode: "cors", cache: "no-cache" });
              }),
            );
          });
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
          var lookup = name ? caches.open(name).then(function (cache) { return cache.match(request); }) : Promise.resolve(null);
          return lookup.then(function (cached) {
            return cached || fetch(request);
          });
        }),
      );
    });
  }

  self.CanRefuseOffline = { precache: precache };
})(self);
