// The county map (map.html): every county's colour and pattern is the
// verdict the open data's table gives it, for each agency and situation
// and for an earlier date; the table view lists every county; a click opens
// the county's full answer; the legend is in words.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { DIST, open, page as newPage } from "./browser.mjs";

let browser;
before(async () => (browser = await open()));
after(async () => browser?.close());

const table = JSON.parse(readFileSync(`${DIST}data/v1/verdicts.json`, "utf8")).verdicts;
/** The table's verdict for every county, for one agency and situation. */
const expected = (agency, situation) =>
  Object.fromEntries(table.filter((r) => r.agency === agency && r.situation === situation).map((r) => [r.county_fips, r.verdict]));

/** What the map shows: fips → verdict, from its shapes and from its table view. */
const shown = (page) =>
  page.evaluate(() => ({
    shapes: Object.fromEntries([...document.querySelectorAll("svg.map path[data-fips]")].map((p) => [p.dataset.fips, [p.dataset.verdict, p.getAttribute("fill")]])),
    rows: Object.fromEntries([...document.querySelectorAll("#map-rows tr")].map((r) => [r.dataset.fips, r.dataset.verdict])),
  }));

test("every county on the map is coloured by its verdict in the open data, for every agency and situation", async () => {
  const { page, problems } = await newPage(browser.context, browser.origin);
  await page.goto(`${browser.origin}/map.html`);
  await page.locator("#map-legend li").first().waitFor();
  for (const agency of ["sheriff", "police", "jail", "state-police"]) {
    for (const situation of ["detainer", "residential-raid", "task-force", "info-sharing"]) {
      await page.selectOption("#map-agency", agency);
      await page.selectOption("#map-situation", situation);
      await page.waitForFunction(
        ([a, s]) => document.querySelector("#map-agency").value === a && document.querySelector("#map-situation").value === s,
        [agency, situation],
      );
      await page.waitForTimeout(50);
      const want = expected(agency, situation);
      const { shapes, rows } = await shown(page);
      assert.ok(Object.keys(shapes).length > 3100, "the map draws the counties of the 50 states and DC");
      for (const [fips, [verdict, fill]] of Object.entries(shapes)) {
        if (!(fips in want)) continue; // a shape the 2023 atlas has and the county list does not
        assert.equal(verdict, want[fips], `${agency} ${situation} ${fips}`);
        assert.equal(fill, `url(#p-${verdict})`, `${fips}: its pattern is its verdict's`);
      }
      // The table view holds every county, including those without a shape (the territories).
      assert.deepEqual(rows, want, `${agency} ${situation}: the table view`);
    }
  }
  assert.deepEqual(problems, []);
});

test("an earlier date shows that date's verdicts, the legend is in words, and a click opens the county's full answer", async () => {
  const { page } = await newPage(browser.context, browser.origin);
  await page.goto(`${browser.origin}/map.html`);
  await page.locator("#map-legend li").first().waitFor();
  const legend = await page.locator("#map-legend").textContent();
  for (const words of ["They must refuse", "It depends", "They may refuse", "They must cooperate", "Not known"]) assert.ok(legend.includes(words), legend);
  const dates = await page.locator("#map-date option").evaluateAll((o) => o.map((x) => x.value));
  assert.ok(dates.includes("2016-01-01"), dates.join(" "));
  await page.selectOption("#map-date", "2016-01-01");
  await page.locator("#map-dates").filter({ hasText: "2016-01-01" }).waitFor();
  const old = JSON.parse(readFileSync(`${DIST}data/v1/map/2016-01-01.json`, "utf8")).verdicts;
  const index = JSON.parse(readFileSync(`${DIST}data/v1/map/index.json`, "utf8"));
  const at = index.agencies.indexOf("sheriff") * index.situations.length + index.situations.indexOf("detainer");
  const { rows } = await shown(page);
  for (const [fips, letters] of Object.entries(old)) assert.equal(rows[fips], index.letters[letters[at]], fips);
  // Harris County, Texas: a click opens its answer, as of the date chosen.
  await page.locator('svg.map path[data-fips="48201"]').click({ force: true });
  await page.waitForURL(/#can-refuse:/);
  await page.locator("#answer").waitFor({ state: "visible" });
  assert.match(await page.locator("#answer-place").textContent(), /Harris County/);
  assert.equal(await page.locator("#verdict").getAttribute("data-verdict"), rows["48201"]);
});
