// Size report: every file a first answer needs, raw and gzip (level 9), and
// the budget they must stay under. Writes DIR/size-report.json too.
// Usage: node scripts/size-report.mjs [DIR]
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const dir = process.argv[2] ?? "dist";
const BUDGET_GZIP = 100 * 1024; // everything needed for the first answer

const groups = {
  "page (html, css, app js, language)": ["index.html", "style.css", "app.js", "lang/en.js"],
  "wasm glue js": ["can_refuse.js"],
  "wasm core": ["can_refuse_bg.wasm"],
  "data": ["can-refuse.data"],
};

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rows = [];
for (const [group, files] of Object.entries(groups)) {
  for (const file of files) {
    const bytes = readFileSync(join(dir, file));
    rows.push({ group, file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
}
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip }), { raw: 0, gzip: 0 });

console.log(`${"file".padEnd(24)}${"raw".padStart(12)}${"gzip".padStart(12)}`);
for (const r of rows) console.log(`${r.file.padEnd(24)}${kb(r.raw).padStart(12)}${kb(r.gzip).padStart(12)}`);
console.log(`${"total (first answer)".padEnd(24)}${kb(total.raw).padStart(12)}${kb(total.gzip).padStart(12)}`);
writeFileSync(join(dir, "size-report.json"), JSON.stringify({ rows, total, budget_gzip: BUDGET_GZIP }, null, 2) + "\n");

if (total.gzip > BUDGET_GZIP) {
  console.error(`size: over budget: ${kb(total.gzip)} gzip > ${kb(BUDGET_GZIP)}`);
  process.exit(1);
}
console.log(`size: within budget (${kb(total.gzip)} of ${kb(BUDGET_GZIP)} gzip)`);
