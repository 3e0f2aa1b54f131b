// English and Spanish: which language the tool picks, switching without
// losing the answers, Spanish from the data and not just the buttons, dates
// per language, and the check that Spanish covers every English key.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { chromium } from "playwright-core";
import { answerAgency, open, page as newPage } from "./browser.mjs";

let browser, host, hostOrigin;
before(async () => {
  browser = await open();
  host = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const attr = url.searchParams.get("attr");
    const page = url.searchParams.get("page") ?? "en";
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="${page}"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Partner</title></head>
<body><main><can-refuse state="TX" ${attr ? `lang="${attr}"` : ""} ${url.searchParams.get("extra") ?? ""}></can-refuse>
<script src="${browser.origin}/widget.js" async></script></main></body></html>`);
  });
  await new Promise((done) => host.listen(0, "127.0.0.1", done));
  hostOrigin = `http://127.0.0.1:${host.address().port}`;
});
after(async () => {
  await browser?.close();
  await new Promise((done) => host?.close(done));
});

test("the Spanish interface file covers every English key and keeps every placeholder", () => {
  const report = execFileSync(process.execPath, ["scripts/check-lang.mjs", "--strict"], { encoding: "utf8" });
  assert.match(report, /es\.js: (\d+) of \1 strings; 0 missing/);
});

test("the widget's lang attribute wins, then the page's <html lang>", async () => {
  for (const [query, expected] of [["attr=es&page=en", "es"], ["attr=en&page=es", "en"], ["page=es", "es"], ["page=en", "en"], ["page=fr", "en"]]) {
    const { page, problems } = await newPage(browser.context, hostOrigin);
    await page.goto(`${hostOrigin}/?${query}`);
    const app = page.locator("can-refuse #can-refuse-app");
    await page.locator("can-refuse #ask").waitFor({ state: "visible" });
    assert.equal(await app.getAttribute("lang"), expected, query);
    assert.deepEqual(problems.filter((p) => !p.startsWith("request left the origin: " + browser.origin)), [], query);
    await page.close();
  }
});

test("the demo page follows the browser's languages", async () => {
  const { mkdtemp, rm } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const profile = await mkdtemp(`${tmpdir()}/can-refuse-lang-`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    locale: "es-US",
    serviceWorkers: "block",
    args: ["--disable-gpu", "--no-first-run", "--no-sandbox"],
  });
  try {
    const page = await context.newPage();
    await page.goto(`${browser.origin}/`);
    await page.locator("#ask").waitFor({ state: "visible" });
    assert.equal(await page.evaluate(() => document.documentElement.lang), "es");
    assert.equal(await page.locator("h1").textContent(), "¿Puede la policía de mi zona negarse a ayudar a ICE?");
    assert.equal(await page.getByRole("button", { name: "Español" }).getAttribute("aria-pressed"), "true");
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
});

test("switching language keeps the answers and answers again in the new language", async () => {
  const { page, problems } = await newPage(browser.context, browser.origin);
  await page.goto(`${browser.origin}/`);
  await page.locator("#ask").waitFor({ state: "visible" });
  await page.locator("#place").fill("77002");
  const option = page.getByRole("option", { name: /77002 Houston, TX/ });
  await option.waitFor();
  await option.click();
  await page.getByRole("radio", { name: /join its operations/ }).check();
  await page.getByRole("button", { name: "See the answer" }).click();
  await page.locator("#answer").waitFor({ state: "visible" });
  await answerAgency(page, "County sheriff");
  const englishVerdict = await page.locator("#verdict").getAttribute("data-verdict");
  const englishRules = await page.locator(".reason-title").count();

  await page.getByRole("button", { name: "Español" }).click();
  await page.waitForFunction(() => document.documentElement.lang === "es");
  await page.locator("#answer").waitFor({ state: "visible" });
  // The same answer, now in Spanish: interface, engine sentences and law texts.
  assert.equal(await page.locator("#verdict").getAttribute("data-verdict"), englishVerdict);
  assert.equal(await page.locator(".reason-title").count(), englishRules);
  assert.match(await page.locator("#answer-place").textContent(), /Houston.*Alguacil/);
  assert.match(await page.locator("#place").inputValue(), /77002 Houston/);
  assert.equal(await page.getByRole("radio", { name: /grupo de trabajo/ }).isChecked(), true);
  assert.match(await page.locator("#disclaimer").textContent(), /no asesoría legal/);
  assert.ok(await page.locator(".reason-text", { hasText: /ICE/ }).count() > 0);
  assert.equal(await page.locator(".reason-text", { hasText: /Texas law requires|No federal law/ }).count(), 0, "no English law text left");
  // Dates in Spanish words, from Intl.
  assert.match(await page.locator("#dates").textContent(), /\d{1,2} de [a-z]+ de \d{4}/);
  // Focus stays on the language switch, so a screen reader user is not lost.
  assert.equal(await page.evaluate(() => document.activeElement.dataset.lang), "es");

  await page.getByRole("button", { name: "English" }).click();
  await page.waitForFunction(() => document.documentElement.lang === "en");
  await page.locator("#answer").waitFor({ state: "visible" });
  assert.match(await page.locator("#answer-place").textContent(), /County sheriff/);
  assert.deepEqual(problems, []);
});

test("widget attributes: place preselects a town, compact trims the intro, a wrong value is ignored", async () => {
  const { page, problems } = await newPage(browser.context, hostOrigin);
  await page.goto(`${hostOrigin}/?extra=${encodeURIComponent('place="Providence, RI" compact situation="residential-raid" agency="cops"')}`);
  const widget = page.locator("can-refuse");
  await widget.locator("#ask").waitFor({ state: "visible" });
  await widget.locator("#place-chosen").filter({ hasText: "Providence, RI" }).waitFor();
  assert.equal(await widget.locator(".lede").isVisible(), false, "compact hides the intro");
  assert.equal(await widget.getByRole("radio", { name: /raid or an arrest at a home/ }).isChecked(), true);
  await widget.getByRole("button", { name: "See the answer" }).click();
  await widget.locator("#answer").waitFor({ state: "visible" });
  assert.match(await widget.locator("#answer-place").textContent(), /Providence/);
  assert.equal(await widget.locator("#form-error").isHidden(), true);
  assert.deepEqual(problems.filter((p) => !p.startsWith("request left the origin: " + browser.origin)), []);
});
