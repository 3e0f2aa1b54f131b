// Shared setup for the browser tests: serve dist/ on a free loopback port and
// drive Debian's Chromium through playwright-core (no browser download).
import { createServer } from "node:http";
import { after, before } from "node:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";

export const DIST = new URL("../../dist/", import.meta.url).pathname;

const FLAGS = [
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-sandbox",
];

/**
 * Starts the server and a fresh browser profile; returns handles and a
 * cleanup. Service workers are blocked unless asked for: a worker answers
 * from its cache, out of reach of the tests' request routing.
 */
export async function open({ serviceWorkers = "block", root = DIST } = {}) {
  const server = await serve(root, 0);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const profile = await mkdtemp(join(tmpdir(), "can-refuse-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: FLAGS,
    serviceWorkers,
  });
  return {
    origin,
    context,
    async close() {
      await context.close();
      await new Promise((done) => server.close(done));
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Opens a page that records console errors, page errors and off-origin requests. */
export async function page(context, origin) {
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    if (!r.url().startsWith(origin)) problems.push(`request left the origin: ${r.url()}`);
  });
  return { page, problems };
}

/**
 * Holds back the engine (the wasm) on `page` until `release()` is called,
 * so whatever shows before came from elsewhere (the ready answers).
 * `requested` lists the wasm URLs asked for.
 */
export async function holdEngine(page) {
  let release;
  const held = new Promise((done) => (release = done));
  const requested = [];
  await page.route(/\.wasm$/, async (route) => {
    requested.push(route.request().url());
    await held;
    await route.continue();
  });
  return { release, requested };
}

/**
 * Serves `state`'s ready answers on `page` with `change` applied to the
 * answer under `key` ("sheriff/detainer"); `file()` is the file as served.
 */
export async function alterReady(page, state, key, change) {
  let served = null;
  await page.route(new RegExp(`/ready-${state}\\.[0-9a-f]{10}\\.json$`), async (route) => {
    served = await (await route.fetch()).json();
    Object.assign(served.answers[key], change);
    await route.fulfill({ json: served });
  });
  return { file: () => served };
}

/** The engine's follow-up question about the agency, as the page shows it. */
export const AGENCY_QUESTION = "Which agency is ICE asking for help?";

/**
 * Asks for a state chosen from the list and a situation, then answers the
 * agency question if the engine asks it; returns whether it did.
 */
export async function answerForState(page, state, agency, situation) {
  await page.selectOption("#state", state);
  await page.getByRole("radio", { name: situation }).check();
  await page.getByRole("button", { name: "See the answer" }).click();
  await page.locator("#answer").waitFor({ state: "visible" });
  return answerAgency(page, agency);
}

/**
 * Answers the engine's agency question if it asked one (it asks only when
 * the agency changes the answer); returns whether it did. `agency` is the
 * button's label. `scope` is a page or a widget's locator.
 */
export async function answerAgency(scope, agency) {
  const group = scope.getByRole("group", { name: AGENCY_QUESTION });
  if (!(await group.isVisible())) return false;
  await group.getByRole("button", { name: agency }).click();
  await scope.locator("#answer-place").filter({ hasText: agency }).waitFor();
  return true;
}

/**
 * Partner pages on an origin of their own, for the widget served at
 * `widgetOrigin`: `fixture(name, html)` publishes a page (`{W}` in it
 * becomes the widget's origin) and returns its URL; `pages` also serves
 * scripts by path.
 */
export async function partnerHost(widgetOrigin) {
  const pages = new Map();
  const host = createServer((req, res) => {
    const html = pages.get(new URL(req.url, "http://x").pathname);
    const type = req.url.endsWith(".js") ? "text/javascript" : "text/html; charset=utf-8";
    res.writeHead(html ? 200 : 404, { "content-type": type });
    res.end(html ? html.replaceAll("{W}", widgetOrigin) : "not found");
  });
  await new Promise((done) => host.listen(0, "127.0.0.1", done));
  const origin = `http://127.0.0.1:${host.address().port}`;
  return {
    origin,
    pages,
    fixture(name, html) {
      pages.set(`/${name}.html`, html);
      return `${origin}/${name}.html`;
    },
    close: () => new Promise((done) => host.close(done)),
  };
}

/** A partner's page: `body` in <main>, `head` in <head>. */
export const partnerPage = (body, head = "") =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Partner</title>${head}</head><body><main>${body}</main></body></html>`;

/** Asks a widget (by selector) a situation, answering the agency question if asked; returns its locator. */
/**
 * Shows the answer of `widget` (a locator) whose questions its attributes
 * already answer: waits for its form, clicks "See the answer" and waits
 * for the answer. Returns the widget.
 */
export async function presetAnswer(widget) {
  await widget.locator("#ask").waitFor({ state: "visible" });
  await widget.getByRole("button", { name: "See the answer" }).click();
  await widget.locator("#answer").waitFor({ state: "visible" });
  return widget;
}

export async function answerIn(page, widget, agency, situation) {
  const shadow = page.locator(widget);
  await shadow.locator("#ask").waitFor({ state: "visible" });
  await shadow.getByRole("radio", { name: situation }).check();
  await shadow.getByRole("button", { name: "See the answer" }).click();
  await shadow.locator("#answer").waitFor({ state: "visible" });
  await answerAgency(shadow, agency);
  return shadow;
}

/**
 * For a test file of partner pages: a browser and a partner host for all its
 * tests, opened before and closed after; `ready(browser, host)` receives them.
 */
export function partnerSuite(ready) {
  let browser, host;
  before(async () => {
    browser = await open();
    host = await partnerHost(browser.origin);
    ready(browser, host);
  });
  after(async () => {
    await browser?.close();
    await host?.close();
  });
}
