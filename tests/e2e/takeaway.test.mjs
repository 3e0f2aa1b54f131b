// Taking an answer away: a link that reopens it in a fresh browser (demo
// page and widget), a mangled link that opens the questionnaire with a
// message, and the printed card: one page on US Letter and on A4, in
// English, Spanish and both, with a QR code that decodes to the link.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { answerAgency, answerIn, open, page as newPage, partnerPage, partnerSuite } from "./browser.mjs";

const ARTIFACTS = new URL("../../test-artifacts/", import.meta.url).pathname;
let browser, host;
partnerSuite((b, h) => ([browser, host] = [b, h]));
before(() => {
  mkdirSync(ARTIFACTS, { recursive: true });
});

/** What an answer shows: verdict, headline, place line and every reason's text. */
const shown = (scope) =>
  scope.locator("#answer").evaluate((answer) => ({
    verdict: answer.querySelector("#verdict").dataset.verdict,
    headline: answer.querySelector("#headline").textContent,
    place: answer.querySelector("#answer-place").textContent,
    reasons: [...answer.querySelectorAll(".reason-text")].map((r) => r.textContent),
  }));

/**
 * Asks a question on the demo page by typing a place and answering the
 * engine's follow-up questions with `agency` (then the first choice).
 */
async function ask(page, typed, option, situation, agency) {
  await page.goto(`${browser.origin}/`);
  await page.locator("#place").fill(typed);
  const choice = page.getByRole("option", { name: option }).first();
  await choice.waitFor();
  await choice.click();
  await page.locator(`input[name=situation][value=${situation}]`).check();
  await page.locator("#ask [type=submit]").click();
  await page.locator("#answer").waitFor({ state: "visible" });
  await answerAgency(page, agency);
  // If the engine still asks (the kind of warrant), take its first choice.
  if (await page.locator("#follow-up").isVisible()) {
    const headline = await page.locator("#headline").textContent();
    await page.locator("#follow-up-options button").first().click();
    await page.waitForFunction((before) => document.querySelector("#headline").textContent !== before, headline);
  }
}

/** Los Angeles city police and a raid: a city policy, rights notes, a warrant question. */
const askLosAngeles = (page) => ask(page, "Los Angeles, CA", /^Los Angeles, CA/, "residential-raid", "City or town police");

/**
 * The longest card in the data of 2026-12-07 (found by asking the CLI every
 * local place × agency × situation and measuring what a card prints): the
 * Galveston County sheriff and a raid.
 */
const askLongest = (page) => ask(page, "Galveston County", /^Galveston County, TX/, "residential-raid", "County sheriff");

