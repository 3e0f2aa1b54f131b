// The speed benchmark: what a person on a slow phone waits for. It builds
// nothing — run scripts/build.sh first — then serves dist/ with gzip (as a
// CDN would), opens a partner page on another origin in headless Chromium
// throttled to a slow phone, and measures, for each case:
//   - first question: from navigation to the widget's form being ready;
//   - answer: from the click on "Show the answer" to the answer on screen;
//   - bytes (gzip, as transferred) before the first question and with the answer;
//   - the engine's own time for one answer (evaluate, in the page, unthrottled).
// Beside them, the data floor: the same answer as plain JSON, gzip.
//
// Usage: node scripts/bench.mjs [--runs N] [--json FILE] [--no-throttle] [--engine-only] [--trace]
// (--trace prints each case's requests of its first run: when each started
// and ended, and its bytes, to see the chain a change shortens.)
// (README "Speed" records the figures, with the date and machine.)
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args[i + 1];
};
const RUNS = Number(flag("--runs", 5));
const OUT = flag("--json", null);
const THROTTLE = !args.includes("--no-throttle");
const ENGINE_ONLY = args.includes("--engine-only");
const TRACE = args.includes("--trace");
const DIST = new URL("../dist/", import.meta.url).pathname;
if (!existsSync(`${DIST}widget.js`)) {
  console.error("bench: dist/ is not built; run scripts/build.sh first");
  process.exit(1);
}

// The phone: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, CPU 4× slower.
const PROFILE = { latency: 150, download: (1.6e6 / 8) | 0, upload: (750e3 / 8) | 0, cpu: 4 };

const CASES = [
  { name: "state (TX sheriff detainer), English", attrs: 'lang="en" state="TX" agency="sheriff" situation="detainer"' },
  { name: "state (TX sheriff detainer), Spanish", attrs: 'lang="es" state="TX" agency="sheriff" situation="detainer"' },
  { name: "town (Houston, TX police detainer), English", attrs: 'lang="en" place="Houston, TX" agency="police" situation="detainer"' },
  { name: "town (Houston, TX police detainer), Spanish", attrs: 'lang="es" place="Houston, TX" agency="police" situation="detainer"' },
];

/** The same answers from the CLI as plain JSON: the facts, with nothing to run them. */
function floor() {
  const cli = new URL("../target/release/can-refuse", import.meta.url).pathname;
  if (!existsSync(cli)) return null;
  const json = (...question) => execFileSync(cli, ["ask", ...question, "--json"], { encoding: "utf8" });
  const gz = (text) => gzipSync(text, { level: 9 }).length;
  return {
    state: gz(json("--state", "TX", "--agency", "sheriff", "--situation", "detainer")),
    town: gz(json("--place", "77002", "--county", "Harris", "--agency", "police", "--situation", "detainer")),
  };
}

/** The partner's page, on its own origin: the widget and nothing else. */
function partner(widgetOrigin) {
  let attrs = "";
  const server = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<link rel="icon" href="data:,"><title>Partner</title></head><body><h1>Know your rights</h1>
<script src="${widgetOrigin}/widget.js" async></script><can-refuse ${attrs}></can-refuse></body></html>`);
  });
  return new Promise((done) =>
    server.listen(0, "127.0.0.1", () =>
      done({ server, url: `http://127.0.0.1:${server.address().port}/`, set: (a) => (attrs = a) }),
    ),
  );
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

