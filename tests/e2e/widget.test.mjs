// The embeddable widget on partner pages unlike ours: another origin, a
// strict Content-Security-Policy, two widgets, the script twice, a server
// that sends .wasm with the wrong type, a policy that blocks WebAssembly.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { alterReady, answerIn, holdEngine, open, page as newPage, partnerHost, partnerPage as page, presetAnswer, DIST } from "./browser.mjs";
import { serve } from "../../scripts/serve.mjs";

let browser, host, hostOrigin, pages, fixture;

before(async () => {
  browser = await open();
  host = await partnerHost(browser.origin);
  ({ origin: hostOrigin, pages, fixture } = host);
});
after(async () => {
  await browser?.close();
  await host?.close();
});

const STRICT = (widget, extra = "'wasm-unsafe-eval'") =>
  `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${widget} ${extra}; connect-src ${widget}; style-src 'none'; img-src 'none'">`;

test("a widget on another origin, under a strict CSP, gives a sourced answer", async () => {
  const url = fixture("strict", page(`<h1>Legal aid</h1><can-refuse state="CA"></can-refuse><script src="{W}/widget.js" async></script>`, STRICT("{W}")));
  const { page: tab, problems } = await newPage(browser.context, hostOrigin);
  const verdicts = [];
  await tab.exposeFunction("recordVerdict", (v) => verdicts.push(v));
  await tab.addInitScript(() => document.addEventListener("answer", (e) => window.recordVerdict(e.detail.verdict)));
  await tab.goto(url);
  const shadow = await answerIn(tab, "can-refuse", "City or town police", /raid or an arrest at a home/);
  assert.equal(await shadow.locator("#verdict").getAttribute("data-verdict"), "must_refuse");
  assert.match(await shadow.locator(".reason.applies .sources a").first().getAttribute("href"), /^https?:\/\//);
  assert.deepEqual(verdicts, ["must_refuse"], "the page hears the verdict, nothing else");
  assert.deepEqual(problems.filter((p) => !p.startsWith("request left the origin: " + browser.origin)), []);
});

test("two widgets on one page answer for their own states; the script twice does no harm", async () => {
  const url = fixture(
    "two",
    page(`<can-refuse id="a" state="TX"></can-refuse><can-refuse id="b" state="CA"></can-refuse>
      <script src="{W}/widget.js" async></script><script src="{W}/widget.js" async></script>`),
  );
  const { page: tab, problems } = await newPage(browser.context, hostOrigin);
  const requested = [];
  tab.on("request", (r) => requested.push(new URL(r.url()).pathname));
  await tab.goto(url);
  const texas = await answerIn(tab, "#a", "County sheriff", /hold someone longer/);
  const california = await answerIn(tab, "#b", "City or town police", /raid or an arrest at a home/);
  assert.equal(await texas.locator("#verdict").getAttribute("data-verdict"), "must_cooperate");
  assert.equal(await california.locator("#verdict").getAttribute("data-verdict"), "must_refuse");
  // One engine for both: the engine, the core and each state's laws are fetched once.
  for (const once of [/\.wasm$/, /^\/can-refuse\.[0-9a-f]+\.data$/, /^\/laws-TX\./, /^\/laws-CA\./, /^\/ui\.js$/]) {
    assert.equal(requested.filter((p) => once.test(p)).length, 1, `${once}: ${requested.join(" ")}`);
  }
  assert.deepEqual(problems.filter((p) => !p.startsWith("request left the origin: " + browser.origin)), []);
});

test("a server that sends .wasm with the wrong type still works", async () => {
  const wrong = await serve(DIST, 0, "127.0.0.1", { types: { ".wasm": "application/octet-stream" } });
  try {
    const origin = `http://127.0.0.1:${wrong.address().port}`;
    const url = fixture("mime", page(`<can-refuse state="TX"></can-refuse><script src="${origin}/widget.js" async></script>`));
    const { page: tab } = await newPage(browser.context, hostOrigin);
    await tab.goto(url);
    const shadow = await answerIn(tab, "can-refuse", "County sheriff", /hold someone longer/);
    assert.equal(await shadow.locator("#verdict").getAttribute("data-verdict"), "must_cooperate");
  } finally {
    await new Promise((done) => wrong.close(done));
  }
});

test("a CSP that blocks WebAssembly gets a plain-words message naming the fix", async () => {
  const url = fixture("nowasm", page(`<can-refuse state="TX"></can-refuse><script src="{W}/widget.js" async></script>`, STRICT("{W}", "")));
  const { page: tab } = await newPage(browser.context, hostOrigin);
  await tab.goto(url);
  const status = tab.locator("can-refuse").locator("#status.error");
  await status.waitFor({ state: "visible" });
  assert.match(await status.textContent(), /security settings block WebAssembly.*'wasm-unsafe-eval'.*script-src/);
});

test("a widget preset to a state answers from its ready answers when WebAssembly is blocked, and names the fix", async () => {
  const url = fixture("nowasm-ready", page(`<can-refuse state="TX" agency="sheriff" situation="detainer"></can-refuse><script src="{W}/widget.js" async></script>`, STRICT("{W}", "")));
  const { page: tab } = await newPage(browser.context, hostOrigin);
  await tab.goto(url);
  const shadow = await presetAnswer(tab.locator("can-refuse"));
  assert.equal(await shadow.locator("#verdict").getAttribute("data-verdict"), "must_cooperate");
  assert.match(await shadow.locator("#headline").textContent(), /Texas law requires them to cooperate/);
  // The engine could not start: said in the status line, with the fix.
  const status = shadow.locator("#status.error");
  await status.waitFor({ state: "visible" });
  assert.match(await status.textContent(), /security settings block WebAssembly.*'wasm-unsafe-eval'/);
});

test("a widget preset to a town fetches its name chunk while the engine is still on its way, and only that one", async () => {
  // Two letters, a group split into three ("hou"), and "St." read as "saint".
  for (const [place, key] of [["Yuma, AZ", "yu"], ["Houston, TX", "hou"], ["St. Louis, MO", "sai"]]) {
    const url = fixture(`town-${key}`, page(`<can-refuse place="${place}" agency="police" situation="detainer"></can-refuse><script src="{W}/widget.js" async></script>`));
    const { page: tab } = await newPage(browser.context, hostOrigin);
    const { release } = await holdEngine(tab);
    const names = [];
    tab.on("request", (r) => /^\/names-.*\.data$/.test(new URL(r.url()).pathname) && names.push(new URL(r.url()).pathname));
    const early = tab.waitForRequest((r) => new URL(r.url()).pathname.startsWith(`/names-${key}.`), { timeout: 15_000 });
    await tab.goto(url);
    await early; // the wasm is held back: the interface asked, not the engine
    release();
    const shadow = await presetAnswer(tab.locator("can-refuse"));
    assert.match(await shadow.locator("#answer").textContent(), new RegExp(place.replace(/^St\. /, "(St\\.|Saint) ").split(",")[0], "i"));
    assert.equal(names.length, 1, `${place}: ${names.join(" ")}`);
    assert.match(names[0], new RegExp(`^/names-${key}\\.[0-9a-f]{8}\\.data$`));
  }
});

test("a ready answer that differs from the engine's is replaced by the engine's once the engine is up", async () => {
  const url = fixture("ready-checked", page(`<can-refuse state="TX" agency="sheriff" situation="detainer"></can-refuse><script src="{W}/widget.js" async></script>`));
  const { page: tab } = await newPage(browser.context, hostOrigin);
  // A stale or altered ready file: its sheriff-detainer answer says the opposite.
  await alterReady(tab, "TX", "sheriff/detainer", { verdict: "must_refuse", headline: "ALTERED" });
  // The engine arrives late, so the altered answer shows first.
  const { release } = await holdEngine(tab);
  await tab.goto(url);
  const shadow = await presetAnswer(tab.locator("can-refuse"));
  assert.equal(await shadow.locator("#headline").textContent(), "ALTERED");
  release();
  await shadow.locator("#verdict[data-verdict=must_cooperate]").waitFor();
  assert.match(await shadow.locator("#headline").textContent(), /Texas law requires them to cooperate/);
});

test("hostile global CSS does not hide or break the widget", async () => {
  const hostile = `<style>* { all: unset !important; } div { display: none !important; } button, input { visibility: hidden !important; }</style>`;
  const url = fixture("hostile", page(`<can-refuse state="CA"></can-refuse><script src="{W}/widget.js" async></script>`, hostile));
  const { page: tab } = await newPage(browser.context, hostOrigin);
  await tab.goto(url);
  const shadow = await answerIn(tab, "can-refuse", "City or town police", /raid or an arrest at a home/);
  assert.equal(await shadow.locator("#verdict").getAttribute("data-verdict"), "must_refuse");
});

test("a page that rewrites built-in prototypes does not break the widget", async () => {
  // What old libraries do: enumerable junk on prototypes, toJSON on arrays,
  // hand-rolled replacements for array methods, a wrapped fetch.
  const hostile = `<script>
    Object.prototype.junk = function () { return "junk"; };
    Array.prototype.toJSON = function () { return "not an array"; };
    Array.prototype.map = function (f) { var r = []; for (var i = 0; i < this.length; i++) r.push(f(this[i], i, this)); return r; };
    Array.prototype.filter = function (f) { var r = []; for (var i = 0; i < this.length; i++) if (f(this[i], i, this)) r.push(this[i]); return r; };
    Array.prototype.includes = function (x) { for (var i = 0; i < this.length; i++) if (this[i] === x) return true; return false; };
    var realFetch = window.fetch; window.fetch = function () { return realFetch.apply(this, arguments); };
  </script>`;
  const url = fixture("prototypes", page(`<can-refuse state="TX"></can-refuse><script src="{W}/widget.js" async></script>`, hostile));
  const { page: tab } = await newPage(browser.context, hostOrigin);
  await tab.goto(url);
  const shadow = await answerIn(tab, "can-refuse", "County sheriff", /hold someone longer/);
  assert.equal(await shadow.locator("#verdict").getAttribute("data-verdict"), "must_cooperate");
  // A town's name chunk is fetched early by folding its name: a page that
  // broke the string built-ins costs that head start, not the answer.
  const broken = `<script>String.prototype.normalize = function () { throw new Error("broken"); };</script>`;
  const town = fixture("prototypes-town", page(`<can-refuse place="Houston, TX" agency="police" situation="detainer"></can-refuse><script src="{W}/widget.js" async></script>`, broken));
  const { page: second } = await newPage(browser.context, hostOrigin);
  await second.goto(town);
  const widget = await presetAnswer(second.locator("can-refuse"));
  assert.match(await widget.locator("#answer").textContent(), /Houston/);
});


test("the ES module build mounts the widget from another origin, finding its files by import.meta.url", async () => {
  pages.set("/partner.js", `import { define, mount } from "{W}/module.js";
await define();
await mount(document.getElementById("help"), { state: "CA", lang: "es", situation: "residential-raid" });`);
  const url = fixture("module", page(`<h1>Ayuda</h1><div id="help"></div><script type="module" src="/partner.js"></script>`, STRICT(`'self' {W}`)));
  const { page: tab, problems } = await newPage(browser.context, hostOrigin);
  await tab.goto(url);
  const shadow = tab.locator("#help");
  await shadow.locator("#ask").waitFor({ state: "visible" });
  assert.equal(await shadow.locator("#can-refuse-app").getAttribute("lang"), "es");
  await shadow.getByRole("button", { name: "Ver la respuesta" }).click();
  await shadow.locator("#answer").waitFor({ state: "visible" });
  assert.equal(await shadow.locator("#verdict").getAttribute("data-verdict"), "must_refuse");
  assert.deepEqual(problems.filter((p) => !p.startsWith("request left the origin: " + browser.origin)), []);
});

/** What a widget's page requests before ui.js arrives (held back 700 ms) and in all, once it has answered. */
async function loaderRequests(attributes) {
  const url = fixture(`early-${attributes.length}`, page(`<can-refuse ${attributes}></can-refuse><script src="{W}/widget.js" async></script>`));
  const { page: tab, problems } = await newPage(browser.context, hostOrigin);
  // ui.js is held back: whatever is requested before it arrives was started
  // by the loader itself, not by the interface.
  const beforeUi = [];
  let uiArrived = false;
  await tab.route(`${browser.origin}/ui.js`, async (route) => {
    await new Promise((done) => setTimeout(done, 700));
    uiArrived = true;
    await route.continue();
  });
  const requested = [];
  tab.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    requested.push(path);
    if (!uiArrived) beforeUi.push(path);
  });
  await tab.goto(url);
  const shadow = await presetAnswer(tab.locator("can-refuse"));
  assert.deepEqual(problems.filter((p) => !p.startsWith("request left the origin: " + browser.origin)), []);
  return { beforeUi, requested, tab };
}

