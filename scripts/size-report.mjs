// Size report: what a person downloads, raw and gzip (level 9), against the
// budgets the project set itself. Writes DIR/size-report.json.
// Usage: node scripts/size-report.mjs [DIR] [--strict]
//   --strict  exit 1 when a budget is exceeded (the test command reports only)
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--")) ?? "dist";
const strict = args.includes("--strict");
const KB = 1024;
const kb = (n) => `${(n / KB).toFixed(1)} KB`;

const measure = (file) => {
  const bytes = readFileSync(join(dir, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const sum = (rows) => rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip }), { raw: 0, gzip: 0 });
const files = readdirSync(dir, { recursive: true }).map(String);
const manifest = (await import(pathToFileURL(join(dir, "manifest.js")).href)).default;
const url = (name) => manifest.files?.[name]?.url ?? name;
const loader = measure("widget.js");
// What every first answer needs, whichever way the tool is met.
// (ui.js carries the wasm glue and the manifest: the build bundles them.)
const shared = ["style.css", "ui.js", url("can_refuse_bg.wasm")].map(measure);
const demo = ["index.html", "app.js"].map(measure);
const langs = (manifest.langs ?? [{ code: "en" }]).map(({ code }) => ({
  code,
  files: [measure(`lang/${code}.js`), measure(url(code === "en" ? "can-refuse.data" : `${code}/can-refuse.data`))],
}));
const heaviestLang = langs.reduce((a, b) => (sum(a.files).gzip >= sum(b.files).gzip ? a : b));
const page = [...demo, ...shared, ...heaviestLang.files];
const chunk = (re) => files.filter((f) => re.test(f)).map(measure);
const lawChunks = chunk(/^laws-[A-Z]{2}\.[0-9a-f]{8}\.data$/);
const areaChunks = chunk(/^area-[A-Z]{2}-[0-9]{3}\.[0-9a-f]{8}\.data$/);
const placeChunks = chunk(/^places-[A-Z]{2}\.[0-9a-f]{8}\.data$/);
const zipChunks = chunk(/^zips-[A-Z]{2}\.[0-9a-f]{8}\.data$/);
const names = chunk(/^names-.*\.data$/);
const biggest = (rows) => rows.reduce((a, b) => (a.gzip >= b.gzip ? a : b));
const worstLaws = biggest(lawChunks);
const worstPlaces = biggest(placeChunks);
const biggestName = biggest(names);
const worstZips = biggest(zipChunks);
const worstArea = biggest(areaChunks);
// A widget preset to a state answers from its ready answers (one file per
// state and language) before the engine is up: loader, interface, text, file.
const readyFiles = chunk(/^([a-z]{2}\/)?ready-[A-Z]{2}\.[0-9a-f]{10}\.json$/);
const worstReady = readyFiles.length ? biggest(readyFiles) : null;
const readyLang = worstReady && /^([a-z]{2})\//.exec(worstReady.file)?.[1] || "en";
const interfaceOnly = shared.filter((r) => !r.file.endsWith(".wasm"));
const widgetFirst = worstReady && [loader, ...interfaceOnly, measure(`lang/${readyLang}.js`), worstReady];
// The demo on a first visit: its page and text, the choices, then the state's ready answers.
const choices = readyFiles.length ? chunk(new RegExp(`^${readyLang === "en" ? "" : `${readyLang}/`}ready-choices\\.[0-9a-f]{10}\\.json$`)) : [];
const demoFirst = worstReady && [...demo, ...interfaceOnly, measure(`lang/${readyLang}.js`), ...choices, worstReady];
const state = (row) => row.file.slice(row.file.indexOf("-") + 1, row.file.indexOf("-") + 3);

console.log(`${"file".padEnd(30)}${"raw".padStart(12)}${"gzip".padStart(12)}`);
for (const r of [loader, ...page, worstLaws, worstArea, worstPlaces, worstZips, biggestName, ...(worstReady ? [worstReady] : [])]) console.log(`${r.file.padEnd(30)}${kb(r.raw).padStart(12)}${kb(r.gzip).padStart(12)}`);
console.log(`(${lawChunks.length} law chunks in ${langs.length} languages, ${kb(sum(lawChunks).gzip)}; ${areaChunks.length} area chunks, ${kb(sum(areaChunks).gzip)}; ${placeChunks.length} place chunks, ${kb(sum(placeChunks).gzip)}; ${zipChunks.length} ZIP chunks, ${kb(sum(zipChunks).gzip)}; ${names.length} name chunks, ${kb(sum(names).gzip)}; all gzip)`);

