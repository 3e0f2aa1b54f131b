// Finishes a release in DIR (after the files are copied there):
// - gives the engine and the data cores content-hashed names and writes
//   DIR/manifest.js with their URLs and Subresource Integrity hashes (the
//   data chunks already carry their checksums in their names, from the core);
// - lists the languages (www/lang/*.js) with their own names;
// - bundles the interface (ui.js, ui/, engine.js, ready.js) with the wasm glue
//   (pkg/can_refuse.js) and the manifest into the one ui.js the page loads,
//   and writes the manifest into widget.js too, so the loader can start
//   fetching the engine, the data core and the interface text at once,
//   beside ui.js, instead of one after another;
// - writes the release id into sw.js (the demo's service worker) and
//   precache.json (every file of the release), so a new release is a new
//   service worker and a new cache, replaced as a whole;
// - publishes widget.js's integrity value in widget.js.integrity.
// Usage: node scripts/manifest.mjs DIR
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { buildSync } from "esbuild";

const dir = resolve(process.argv[2] ?? "dist");
const version = /^version = "([^"]+)"/m.exec(readFileSync(new URL("../Cargo.toml", import.meta.url), "utf8"))?.[1];
const hash = (bytes, algorithm) => createHash(algorithm).update(bytes).digest();

/** Every file under `root`, as paths relative to DIR with forward slashes. */
function walk(root) {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? walk(path) : [relative(dir, path).split("\\").join("/")];
  });
}

// The files the page fetches by a fixed name: hashed here, pinned by SHA-384.
const files = {};
for (const name of walk(dir).filter((f) => f.endsWith(".wasm") || f.endsWith("can-refuse.data"))) {
  const bytes = readFileSync(join(dir, name));
  const hashed = name.replace(/\.(data|wasm)$/, (ext) => `.${hash(bytes, "sha256").toString("hex").slice(0, 10)}${ext}`);
  renameSync(join(dir, name), join(dir, hashed));
  files[name] = { url: hashed, integrity: `sha384-${hash(bytes, "sha384").toString("base64")}` };
}

// The ready answers (every state's first questions, answered by the engine
// at build time: src/export/ready.rs), one file per state and language and
// one of the choices alone,
// named by one id for the whole set: the loader then needs only that id to
// name any state's file, and a release that changes any answer renames them
// all. They are not pinned by SRI (their hashes would double the loader):
// the interface checks each answer it shows against the engine once the
// engine is up.
const readyFiles = walk(dir).filter((f) => /(^|\/)ready-([A-Z]{2}|choices)\.json$/.test(f)).sort();
const ready = readyFiles.length
  ? hash(Buffer.concat(readyFiles.map((f) => Buffer.concat([Buffer.from(f), readFileSync(join(dir, f))]))), "sha256").toString("hex").slice(0, 10)
  : undefined;
for (const f of readyFiles) renameSync(join(dir, f), join(dir, f.replace(/\.json$/, `.${ready}.json`)));

/** English under `over`, key by key, so a string a translation lacks shows in English. */
function withFallback(base, over) {
  const out = { ...base };
  for (const [key, value] of Object.entries(over ?? {})) {
    const nested = value && typeof value === "object" && base[key] && typeof base[key] === "object";
    out[key] = nested ? withFallback(base[key], value) : value;
  }
  return out;
}
const english = (await import(pathToFileURL(join(dir, "lang/en.js")).href)).default;
const langs = [];
for (const file of walk(join(dir, "lang")).sort()) {
  const code = file.replace(/^lang\/|\.js$/g, "");
  const text = code === "en" ? english : withFallback(english, (await import(pathToFileURL(join(dir, file)).href)).default);
  if (code !== "en") {
    if (!files[`${code}/can-refuse.data`]) throw new Error(`lang/${code}.js has no data: add data/lang/${code}/`);
    writeFileSync(join(dir, file), `export default ${JSON.stringify(text)};\n`);
  }
  langs.push({ code, name: text.languageName, loading: text.loading });
}
langs.sort((a, b) => (a.code === "en" ? -1 : b.code === "en" ? 1 : a.code.localeCompare(b.code)));

