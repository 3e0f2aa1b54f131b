// Size report: what a person downloads, raw and gzip (level 9), against the
// budgets the project set itself. Writes DIR/size-report.json.
// Usage: node scripts/size-report.mjs [DIR] [--strict]
//   --strict  exit 1 when a budget is exceeded (the test command reports only)
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
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
const page = ["index.html", "style.css", "app.js", "ui.js", "lang/en.js", "can_refuse.js", "can_refuse_bg.wasm", "can-refuse.data"].map(measure);
const loader = measure("widget.js");
const states = files.filter((f) => /^laws-[A-Z]{2}\.data$/.test(f)).map((f) => f.slice(5, 7));
const perState = states.map((s) => ({ state: s, files: [measure(`laws-${s}.data`), measure(`places-${s}.data`)] }));
const worst = perState.reduce((a, b) => (sum(a.files).gzip >= sum(b.files).gzip ? a : b));
const worstLaws = perState.reduce((a, b) => (a.files[0].gzip >= b.files[0].gzip ? a : b));
const names = files.filter((f) => f.startsWith("names-")).map(measure);
const biggestName = names.reduce((a, b) => (a.gzip >= b.gzip ? a : b));

console.log(`${"file".padEnd(26)}${"raw".padStart(12)}${"gzip".padStart(12)}`);
for (const r of [loader, ...page, worstLaws.files[0], ...worst.files, biggestName]) console.log(`${r.file.padEnd(26)}${kb(r.raw).padStart(12)}${kb(r.gzip).padStart(12)}`);
console.log(`(${states.length} states: laws + places chunks ${kb(sum(perState.flatMap((s) => s.files)).gzip)} gzip in all; ${names.length} name chunks, ${kb(sum(names).gzip)} in all)`);

const budgets = [
  ["widget loader (widget.js)", loader, 5 * KB],
  [`first answer, a state from the list (${worstLaws.state}, the largest law chunk): page, engine, core, its law chunk`, sum([...page, worstLaws.files[0]]), 100 * KB],
  [`answer for a town (${worst.state}): the above, its place chunk and a name chunk`, sum([...page, ...worst.files, biggestName]), 150 * KB],
  ["law data for a first answer: core + the largest law chunk", sum([page.at(-1), worstLaws.files[0]]), 60 * KB],
  ["typing a town: the largest name chunk", biggestName, 150 * KB],
];
let over = 0;
const report = budgets.map(([what, size, budget]) => {
  const ok = size.gzip <= budget;
  if (!ok) over++;
  console.log(`${ok ? "within" : "OVER  "} budget: ${what}: ${kb(size.gzip)} gzip (${kb(size.raw)} raw) of ${kb(budget)}`);
  return { what, ...size, budget, ok };
});
writeFileSync(join(dir, "size-report.json"), JSON.stringify({ page, worst, biggestName, budgets: report }, null, 2) + "\n");
if (over && strict) process.exit(1);
