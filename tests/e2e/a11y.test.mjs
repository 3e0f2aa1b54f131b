// Accessibility: axe-core finds no violations on the demo page, on the
// questions and on an answer, at phone width and on a desktop.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { open, page as newPage } from "./browser.mjs";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let browser;
before(async () => { browser = await open(); });
after(async () => { await browser?.close(); });

async function violations(page) {
  // Injected through the test harness, not the page: the page's CSP stays strict.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

for (const width of [320, 1280]) {
  test(`no accessibility violations on the questions and the answer at ${width}px`, async () => {
    const { page } = await newPage(browser.context, browser.origin);
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${browser.origin}/`);
    await page.locator("#ask").waitFor({ state: "visible" });
    assert.deepEqual(await violations(page), [], "questions");
    await page.locator("#place").fill("Providence, RI");
    await page.getByRole("option").first().waitFor();
    assert.deepEqual(await violations(page), [], "suggestions open");
    await page.getByRole("option").first().click();
    await page.getByRole("radio", { name: "City or town police" }).check();
    await page.getByRole("radio", { name: /raid or an arrest at a home/ }).check();
    await page.getByRole("button", { name: "See the answer" }).click();
    await page.locator("#answer").waitFor({ state: "visible" });
    assert.deepEqual(await violations(page), [], "answer");
    // Nothing scrolls sideways on a small phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  });
}