test("an answer's link reopens the same answer in a fresh browser, and names what it reveals", async () => {
  const { page } = await newPage(browser.context, browser.origin);
  await askLosAngeles(page);
  const before = await shown(page);
  const link = await page.locator("#share-link").inputValue();
  assert.match(link, new RegExp(`^${browser.origin}/#can-refuse:v=1&`));
  assert.match(await page.locator("#share-note").textContent(), /after the # sign.*not send.*will see the place/);
  const fresh = await open();
  try {
    const { page: other, problems } = await newPage(fresh.context, fresh.origin);
    await other.goto(link.replace(browser.origin, fresh.origin));
    await other.locator("#answer").waitFor({ state: "visible" });
    assert.deepEqual(await shown(other), before);
    assert.deepEqual(problems, []);
  } finally {
    await fresh.close();
  }
});

test("a Spanish answer's link opens in Spanish; a minimal link from an older page opens too", async () => {
  const { page } = await newPage(browser.context, browser.origin);
  await page.goto(`${browser.origin}/#can-refuse:v=1&s=TX&q=detainer&a=sheriff&l=es`);
  await page.locator("#answer").waitFor({ state: "visible" });
  assert.equal(await page.locator("#can-refuse-app").getAttribute("lang"), "es");
  assert.equal(await page.locator("#verdict").getAttribute("data-verdict"), "must_cooperate");
  assert.match(await page.locator("#share-link").inputValue(), /&l=es/);
});

test("a mangled link opens the empty questionnaire with a plain message; a page's own anchor is left alone", async () => {
  const { page, problems } = await newPage(browser.context, browser.origin);
  for (const hash of ["#can-refuse:v=1&s=ZZZ&q=detainer", "#can-refuse:v=9&s=TX&q=detainer", "#can-refuse:%E0%A4%A", "#can-refuse:v=1&s=TX&q=%3Cscript%3E"]) {
    await page.goto(`${browser.origin}/?${Date.now()}${hash}`);
    await page.locator("#ask").waitFor({ state: "visible" });
    await page.locator("#form-error").filter({ hasText: "This link could not be read" }).waitFor();
    assert.equal(await page.locator("#answer").isHidden(), true, hash);
  }
  await page.goto(`${browser.origin}/?anchor#top`);
  await page.locator("#ask").waitFor({ state: "visible" });
  assert.equal(await page.locator("#form-error").isHidden(), true);
  assert.deepEqual(problems, []);
});

test("a widget's link points to the partner's page (or, with share=demo, to the tool's own) and reopens the answer there", async () => {
  const url = host.fixture("share", partnerPage(`<can-refuse id="w" state="TX"></can-refuse><can-refuse id="d" state="TX" share="demo"></can-refuse><script src="{W}/widget.js" async></script>`));
  const { page } = await newPage(browser.context, host.origin);
  await page.goto(url);
  const widget = await answerIn(page, "#w", "County sheriff", /hold someone longer/);
  const link = await widget.locator("#share-link").inputValue();
  assert.ok(link.startsWith(`${url}#can-refuse:`), link);
  const demo = await answerIn(page, "#d", "County sheriff", /hold someone longer/);
  assert.ok((await demo.locator("#share-link").inputValue()).startsWith(`${browser.origin}/#can-refuse:`));
  const { page: other } = await newPage(browser.context, host.origin);
  await other.goto(link);
  const reopened = other.locator("#w");
  await reopened.scrollIntoViewIfNeeded();
  await reopened.locator("#answer").waitFor({ state: "visible" });
  assert.deepEqual(await shown(reopened), await shown(widget));
});

/** Pages in a PDF. */
const pages = (pdf) => (pdf.toString("latin1").match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;

/** Clicks a print button (the browser's dialog stubbed), then checks the card: one page each way, and its QR code. */
async function printed(page, button, name) {
  const before = await page.evaluate(() => window.printed ?? 0);
  await page.getByRole("button", { name: button }).click();
  await page.waitForFunction((n) => window.printed > n, before);
  const link = await page.locator("#share-link").inputValue();
  for (const format of ["Letter", "A4"]) {
    assert.equal(pages(await page.pdf({ format, printBackground: true })), 1, `${name}: one ${format} page`);
  }
  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: 816, height: 1056 });
  await page.locator("#print-card").screenshot({ path: `${ARTIFACTS}card-${name}.png` });
  // At 200% zoom (half the width), nothing is cut off: no line runs past the card's edge.
  await page.setViewportSize({ width: 408, height: 1056 });
  const overflow = await page.locator("#print-card").evaluate((card) =>
    [...card.querySelectorAll("*")].filter((e) => e.getBoundingClientRect().right > card.getBoundingClientRect().right + 1).map((e) => e.className || e.tagName),
  );
  assert.deepEqual(overflow, [], `${name}: nothing cut off at 200%`);
  await page.setViewportSize({ width: 816, height: 1056 });
  // The QR code, drawn large enough to read, decodes to the link.
  const qr = page.locator("#print-card .qr").first();
  await qr.evaluate((svg) => (svg.style.cssText = "position: fixed; left: 0; top: 0; z-index: 9; width: 480px; height: 480px"));
  const png = PNG.sync.read(await qr.screenshot());
  assert.equal(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data, link, `${name}: the QR code is the link`);
  await page.emulateMedia({ media: null }); // back to the browser's own (page.pdf then prints as a browser would)
}

test("the printed card is one page on Letter and A4, in English, Spanish and both, and its QR code opens the answer", async () => {
  const { page } = await newPage(browser.context, browser.origin);
  await page.addInitScript(() => (window.print = () => (window.printed = (window.printed ?? 0) + 1)));
  await askLongest(page);
  await printed(page, "Print this answer", "en");
  assert.match(await page.locator("#print-card .card-verdict").textContent(), /./);
  await printed(page, "Print in English and Spanish", "both");
  assert.deepEqual(await page.locator("#print-card .card").evaluateAll((cards) => cards.map((c) => c.lang)), ["en", "es"]);
  await page.getByRole("button", { name: "Español" }).click();
  await page.locator("#can-refuse-app[lang=es] #answer").waitFor({ state: "visible" });
  await printed(page, "Imprimir esta respuesta", "es");
  assert.equal(await page.locator("#print-card .card").getAttribute("lang"), "es");
});

test("a widget prints on the tool's own page, never the partner's", async () => {
  const url = host.fixture("print", partnerPage(`<can-refuse state="TX" agency="sheriff" situation="detainer"></can-refuse><script src="{W}/widget.js" async></script>`));
  const { page } = await newPage(browser.context, host.origin);
  await page.goto(url);
  const widget = page.locator("can-refuse");
  await widget.getByRole("button", { name: "See the answer" }).click();
  await widget.locator("#answer").waitFor({ state: "visible" });
  const opened = page.context().waitForEvent("page");
  await widget.getByRole("button", { name: "Print this answer" }).click();
  const tab = await opened;
  await tab.waitForLoadState();
  assert.ok(tab.url().startsWith(`${browser.origin}/#can-refuse:`) && /&p=1/.test(tab.url()), tab.url());
  await tab.locator("#answer").waitFor({ state: "visible" });
  await tab.locator("#print-card .card").waitFor({ state: "attached" });
});
