// The demo page's service worker: after one visit the page and every answer
// work offline. Each release has its own cache, filled whole at install
// (precache.json lists every file); a new release waits until the person
// agrees to update (the page asks), then replaces the old cache as a whole,
// so old JS never meets new wasm. Nothing is sent anywhere: it only serves
// this site's own files.
const RELEASE = "development"; // written by scripts/manifest.mjs
const PREFIX = "can-refuse-";
const CACHE = PREFIX + RELEASE;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const response = await fetch("precache.json", { cache: "no-cache" });
      if (!response.ok) throw new Error(`precache.json: HTTP ${response.status}`);
      const { files } = await response.json();
      const cache = await caches.open(CACHE);
      // All or nothing: a failed download leaves the old release in charge.
      await cache.addAll(files.map((file) => new Request(file, { cache: "no-cache" })));
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data?.type === "update-now") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const cached = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
      if (cached) return cached;
      try {
        return await fetch(request);
      } catch (error) {
        // Offline: any page of the site opens the demo page.
        if (request.mode === "navigate") {
          const page = await cache.match("./");
          if (page) return page;
        }
        throw error;
      }
    })(),
  );
});