// The interface, bundled: one request, however many modules. The language
// files stay files of their own (a page loads one).
const manifest = { version, langs, files, ready };
// The name chunks share one id (src/dataset/files.rs), so the interface
// can name a preset town's chunk before the engine is up: the id, and the
// keys the compiler split into longer ones (the loader does without them).
const nameChunks = walk(dir).map((f) => /^names-([a-z0-9]+)\.([0-9a-f]{8})\.data$/.exec(f)).filter(Boolean);
const nameIds = new Set(nameChunks.map(([, , id]) => id));
if (nameIds.size > 1) throw new Error(`name chunks with ${nameIds.size} different ids: rebuild dist/`);
// Every shorter beginning of a longer key was split ("mad" → "ma").
const split = [...new Set(nameChunks.flatMap(([, key]) => [...key.slice(2)].map((_, i) => key.slice(0, i + 2))))].sort();
const names = nameIds.size ? { id: [...nameIds][0], split } : undefined;
writeFileSync(join(dir, "manifest.js"), `// Generated by scripts/manifest.mjs: do not edit.\nexport default ${JSON.stringify({ ...manifest, names })};\n`);
writeFileSync(join(dir, "can_refuse.js"), readFileSync(new URL("../pkg/can_refuse.js", import.meta.url)));
buildSync({
  entryPoints: [join(dir, "ui.js")],
  bundle: true,
  format: "esm",
  minify: true,
  external: ["./lang/*"],
  // Clean built-ins for the bundle, on host pages that replaced the globals.
  inject: [join(dir, "clean.js")],
  outfile: join(dir, "ui.js"),
  allowOverwrite: true,
  logLevel: "warning",
});
// Files of their own, loaded only when needed: the link and print buttons
// (once an answer shows), the answer card with its QR code library (when
// someone prints).
for (const entry of ["takeaway.js", "print.js", "map.js"]) {
  buildSync({
    entryPoints: [join(dir, entry)],
    bundle: true,
    format: "esm",
    minify: true,
    outfile: join(dir, entry),
    allowOverwrite: true,
    logLevel: "warning",
  });
}
for (const source of ["engine.js", "ready.js", "ui", "can_refuse.js", "clean.js"]) rmSync(join(dir, source), { recursive: true, force: true });
// The loader's copy: what it fetches at once, with each language's law
// chunks by state (their checksums; from the data compiler's laws.json),
// so a widget preset to a state fetches its laws beside the engine.
const laws = {};
for (const [lang, names] of Object.entries(JSON.parse(readFileSync(join(dir, "laws.json"), "utf8")))) {
  laws[lang] = Object.fromEntries(names.map((n) => /^laws-([A-Z]{2})\.([0-9a-f]{8})\.data$/.exec(n).slice(1)));
}
rmSync(join(dir, "laws.json"));
const widgetFile = join(dir, "widget.js");
// The loader and its loader/ modules, as the one classic script partners load.
buildSync({
  entryPoints: [widgetFile],
  bundle: true,
  format: "iife",
  minify: true,
  outfile: widgetFile,
  allowOverwrite: true,
  logLevel: "warning",
});
rmSync(join(dir, "loader"), { recursive: true, force: true });
const placeholder = '"can-refuse:manifest"';
const loader = readFileSync(widgetFile, "utf8");
if (!loader.includes(placeholder)) throw new Error("widget.js has no manifest placeholder");
// The loader's own words (English; a failure shows them in the person's
// language once its interface file loads).
const { errors } = english;
const words = { load: errors.load, slow: errors.slow, page: errors.page, noBase: errors.noBase, retry: english.retry, openOwnPage: english.openOwnPage };
writeFileSync(widgetFile, loader.replace(placeholder, JSON.stringify({ ...manifest, laws, words })));

const release = hash(
  Buffer.concat(walk(dir).filter((f) => !/^(sw\.js|precache\.json|manifest\.js)$/.test(f)).sort().map((f) => Buffer.concat([Buffer.from(f), readFileSync(join(dir, f))]))),
  "sha256",
)
  .toString("hex")
  .slice(0, 12);

// Everything a visitor may need offline, for the service worker.
// Not the open data under data/ (it is for download, not for answering),
// except the map's own files, so the map works offline.
// Nor the ready answers: offline, the engine (precached) answers everything.
const skip = /^(sw\.js|precache\.json|widget\.js\.integrity|embed\.html|fixtures\/.*|data\/(?!v1\/map\/).*|([a-z]{2}\/)?ready-([A-Z]{2}|choices)\.[0-9a-f]{10}\.json)$/;
const precache = walk(dir).filter((f) => !skip.test(f)).sort();
writeFileSync(join(dir, "precache.json"), JSON.stringify({ release, files: ["./", ...precache] }));
const sw = readFileSync(join(dir, "sw.js"), "utf8");
if (!sw.includes('"development"')) throw new Error("sw.js has no release placeholder");
writeFileSync(join(dir, "sw.js"), sw.replace('"development"', JSON.stringify(release)));

// The widget as an npm package, for partners who bundle: DIR is the package.
writeFileSync(
  join(dir, "package.json"),
  `${JSON.stringify(
    {
      name: "can-refuse-widget",
      version,
      description: "Can my local police refuse to help ICE? An embeddable, private, offline-capable answer (English and Spanish). General information, not legal advice.",
      type: "module",
      exports: { ".": "./module.js", "./widget.js": "./widget.js", "./sw-helper.js": "./sw-helper.js" },
      license: "MIT",
      sideEffects: false,
    },
    null,
    2,
  )}\n`,
);

const widget = `sha384-${hash(readFileSync(join(dir, "widget.js")), "sha384").toString("base64")}`;
writeFileSync(join(dir, "widget.js.integrity"), `${widget}\n`);
console.log(
  `manifest: version ${version}, release ${release}; ${Object.keys(files).length} pinned files, ${precache.length} files to precache; languages ${langs.map((l) => l.code).join(", ")}; widget.js ${widget}`,
);
