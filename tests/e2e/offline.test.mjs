// Offline after the first visit: the demo page's service worker, a new
// release replacing the cache as a whole, and a partner site whose own
// service worker imports our helper.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { answerForState, DIST, open, page as newPage } from "./browser.mjs";

/** A copy of the release we can change, to play a new release. */
const root = mkdtempSync(join(tmpdir(), "can-refuse-offline-"));
cpSync(DIST, root, { recursive: true });

let browser;
before(async () => { browser = await open({ serviceWorkers: "allow", root }); });
after(async () => {
  await browser?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Polls `check` (run in the page, may be async) until it is true. */
async function until(page, check, arg, what) {
  for (let tries = 0; tries < 240; tries++) {
    if (await page.evaluate(check, arg)) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Waits until the page is controlled by a service worker (so its cache is full). */
const offlineReady = (page) =>
  until(page, async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return Boolean(registration?.active && navigator.serviceWorker.controller);
  }, null, "the service worker");

test("after one visit the demo answers with the network off, in English and in Spanish", async () => {
  const { page, problems } = await newPage(browser.context, browser.origin);
  await page.goto(`${browser.origin}/`);
  await offlineReady(page);
  await page.locator("#notice").filter({ hasText: "Saved on this device" }).waitFor();
  await browser.context.setOffline(true);
  try {
    await page.reload();
    await page.locator("#ask").waitFor({ state: "visible" });
    await answerForState(page, "TX", "County jail", /hold someone longer/);
    assert.equal(await page.locator("#verdict").getAttribute("data-verdict"), "must_cooperate");
    assert.ok(await page.locator("#reasons .sources a[href^='http']").count() > 0);
    // A town needs its place chunks: they were cached too.
    await page.locator("#place").fill("Providence, RI");
    const option = page.getByRole("option", { name: /^Providence, RI/ }).first();
    await option.waitFor();
    await option.click();
    await page.getByRole("button", { name: "See the answer" }).click();
    await page.locator("#answer-place").filter({ hasText: "Providence" }).waitFor();
    // Spanish, still offline, keeping the answers so far.
    await page.getByRole("button", { name: "Español" }).click();
    await page.locator("#headline").filter({ hasText: /./ }).waitFor();
    await page.waitForFunction(() => document.documentElement.lang === "es");
    assert.match(await page.locator("#disclaimer").textContent(), /no asesoría legal/);
    assert.match(await page.locator("#answer-place").textContent(), /Providence/);
  } finally {
    await browser.context.setOffline(false);
  }
  assert.deepEqual(problems.filter((p) => !p.includes("ERR_INTERNET_DISCONNECTED")), []);
});

test("a new release replaces the cache as a whole, after the person agrees", async () => {
  const { page } = await newPage(browser.context, browser.origin);
  await page.goto(`${browser.origin}/`);
  await offlineReady(page);
  const before = await page.evaluate(() => caches.keys());
  assert.equal(before.filter((k) => k.startsWith("can-refuse-")).length, 1, before.join(" "));
  // Play a new release: new text in a page file, a new release id.
  const oldRelease = JSON.parse(readFileSync(join(root, "precache.json"), "utf8")).release;
  const newRelease = "feedface0001";
  const sw = readFileSync(join(root, "sw.js"), "utf8");
  writeFileSync(join(root, "sw.js"), sw.replace(JSON.stringify(oldRelease), JSON.stringify(newRelease)));
  const precache = JSON.parse(readFileSync(join(root, "precache.json"), "utf8"));
  writeFileSync(join(root, "precache.json"), JSON.stringify({ ...precache, release: newRelease }));
  const style = readFileSync(join(root, "style.css"), "utf8");
  writeFileSync(join(root, "style.css"), `${style}\n/* release ${newRelease} */\n`);
  try {
    await page.reload();
    // The old release still serves the page; the new one waits, and says so.
    const notice = page.locator("#notice");
    await notice.filter({ hasText: "A newer version of this tool is ready." }).waitFor({ timeout: 60_000 });
    const css = await page.evaluate(() => fetch("style.css").then((r) => r.text()));
    assert.ok(!css.includes(newRelease), "nothing of the new release is used before the person agrees");
    await Promise.all([page.waitForEvent("load"), notice.getByRole("button", { name: "Update now" }).click()]);
    await until(page, async (name) => {
      const keys = await caches.keys();
      return keys.includes(`can-refuse-${name}`) && keys.filter((k) => k.startsWith("can-refuse-")).length === 1;
    }, newRelease, "the new cache to replace the old");
    const fresh = await page.evaluate(() => fetch("style.css").then((r) => r.text()));
    assert.ok(fresh.includes(newRelease), "the new release's files are served after the update");
  } finally {
    writeFileSync(join(root, "sw.js"), sw);
    writeFileSync(join(root, "precache.json"), JSON.stringify(precache));
    writeFileSync(join(root, "style.css"), style);
  }
});

test("a partner site whose own service worker imports the helper works offline", async () => {
  // The partner: another origin, its page, and its own service worker.
  const partnerSw = `importScripts("${browser.origin}/sw-helper.js");
CanRefuseOffline.precache("${browser.origin}/");
self.addEventListener("install", (e) => e.waitUntil(caches.open("partner").then((c) => c.addAll(["./partner.html"]))));
self.addEventListener("activate", (e) => e.waitUntil(self.clients.claim()));
self.addEventListener("fetch", (e) => {
  if (new URL(e.request.url).origin === self.location.origin) {
    e.respondWith(caches.match(e.request).then((r) => r || fetch(e.request)));
  }
});`;
  const partnerPage = `<!doctype html><html lang="es"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Ayuda legal</title></head>
<body><main><h1>Ayuda legal</h1><can-refuse state="CA"></can-refuse>
<script src="${browser.origin}/widget.js" async></script>
<script>navigator.serviceWorker.register("partner-sw.js");</script></main></body></html>`;
  const partner = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    const body = path === "/partner.html" ? partnerPage : path === "/partner-sw.js" ? partnerSw : null;
    res.writeHead(body ? 200 : 404, { "content-type": path.endsWith(".js") ? "text/javascript" : "text/html; charset=utf-8" });
    res.end(body ?? "not found");
  });
  await new Promise((done) => partner.listen(0, "127.0.0.1", done));
  const origin = `http://127.0.0.1:${partner.address().port}`;
  try {
    const { page } = await newPage(browser.context, origin);
    await page.goto(`${origin}/partner.html`);
    await offlineReady(page);
    assert.ok((await page.evaluate(() => caches.keys())).some((k) => k.startsWith("can-refuse-widget-")));
    await browser.context.setOffline(true);
    try {
      await page.reload();
      const widget = page.locator("can-refuse");
      // The partner page says lang="es": the widget speaks Spanish.
      await widget.locator("#ask").waitFor({ state: "visible", timeout: 30_000 });
      await widget.getByRole("radio", { name: /redada|casa/ }).first().check();
      await widget.getByRole("button", { name: "Ver la respuesta" }).click();
      await widget.locator("#answer").waitFor({ state: "visible" });
      assert.equal(await widget.locator("#verdict").getAttribute("data-verdict"), "must_refuse");
      assert.ok(await widget.locator(".sources a[href^='http']").count() > 0);
    } finally {
      await browser.context.setOffline(false);
    }
  } finally {
    await new Promise((done) => partner.close(done));
  }
});
