// Size report: every file the page loads, raw and gzip (level 9), against
// the budgets the project set itself. Writes DIR/size-report.json.
// Usage: node scripts/size-report.mjs [DIR] [--strict]
//   --strict  exit 1 when a budget is exceeded (the test command reports only)
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--")) ?? "dist";
const strict = args.includes("--strict");

const files = ["index.html", "style.css", "app.js", "lang/en.js", "can_refuse.js", "can_refuse_bg.wasm", "can-refuse.data", "can-refuse-places.data"];
const KB = 1024;
const budgets = [
  // [what, files, gzip budget]
  ["first answer (page, engine, law data)", files.slice(0, 7), 100 * KB],
  ["law data (can-refuse.data)", ["can-refuse.data"], 60 * KB],
  ["place index (can-refuse-places.data, loaded on typing)", ["can-refuse-places.data"], 150 * KB],
];

const kb = (n) => `${(n / KB).toFixed(1)} KB`;
const sizes = Object.fromEntries(
  files.map((file) => {
    const bytes = readFileSync(join(dir, file));
    return [file, { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }];
  }),
);
console.log(`${"file".padEnd(26)}${"raw".padStart(12)}${"gzip".padStart(12)}`);
for (const [file, s] of Object.entries(sizes)) console.log(`${file.padEnd(26)}${kb(s.raw).padStart(12)}${kb(s.gzip).padStart(12)}`);

let over = 0;
const report = budgets.map(([what, group, budget]) => {
  const gzip = group.reduce((t, f) => t + sizes[f].gzip, 0);
  const raw = group.reduce((t, f) => t + sizes[f].raw, 0);
  const ok = gzip <= budget;
  if (!ok) over++;
  console.log(`${ok ? "within" : "OVER  "} budget: ${what}: ${kb(gzip)} gzip (${kb(raw)} raw) of ${kb(budget)}`);
  return { what, files: group, raw, gzip, budget, ok };
});
writeFileSync(join(dir, "size-report.json"), JSON.stringify({ sizes, budgets: report }, null, 2) + "\n");
if (over && strict) process.exit(1);
