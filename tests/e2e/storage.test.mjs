// A device with almost no storage, and an offline copy the browser cleared
// in part: the page keeps working online and says what it cannot do; a
// partial copy is never topped up with files of another release.
import { test } from "node:test";
import assert from "node:assert/strict";
import { answerForState, open, page as newPage } from "./browser.mjs";

/** Polls `check` (run in the page, may be async) until it is true. */
async function until(page, check, what) {
  for (let tries = 0; tries < 240; tries++) {
    if (await page.evaluate(check)) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const controlled = () => navigator.serviceWorker.getRegistration().then((r) => Boolean(r?.active && navigator.serviceWorker.controller));

test("with almost no storage, installing the offline copy fails, the page says so and answers online", async () => {
  const browser = await open({ serviceWorkers: "allow" });
  try {
    const { page, problems } = await newPage(browser.context, browser.origin);
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send("Storage.overrideQuotaForOrigin", { origin: browser.origin, quotaSize: 64 * 1024 });
    await page.goto(`${browser.origin}/`);
    await page.locator("#notice").filter({ hasText: "too little free storage to keep a copy for offline use" }).waitFor();
    assert.deepEqual(await page.evaluate(() => caches.keys()), [], "no half-filled cache is left behind");
    await answerForState(page, "TX", "County jail", /hold someone longer/);
    assert.equal(await page.locator("#verdict").getAttribute("data-verdict"), "must_cooperate");
    assert.deepEqual(problems.filter((p) => !/QuotaExceeded|precache|service ?worker/i.test(p)), []);
  } finally {
    await browser.close();
  }
});

/** Installs the offline copy, then removes one of its files, as a browser clearing storage might. */
async function partlyCleared(page, origin) {
  await page.goto(`${origin}/`);
  await until(page, controlled, "the service worker");
  return page.evaluate(async () => {
    const name = (await caches.keys()).find((n) => n.startsWith("can-refuse-"));
    const cache = await caches.open(name);
    const gone = (await cache.keys()).find((r) => /\/laws-WY\.[0-9a-f]{8}\.data$/.test(r.url));
    await cache.delete(gone);
    return { name, gone: gone.url };
  });
}

test("online, a partly cleared offline copy is dropped and the whole page comes from the network", async () => {
  const browser = await open({ serviceWorkers: "allow" });
  try {
    const { page } = await newPage(browser.context, browser.origin);
    const { name } = await partlyCleared(page, browser.origin);
    await page.reload();
    await page.locator("#ask").waitFor({ state: "visible" });
    // The copy with a hole in it is gone: nothing of it is mixed with the network's files.
    assert.deepEqual(await page.evaluate(async (n) => (await caches.has(n)) && (await (await caches.open(n)).keys()).length, name), 0);
    await answerForState(page, "WY", "County jail", /hold someone longer/);
    assert.match(await page.locator("#answer-place").textContent(), /Wyoming/);
  } finally {
    await browser.close();
  }
});

test("offline, a partly cleared copy still opens, says it is incomplete, and answers from what is there", async () => {
  const browser = await open({ serviceWorkers: "allow" });
  try {
    const { page } = await newPage(browser.context, browser.origin);
    await partlyCleared(page, browser.origin);
    await browser.context.setOffline(true);
    await page.reload();
    await page.locator("#ask").waitFor({ state: "visible" });
    await page.locator("#notice").filter({ hasText: "copy of this tool saved on this device is incomplete" }).waitFor();
    // What is still there answers (a missing file fails as any download
    // does offline, in words: demo.test.mjs).
    await answerForState(page, "TX", "County jail", /hold someone longer/);
    assert.equal(await page.locator("#verdict").getAttribute("data-verdict"), "must_cooperate");
  } finally {
    await browser.context.setOffline(false);
    await browser.close();
  }
});
