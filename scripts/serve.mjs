// A small static file server for the demo and the browser tests: correct
// MIME types (application/wasm), the caching headers the docs recommend
// (immutable for hashed files, revalidate the rest), loopback only.
// Usage: node scripts/serve.mjs DIR [PORT]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".data": "application/octet-stream",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".webmanifest": "application/manifest+json",
};

/**
 * Starts a server for `root`; resolves once it listens. `types` overrides
 * MIME types by extension (the browser tests serve .wasm wrongly on purpose);
 * `gzip` compresses responses for clients that accept it, as a CDN would
 * (the benchmark measures what crosses the network).
 */
export function serve(root, port = 0, host = "127.0.0.1", { types = {}, gzip = false } = {}) {
  const base = resolve(root);
  const compressed = new Map();
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      let file = normalize(join(base, path));
      if (!file.startsWith(base)) throw Object.assign(new Error("outside root"), { code: "ENOENT" });
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      let body = await readFile(file);
      const encoding = {};
      if (gzip && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
        if (!compressed.has(file)) compressed.set(file, gzipSync(body, { level: 9 }));
        body = compressed.get(file);
        encoding["content-encoding"] = "gzip";
        encoding.vary = "accept-encoding";
      }
      res.writeHead(200, {
        ...encoding,
        "content-type": types[extname(file)] ?? TYPES[extname(file)] ?? "application/octet-stream",
        // The widget is loaded from partner sites on other origins.
        "access-control-allow-origin": "*",
        // Hashed engine and data files never change: cache them forever.
        // Everything else is checked with the server on each use.
        "cache-control": /\.[0-9a-f]{8,10}\.(data|wasm)$/.test(file) ? "public, max-age=31536000, immutable" : "no-cache",
        "x-content-type-options": "nosniff",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (e) {
      res.writeHead(e.code === "ENOENT" || e.code === "ENOTDIR" ? 404 : 500, { "content-type": "text/plain" });
      res.end(e.code === "ENOENT" || e.code === "ENOTDIR" ? "not found\n" : "server error\n");
    }
  });
  return new Promise((done) => server.listen(port, host, () => done(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root = "dist", port = "8080"] = process.argv.slice(2);
  const server = await serve(root, Number(port));
  const { port: bound } = server.address();
  console.log(`can-refuse demo: http://127.0.0.1:${bound}/  (Ctrl-C to stop)`);
}