async function once(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (THROTTLE) {
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: PROFILE.latency,
      downloadThroughput: PROFILE.download,
      uploadThroughput: PROFILE.upload,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: PROFILE.cpu });
  }
  const bytes = [];
  const requests = new Map(); // requestId → {url, start, end, size}, times in ms since the first
  let t0;
  cdp.on("Network.requestWillBeSent", (e) => {
    t0 ??= e.timestamp;
    requests.set(e.requestId, { url: e.request.url, start: (e.timestamp - t0) * 1000 });
  });
  cdp.on("Network.loadingFinished", (e) => {
    bytes.push({ size: e.encodedDataLength });
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { end: (e.timestamp - t0) * 1000, size: e.encodedDataLength });
  });

  await page.goto(url, { waitUntil: "commit" });
  const widget = page.locator("can-refuse");
  // Ready: the form is shown and the widget no longer busy.
  await page.waitForFunction(
    () => {
      const root = document.querySelector("can-refuse")?.shadowRoot;
      const app = root?.querySelector("#can-refuse-app");
      return app && app.getAttribute("aria-busy") === "false" && !root.querySelector("#ask").hidden;
    },
    null,
    { polling: "raf", timeout: 60_000 },
  );
  const firstQuestion = await page.evaluate(() => performance.now());
  const before = bytes.reduce((sum, b) => sum + b.size, 0);

  const answered = page.waitForFunction(
    () => {
      const root = document.querySelector("can-refuse").shadowRoot;
      const answer = root.querySelector("#answer");
      return answer && !answer.hidden && root.querySelector("#headline").textContent ? performance.now() : false;
    },
    null,
    { polling: "raf", timeout: 60_000 },
  );
  const clicked = await widget.evaluate((el) => {
    const t = performance.now();
    el.shadowRoot.querySelector(".submit").click();
    return t;
  });
  const answerAt = await (await answered).jsonValue();
  // Let the last responses settle before counting.
  await page.waitForTimeout(50);
  const total = bytes.reduce((sum, b) => sum + b.size, 0);
  await context.close();
  const trace = [...requests.values()].map((r) => ({ ...r, url: r.url.replace(/^https?:\/\/[^/]+\//, "") }));
  return { firstQuestion, answer: answerAt - clicked, clicked, before, total, trace };
}

/** The engine alone: median time of `evaluate` for a Texas question, in Chromium, unthrottled. */
async function engineTime(browser, origin, glue) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // A page of the release without the demo's Content-Security-Policy (which
  // would refuse the glue from pkg/).
  await page.goto(`${origin}/precache.json`);
  const result = await page.evaluate(async (glue) => {
    // The wasm glue is bundled into ui.js in dist/; the engine alone is
    // driven through wasm-pack's own copy in pkg/.
    const { default: init, Engine } = await import(`${glue}/can_refuse.js`);
    const { default: manifest } = await import("./manifest.js");
    const file = (name) => manifest.files?.[name]?.url ?? name;
    await init({ module_or_path: fetch(file("can_refuse_bg.wasm")) });
    const core = new Uint8Array(await (await fetch(file("can-refuse.data"))).arrayBuffer());
    const engine = new Engine(core);
    for (const name of engine.filesForState("TX")) {
      engine.loadFile(name, new Uint8Array(await (await fetch(name)).arrayBuffer()));
    }
    const question = { state: "TX", agency: "sheriff", situation: "detainer" };
    // Rounds of each kind alternate, so a slow spell of the machine falls
    // on both alike; each figure is the median round.
    const parsed = () => JSON.parse(engine.evaluate(question));
    const raw = () => engine.evaluate(question);
    for (let i = 0; i < 200; i++) parsed(); // warm up
    const rounds = { parsed: [], raw: [] };
    for (let round = 0; round < 60; round++) {
      for (const [kind, run] of [["parsed", parsed], ["raw", raw]]) {
        const t = performance.now();
        for (let i = 0; i < 50; i++) run();
        rounds[kind].push(((performance.now() - t) / 50) * 1000);
      }
    }
    const median = (values) => values.sort((a, b) => a - b)[values.length >> 1];
    return { parsed: median(rounds.parsed), engine: median(rounds.raw) };
  }, glue);
  await context.close();
  return result;
}

const gzipped = await serve(DIST, 0, "127.0.0.1", { gzip: true });
const origin = `http://127.0.0.1:${gzipped.address().port}`;
const site = await partner(origin);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--no-sandbox"],
});

const results = [];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${Math.round(n)} ms`;
console.log(
  `bench: ${RUNS} runs per case, ${THROTTLE ? `throttled (${PROFILE.latency} ms RTT, 1.6 Mbit/s down, 750 kbit/s up, CPU ${PROFILE.cpu}×)` : "unthrottled"}, gzip`,
);
for (const c of ENGINE_ONLY ? [] : CASES) {
  site.set(c.attrs);
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(browser, site.url));
  const row = {
    case: c.name,
    first_question_ms: median(runs.map((r) => r.firstQuestion)),
    answer_after_click_ms: median(runs.map((r) => r.answer)),
    bytes_before_question: median(runs.map((r) => r.before)),
    bytes_with_answer: median(runs.map((r) => r.total)),
  };
  results.push(row);
  if (TRACE) {
    const { trace, firstQuestion, clicked } = runs[0];
    console.log(`  first run: question at ${ms(firstQuestion)}, click at ${ms(clicked)} (page clock); requests (network clock):`);
    for (const r of trace.sort((a, b) => a.start - b.start)) {
      console.log(`  ${ms(r.start).padStart(8)} → ${r.end === undefined ? "…" : ms(r.end).padStart(7)}  ${r.size === undefined ? "" : kb(r.size).padStart(8)}  ${r.url || "(the page)"}`);
    }
  }
  console.log(
    `${c.name}: first question ${ms(row.first_question_ms)}, answer ${ms(row.answer_after_click_ms)} after the click; ${kb(row.bytes_before_question)} before the question, ${kb(row.bytes_with_answer)} with the answer`,
  );
}
const pkg = await serve(new URL("../pkg/", import.meta.url).pathname, 0);
const evaluateUs = await engineTime(browser, origin, `http://127.0.0.1:${pkg.address().port}`);
await new Promise((done) => pkg.close(done));
console.log(
  `evaluate (Texas sheriff detainer, unthrottled, median of 60 rounds of 50): ${evaluateUs.parsed.toFixed(0)} µs with the answer parsed (${evaluateUs.engine.toFixed(0)} µs in the engine)`,
);
const facts = floor();
if (facts) console.log(`data floor (the answer as plain JSON, gzip): state ${kb(facts.state)}, town ${kb(facts.town)}`);
else console.log("data floor: target/release/can-refuse is not built; skipped");

await browser.close();
await new Promise((done) => gzipped.close(done));
await new Promise((done) => site.server.close(done));
if (OUT) {
  await writeFile(
    OUT,
    JSON.stringify({ date: new Date().toISOString(), profile: THROTTLE ? PROFILE : null, runs: RUNS, results, evaluate_us: evaluateUs, floor: facts }, null, 2) + "\n",
  );
}