test("a widget preset to a state: the loader fetches its text and ready answers at once, the engine after them, each once", async () => {
  const { beforeUi, requested, tab } = await loaderRequests(`state="TX" agency="sheriff" situation="detainer"`);
  for (const wanted of [/^\/lang\/en\.js$/, /^\/ready-TX\.[0-9a-f]{10}\.json$/]) {
    assert.ok(beforeUi.some((p) => wanted.test(p)), `${wanted} before ui.js arrived: ${beforeUi.join(" ")}`);
  }
  // The engine, its core and the state's laws come behind (the answer is checked against them).
  await tab.waitForFunction(() => performance.getEntriesByType("resource").some((e) => /\/laws-TX\./.test(e.name)));
  for (const once of [/^\/can_refuse_bg\.[0-9a-f]+\.wasm$/, /^\/can-refuse\.[0-9a-f]+\.data$/, /^\/lang\/en\.js$/, /^\/laws-TX\.[0-9a-f]{8}\.data$/, /^\/ready-TX\.[0-9a-f]{10}\.json$/]) {
    assert.equal(requested.filter((p) => once.test(p)).length, 1, `${once} fetched once: ${requested.join(" ")}`);
  }
});

test("a widget preset to a town: the loader fetches the engine, the data core and the text at once, each once", async () => {
  const { beforeUi, requested } = await loaderRequests(`place="Houston, TX" agency="police" situation="detainer"`);
  for (const wanted of [/^\/can_refuse_bg\.[0-9a-f]+\.wasm$/, /^\/can-refuse\.[0-9a-f]+\.data$/, /^\/lang\/en\.js$/]) {
    assert.ok(beforeUi.some((p) => wanted.test(p)), `${wanted} before ui.js arrived: ${beforeUi.join(" ")}`);
    assert.equal(requested.filter((p) => wanted.test(p)).length, 1, `${wanted} fetched once: ${requested.join(" ")}`);
  }
  assert.ok(!requested.some((p) => /ready-/.test(p)), `no ready answers for a town: ${requested.join(" ")}`);
});

test("a widget below the fold fetches nothing until it is scrolled into view, then answers", async () => {
  const url = fixture("below-fold", page(`<div style="height: 4000px">A long article.</div><can-refuse id="late" state="TX" agency="sheriff" situation="detainer"></can-refuse><script src="{W}/widget.js" async></script>`));
  const { page: tab, problems } = await newPage(browser.context, hostOrigin);
  const requested = [];
  tab.on("request", (r) => requested.push(new URL(r.url()).pathname));
  await tab.goto(url);
  await tab.waitForFunction(() => document.querySelector("#late")?.shadowRoot);
  // Long enough for a start to show (the loader's own fetches begin at once when it starts).
  await tab.waitForTimeout(500);
  assert.deepEqual(requested.filter((p) => p !== "/widget.js" && !p.startsWith("/below-fold")), [], `nothing before it is seen: ${requested.join(" ")}`);
  await tab.locator("#late").scrollIntoViewIfNeeded();
  await presetAnswer(tab.locator("#late"));
  assert.ok(requested.includes("/ui.js"), requested.join(" "));
  assert.deepEqual(problems.filter((p) => !p.startsWith("request left the origin: " + browser.origin)), []);
});
