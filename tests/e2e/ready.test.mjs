// Ready answers and the person's clock. A file of its own: the clock a
// test sets holds for its whole browser context, so it would skew the
// timing (and the resource entries) that other files' tests read.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { alterReady, holdEngine, page as newPage, partnerPage as page, partnerSuite, DIST } from "./browser.mjs";

let browser, host;
partnerSuite((b, h) => ([browser, host] = [b, h]));

test("ready answers serve only the days they were made for: outside them the engine answers", async () => {
  const url = host.fixture("ready-window", page(`<can-refuse state="TX" agency="sheriff" situation="detainer"></can-refuse><script src="{W}/widget.js" async></script>`));
  // The file's own window: its last day, and the day after it.
  const file = readdirSync(DIST).find((f) => /^ready-TX\.[0-9a-f]{10}\.json$/.test(f));
  const { until } = JSON.parse(readFileSync(join(DIST, file), "utf8"));
  const next = new Date(`${until}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const days = { inside: `${until}T12:00:00`, after: `${next.toISOString().slice(0, 10)}T12:00:00` };
  for (const [day, served] of [["inside", true], ["after", false]]) {
    const { page: tab } = await newPage(browser.context, host.origin);
    // Marked, so the test sees which answered; the engine's answer has no mark.
    const ready = await alterReady(tab, "TX", "sheriff/detainer", { headline: "FROM THE READY FILE" });
    // The engine arrives late: until then only the ready file can answer.
    const { release } = await holdEngine(tab);
    // The person's clock (local noon): the file's last day, or the day after it.
    await tab.clock.setFixedTime(new Date(days[day]));
    await tab.goto(url);
    const shadow = tab.locator("can-refuse");
    await shadow.locator("#ask").waitFor({ state: "visible" });
    assert.equal(ready.file().until, until);
    await shadow.getByRole("button", { name: "See the answer" }).click();
    if (served) {
      await shadow.locator("#headline").filter({ hasText: "FROM THE READY FILE" }).waitFor();
      // The answer is dated the day it is asked, not the day the file was made.
      const asked = new Date(days.inside).toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" });
      assert.match(await shadow.locator("#dates").textContent(), new RegExp(`Law as of ${asked}`));
      release();
    } else {
      await tab.waitForTimeout(300);
      assert.equal(await shadow.locator("#answer").isVisible(), false, "no answer before the engine");
      release();
      await shadow.locator("#verdict[data-verdict=must_cooperate]").waitFor();
      assert.doesNotMatch(await shadow.locator("#headline").textContent(), /FROM THE READY FILE/);
    }
  }
});
