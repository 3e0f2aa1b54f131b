// The demo page's service worker: after one visit the page and every answer
// work offline. Each release has its own cache, filled whole at install
// (precache.json lists every file); a new release waits until the person
// agrees to update (the page asks), then replaces the old cache as a whole,
// so old JS never meets new wasm. A device without room for the copy keeps
// working online (the page says offline use is not available), and a copy
// partly cleared by the browser is never topped up from a newer release.
// Nothing is sent anywhere: it only serves this site's own files.
const RELEASE = "development"; // written by scripts/manifest.mjs
const PREFIX = "can-refuse-";
const CACHE = PREFIX + RELEASE;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const response = await fetch("precache.json", { cache: "no-cache" });
      if (!response.ok) throw new Error(`precache.json: HTTP ${response.status}`);
      const list = await response.clone().json();
      const cache = await caches.open(CACHE);
      try {
        // All or nothing: a failed download leaves the old release in charge.
        await cache.addAll(list.files.map((file) => new Request(file, { cache: "no-cache" })));
        await cache.put(LIST, response); // what "whole" means, for `whole`
      } catch (error) {
        await caches.delete(CACHE);
        // No room on this device (or a download failed): the page says so
        // and goes on working online.
        const reason = error?.name === "QuotaExceededError" ? "storage" : "download";
        await tell({ type: "offline-unavailable", reason });
        throw error;
      }
    })(),
  );
});

const LIST = "precache.json";

/** Sends `message` to every page of the site, controlled or not. */
async function tell(message) {
  for (const client of await self.clients.matchAll({ includeUncontrolled: true, type: "window" })) client.postMessage(message);
}

/**
 * How many of the release's files are missing from its cache (0: whole).
 * Browsers may clear storage under pressure; half a release must never be
 * topped up with another release's files.
 */
async function missing(cache) {
  const listed = await cache.match(LIST);
  if (!listed) return Infinity;
  const { files } = await listed.json();
  const have = new Set((await cache.keys()).map((request) => request.url));
  return files.filter((file) => !have.has(new URL(file, self.location.href).href)).length;
}

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
  // The page asks whether its offline copy is whole.
  if (event.data?.type === "check") {
    event.waitUntil(
      (async () => {
        const absent = await missing(await caches.open(CACHE));
        event.source?.postMessage({ type: "offline-status", missing: absent === Infinity ? -1 : absent });
      })(),
    );
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      if (request.mode === "navigate" && (await missing(cache)) > 0) {
        // A copy with files missing: online, the network's release serves
        // the whole page and the partial copy goes; offline, what is here
        // serves, and the page says what is missing.
        try {
          const response = await fetch(request);
          await caches.delete(CACHE);
          return response;
        } catch {
          // offline: below
        }
      }
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