// Set a little above the figures of 2026-12-07 (README "Speed"), so a
// change that adds weight is seen; issue 14's targets are lower still
// (engine 40 KB, first answer 60 KB, a town 100 KB: met, 97.5 KB).
const engine = shared.find((r) => r.file.endsWith(".wasm"));
const budgets = [
  // 4 KB: the manifest (2 KB of hashes) and the code that keeps a box from
  // ever going blank on a hostile page (fallback mount, retries, its words);
  // 4.5 KB since it also finds itself as a module, and survives a broken
  // attachShadow, IntersectionObserver, Reflect or CSSStyleSheet (4.1 KB, 2026-12-08).
  ["widget loader (widget.js, with the release's manifest)", loader, 4.5 * KB],
  // The engine grew 1.3 KB when a town's answer began to load its own area
  // (area lookup and merging), which took 25 KB off that answer.
  ["the engine (wasm)", engine, 48 * KB],
  // With the engine: a returning visitor (the service worker keeps it), or no ready answers.
  [`first answer with the engine, a state from the list (${heaviestLang.code}, ${state(worstLaws)}: the largest law chunk): page, engine, core, its law chunk`, sum([...page, worstLaws]), 81 * KB], // 79 -> 80: the audits' sources and notes (2026-12-07); 80 -> 81: the interface's host-page guards (Intl) and the data of 2026-12-08
  // A town's answer needs its area: its county's towns, 287(g) agencies and
  // own policies, a few counties to a chunk (dataset::files), and its name
  // chunk, at most 20 KB raw since busy first letters are split (99.6 KB,
  // where it was 105.2 with whole two-letter chunks; 97.5 KB since "city"
  // after a town's first word is not indexed, 2026-12-07; 98.0 KB with the
  // Los Angeles County area's new city records, 2026-12-08: the budget is
  // 99 KB, still under issue 14's 100).
  [`answer for a town: the above, the largest area chunk (${worstArea.file.slice(0, 11)}), the largest name chunk`, sum([...page, worstLaws, worstArea, biggestName]), 99 * KB],
  // Issue 14 asks 60 KB for a first answer: with the ready answers (a first
  // visit, a widget) it takes about 28 KB (2026-12-07), since a ready file
  // lists each reason and note once (34 KB with them inline in each answer).
  ...(widgetFirst
    ? [
        [`first answer, a widget preset to a state (${worstReady.file.replace(/\.[0-9a-f]{10}\.json$/, "")}, the largest ready file): loader, interface, its text and the state's ready answers`, sum(widgetFirst), 30 * KB],
        [`first answer on a first visit to the demo, a state from the list (${worstReady.file.replace(/\.[0-9a-f]{10}\.json$/, "")}): page, its text, the choices and the state's ready answers`, sum(demoFirst), 30 * KB],
      ]
    : []),
  [`a town's area: the largest area chunk (${worstArea.file.slice(0, 11)})`, worstArea, 10 * KB],
  ["law data for a first answer: core + the largest law chunk", sum([heaviestLang.files.at(-1), worstLaws]), 20 * KB],
  // 12 -> 9 KB: the largest was "city" (11.3 KB), a word as short as its
  // key, which cannot be split; it is now indexed only as a first word.
  ["typing a town: the largest name chunk", biggestName, 9 * KB],
  [`typing a ZIP code (${state(worstZips)}): its state's place and ZIP chunks`, sum([worstPlaces, worstZips]), 40 * KB],
];
let over = 0;
const report = budgets.map(([what, size, budget]) => {
  const ok = size.gzip <= budget;
  if (!ok) over++;
  console.log(`${ok ? "within" : "OVER  "} budget: ${what}: ${kb(size.gzip)} gzip (${kb(size.raw)} raw) of ${kb(budget)}`);
  return { what, ...size, budget, ok };
});
writeFileSync(join(dir, "size-report.json"), JSON.stringify({ page, worstLaws, worstArea, worstPlaces, biggestName, worstReady, budgets: report }, null, 2) + "\n");
if (over && strict) process.exit(1);
