// The open data the build publishes (dist/data/v1/, written by
// `can-refuse data export`): every file validates against its JSON Schema,
// the verdict table has a row for every county × agency × situation, and
// every verdict names a law or agreement that is in the files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import { DIST } from "./browser.mjs";

const DIR = `${DIST}data/v1/`;
const read = (name) => readFileSync(DIR + name, "utf8");
const json = (name) => JSON.parse(read(name));
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validator = (schema) => ajv.compile(json(`schema/${schema}.schema.json`));

/** CSV text (RFC 4180: quotes, doubled quotes) into objects keyed by the header. */
function csv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\n") row.push(field), rows.push(row), (row = []), (field = "");
    else if (c !== "\r") field += c;
  }
  const [header, ...body] = rows;
  return body.map((cells) => Object.fromEntries(header.map((key, i) => [key, cells[i]])));
}

/** Asserts every item is valid, naming the first few failures. */
function valid(check, items, what) {
  const bad = items.map((item, i) => (check(item) ? null : `${what} #${i}: ${ajv.errorsText(check.errors)}`)).filter(Boolean);
  assert.deepEqual(bad.slice(0, 5), [], `${bad.length} invalid`);
}

const counties = csv(readFileSync(new URL("../../data/geo/counties.csv", import.meta.url), "utf8"));

test("every open-data file validates against its schema", () => {
  valid(validator("laws"), [json("laws.json")], "laws.json");
  valid(validator("verdicts"), [json("verdicts.json")], "verdicts.json");
  valid(validator("verdict-row"), csv(read("verdicts.csv")), "verdicts.csv row");
  valid(validator("agreements-287g"), csv(read("agreements-287g.csv")), "agreements-287g.csv row");
  const states = readdirSync(`${DIR}states`);
  assert.equal(states.length, 56);
  valid(validator("state"), states.map((f) => json(`states/${f}`)), "states/*.json");
  assert.match(read("README.md"), /CC BY 4\.0/);
});

test("the verdict table has a row for every county × agency × situation, each decided by a law or agreement in the files", () => {
  const rows = json("verdicts.json").verdicts;
  assert.equal(counties.length, 3244);
  assert.equal(rows.length, counties.length * 4 * 4);
  const seen = new Map();
  for (const r of rows) seen.set(r.county_fips, (seen.get(r.county_fips) ?? 0) + 1);
  for (const c of counties) assert.equal(seen.get(c.fips), 16, c.fips);
  // A law or policy in laws.json, or an agency's own 287(g) agreement in agreements-287g.csv.
  const known = new Set([...json("laws.json").laws.map((l) => l.id), ...csv(read("agreements-287g.csv")).map((a) => a.id)]);
  const undecided = rows.filter((r) => r.decided_by && !known.has(r.decided_by));
  assert.deepEqual(undecided.slice(0, 3), []);
  // The CSV and the JSON hold the same table.
  const table = csv(read("verdicts.csv"));
  assert.equal(table.length, rows.length);
  assert.deepEqual(table[1234], Object.fromEntries(Object.entries(rows[1234]).map(([k, v]) => [k, String(v)])));
  // Each state's file holds its own counties' verdicts.
  const texas = json("states/TX.json");
  assert.equal(texas.verdicts.length, counties.filter((c) => c.state === "TX").length * 16);
  assert.ok(texas.laws.some((l) => l.id === "tx-sb4-2017"));
});
