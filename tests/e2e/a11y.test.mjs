// Accessibility: axe-core finds no violations on the demo page and on the
// embedded widget, in English and Spanish, on the question steps and on the
// answer, at phone width and on a desktop, in light and dark mode.
// Screenshots of each are saved as test artifacts in test-artifacts/.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:http";
import { AGENCY_QUESTION, open, page as newPage } from "./browser.mjs";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const ARTIFACTS = new URL("../../test-artifacts/", import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

let browser, host, hostOrigin;
before(async () => {
  browser = await open();
  host = createServer((req, res) => {
    const lang = new URL(req.url, "http://x").searchParams.get("lang") ?? "en";
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>Partner</title></head>
<body><main><h1>Partner</h1><can-refuse></can-refuse><script src="${browser.origin}/widget.js" async></script></main></body></html>`);
  });
  await new Promise((done) => host.listen(0, "127.0.0.1", done));
  hostOrigin = `http://127.0.0.1:${host.address().port}`;
});
after(async () => {
  await browser?.close();
  await new Promise((done) => host?.close(done));
});

async function violations(page) {
  // Injected through the test harness, not the page: the page's CSP stays strict.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

const WORDS = {
  en: { submit: "See the answer", raid: /raid or an arrest at a home/, police: "City or town police", agency: AGENCY_QUESTION },
  es: { submit: "Ver la respuesta", raid: /redada o un arresto en una casa/, police: "Policía de la ciudad o del pueblo", agency: /¿A qué agencia/ },
};

for (const lang of ["en", "es"]) {
  for (const width of [320, 1280]) {
    test(`demo page (${lang}, ${width}px): no violations on the questions, the agency question and the answer`, async () => {
      const { page, problems } = await newPage(browser.context, browser.origin);
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${browser.origin}/`);
      await page.locator("#ask").waitFor({ state: "visible" });
      if (lang === "es") {
        await page.getByRole("button", { name: "Español" }).click();
        await page.waitForFunction(() => document.documentElement.lang === "es");
        await page.locator("#ask").waitFor({ state: "visible" });
      }
      const words = WORDS[lang];
      assert.deepEqual(await violations(page), [], "questions");
      await page.screenshot({ path: `${ARTIFACTS}demo-${lang}-${width}-questions.png`, fullPage: true });
      await page.locator("#place").fill("Providence, RI");
      await page.getByRole("option").first().waitFor();
      assert.deepEqual(await violations(page), [], "suggestions open");
      await page.getByRole("option").first().click();
      await page.getByRole("radio", { name: words.raid }).check();
      await page.getByRole("button", { name: words.submit }).click();
      const question = page.getByRole("group", { name: words.agency });
      await question.waitFor();
      assert.deepEqual(await violations(page), [], "the agency question");
      await question.getByRole("button", { name: words.police }).click();
      await page.locator("#answer-place").filter({ hasText: words.police }).waitFor();
      await page.locator("#glossary summary").click();
      assert.deepEqual(await violations(page), [], "answer and glossary");
      await page.screenshot({ path: `${ARTIFACTS}demo-${lang}-${width}-answer.png`, fullPage: true });
      // Nothing scrolls sideways on a small phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
      assert.deepEqual(problems, []);
    });
  }

  test(`embedded widget (${lang}, from the host page's lang): no violations, questions and answer`, async () => {
    const { page } = await newPage(browser.context, hostOrigin);
    await page.setViewportSize({ width: 320, height: 900 });
    await page.goto(`${hostOrigin}/?lang=${lang}`);
    const widget = page.locator("can-refuse");
    await widget.locator("#ask").waitFor({ state: "visible" });
    assert.equal(await widget.locator("#can-refuse-app").getAttribute("lang"), lang);
    assert.deepEqual(await violations(page), [], "questions");
    const words = WORDS[lang];
    await widget.locator("#state").selectOption("CA");
    await widget.getByRole("radio", { name: words.raid }).check();
    await widget.getByRole("button", { name: words.submit }).click();
    await widget.locator("#answer").waitFor({ state: "visible" });
    assert.deepEqual(await violations(page), [], "answer");
    await page.screenshot({ path: `${ARTIFACTS}widget-${lang}-320-answer.png`, fullPage: true });
  });
}

// Browser zoom at 200% in a 640px window lays the page out in 320 CSS
// pixels, as the 320px runs above do; here the same in dark mode.
test("dark mode at 200% zoom (a 320px layout): no violations, nothing cut off", async () => {
  const { page } = await newPage(browser.context, browser.origin);
  await page.emulateMedia({ colorScheme: "dark", reducedMotion: "reduce" });
  await page.setViewportSize({ width: 320, height: 900 });
  await page.goto(`${browser.origin}/`);
  await page.locator("#ask").waitFor({ state: "visible" });
  await page.selectOption("#state", "PA");
  await page.getByRole("radio", { name: /raid or an arrest at a home/ }).check();
  await page.getByRole("button", { name: "See the answer" }).click();
  await page.locator("#answer").waitFor({ state: "visible" });
  assert.deepEqual(await violations(page), [], "dark answer");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await page.screenshot({ path: `${ARTIFACTS}demo-en-dark-320-answer.png`, fullPage: true });
});
