// Shared setup for the browser tests: serve dist/ on a free loopback port and
// drive Debian's Chromium through playwright-core (no browser download).
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

/** Starts the server and a fresh browser profile; returns handles and a cleanup. */
export async function open() {
  const server = await serve(DIST, 0);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const profile = await mkdtemp(join(tmpdir(), "can-refuse-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: FLAGS,
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
