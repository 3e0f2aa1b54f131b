// Crowded and careless partner pages: twenty widgets on one page, and
// attribute values and typing no one planned for (very long, empty,
// right-to-left overrides, combining marks, emoji, markup).
import { test } from "node:test";
import assert from "node:assert/strict";
import { page as newPage, partnerPage, partnerSuite } from "./browser.mjs";

let browser, host;
partnerSuite((b, h) => ([browser, host] = [b, h]));

const STATES = ["AL", "AZ", "CA", "CO", "FL", "GA", "IL", "IN", "MA", "MD", "MI", "MN", "NC", "NJ", "NY", "OR", "PA", "TN", "TX", "WA"];

test("twenty widgets on one page share one engine, fetch each file once, stay responsive, and all answer", async (t) => {
  const widgets = STATES.map((s) => `<h2>${s}</h2><can-refuse id="w-${s}" state="${s}" agency="sheriff" situation="detainer"></can-refuse>`).join("\n");
  const url = host.fixture("twenty", partnerPage(`${widgets}<script src="{W}/widget.js" async></script>`));
  const { page: tab, problems } = await newPage(browser.context, host.origin);
  await tab.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: "longtask", buffered: true });
  });
  const requested = [];
  tab.on("request", (r) => requested.push(new URL(r.url()).pathname));
  await tab.goto(url);
  for (const state of STATES) {
    const shadow = tab.locator(`#w-${state}`);
    await shadow.scrollIntoViewIfNeeded(); // each starts when it is seen
    await shadow.getByRole("button", { name: "See the answer" }).click();
    await shadow.locator("#answer").waitFor({ state: "visible" });
    assert.match(await shadow.locator("#verdict").getAttribute("data-verdict"), /^(must_refuse|must_cooperate|may_refuse|mixed|unknown)$/, state);
    assert.equal(await shadow.locator("#answer").getAttribute("data-state"), state);
  }
  for (const once of [/^\/widget\.js$/, /^\/ui\.js$/, /^\/style\.css$/, /^\/lang\/en\.js$/, /\.wasm$/, /^\/can-refuse\.[0-9a-f]+\.data$/]) {
    assert.equal(requested.filter((p) => once.test(p)).length, 1, `${once} fetched once: ${requested.join(" ")}`);
  }
  for (const state of STATES) {
    assert.equal(requested.filter((p) => p.startsWith(`/laws-${state}.`)).length, 1, `laws-${state} fetched once`);
  }
  assert.ok(await tab.evaluate(() => PerformanceObserver.supportedEntryTypes.includes("longtask")), "long tasks can be seen");
  const long = await tab.evaluate(() => window.longTasks);
  const longest = Math.max(0, ...long);
  t.diagnostic(`main-thread long tasks: ${long.length}, longest ${Math.round(longest)} ms, total ${Math.round(long.reduce((a, b) => a + b, 0))} ms`);
  // A hang, not a speed limit (speed is measured by scripts/bench.mjs).
  assert.ok(longest < 1000, `the page froze for ${Math.round(longest)} ms`);
  assert.deepEqual(problems.filter((p) => !p.startsWith(`request left the origin: ${browser.origin}`)), []);
});

const ODD = {
  markup: `state="&lt;img src=x onerror=window.pwned=1&gt;" agency="&lt;b&gt;sheriff&lt;/b&gt;" situation="&lt;script&gt;window.pwned=2&lt;/script&gt;" place="&lt;img src=y onerror=window.pwned=3&gt;" lang="&lt;svg onload=window.pwned=4&gt;"`,
  long: `state="TX${"X".repeat(50_000)}" place="${"Houston ".repeat(10_000)}" agency="${"sheriff".repeat(5_000)}" lang="${"es-".repeat(10_000)}"`,
  empty: `state="" agency="" situation="" place="" lang="" compact=""`,
  unicode: `state="\u202eXT" place="Ho\u0301uston \u{1F3E0}\u202e" situation="detainer\u200b" agency="\u0634\u0631\u0637\u0629" lang="\u{1F600}"`,
};

test("odd attribute values are ignored or searched safely, never rendered as markup", async () => {
  const widgets = Object.entries(ODD).map(([name, attrs]) => `<can-refuse id="${name}" ${attrs}></can-refuse>`).join("\n");
  const url = host.fixture("odd", partnerPage(`${widgets}<script src="{W}/widget.js" async></script>`));
  const { page: tab, problems } = await newPage(browser.context, host.origin);
  await tab.goto(url);
  for (const name of Object.keys(ODD)) {
    const shadow = tab.locator(`#${name}`);
    await shadow.scrollIntoViewIfNeeded();
    await shadow.locator("#ask").waitFor({ state: "visible" });
    assert.equal(await shadow.locator("img, svg, script, b").count(), 0, `${name}: no markup from attributes`);
    assert.equal(await shadow.locator("[role=alert]:visible").count(), 0, `${name}: no error`);
    // The questionnaire still works: pick a state and ask.
    await shadow.locator("#state").selectOption("TX");
    // (By value: a `lang` attribute may have chosen Spanish.)
    await shadow.locator("input[name=situation][value=detainer]").check();
    await shadow.locator("#ask [type=submit]").click();
    await shadow.locator("#answer").waitFor({ state: "visible" });
  }
  assert.equal(await tab.evaluate(() => window.pwned), undefined);
  assert.deepEqual(problems.filter((p) => !p.startsWith(`request left the origin: ${browser.origin}`)), []);
});

test("odd text typed in the place box is searched as text, never shown as markup", async () => {
  const url = host.fixture("typed", partnerPage(`<can-refuse></can-refuse><script src="{W}/widget.js" async></script>`));
  const { page: tab, problems } = await newPage(browser.context, host.origin);
  await tab.goto(url);
  const shadow = tab.locator("can-refuse");
  await shadow.locator("#ask").waitFor({ state: "visible" });
  const box = shadow.locator("#place");
  for (const typed of [
    "<img src=x onerror=window.pwned=1>",
    "\u202eNOTSUOH",
    "Ho\u0301uston",
    "\u{1F3E0}\u{1F3E0} Houston",
    "Houston".repeat(3_000),
    "  ",
    "\u0000\u0001",
  ]) {
    await box.fill(typed);
    await tab.waitForTimeout(150);
    assert.equal(await shadow.locator("#place-list img, #place-list script").count(), 0, typed.slice(0, 20));
  }
  // Combining marks fold like the letters they mark.
  await box.fill("Ho\u0301uston");
  await shadow.getByRole("option", { name: /^Houston, TX/ }).first().waitFor();
  assert.equal(await tab.evaluate(() => window.pwned), undefined);
  assert.deepEqual(problems.filter((p) => !p.startsWith(`request left the origin: ${browser.origin}`)), []);
});
