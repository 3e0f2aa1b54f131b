// Partner pages that break what the widget relies on: globals replaced by
// look-alikes, prototype methods that throw or lie, a wrapped or broken
// fetch, a patched customElements. In every case the box either answers
// or says in words what is wrong (with a retry); it is never blank.
import { test } from "node:test";
import assert from "node:assert/strict";
import { answerIn, page as newPage, partnerPage, partnerSuite } from "./browser.mjs";

let browser, host;
partnerSuite((b, h) => ([browser, host] = [b, h]));

/** A partner page whose own script, run before the widget's, is `hostile`. */
function hostilePage(name, hostile, widget = `<can-refuse state="CA"></can-refuse>`) {
  return host.fixture(name, partnerPage(`${widget}<script src="{W}/widget.js" async></script>`, `<script>${hostile}</script>`));
}

/** The verdict the widget shows for a California raid by city police. */
async function californiaVerdict(tab) {
  const shadow = await answerIn(tab, "can-refuse", "City or town police", /raid or an arrest at a home/);
  return shadow.locator("#verdict").getAttribute("data-verdict");
}

// Globals replaced by look-alikes that do not work: the widget takes the
// browser's own and answers as on any page.
const GLOBALS = {
  Map: "window.Map = function () { this.get = function () {}; this.set = function () { return this; }; this.has = function () { return false; }; };",
  Set: "window.Set = function () { this.has = function () { return true; }; this.add = function () { return this; }; };",
  Promise: "window.Promise = function () { throw new Error('no promises here'); }; window.Promise.resolve = function () { throw new Error('no'); }; window.Promise.all = window.Promise.resolve;",
  JSON: "window.JSON = { parse: function () { return {}; }, stringify: function () { return '{}'; } };",
  URL: "window.URL = function (u) { this.href = String(u); this.toString = function () { return this.href; }; };",
  TextDecoder: "window.TextDecoder = function () { this.decode = function () { return 'junk'; }; };",
  Intl: "Intl.DateTimeFormat = function () { throw new Error('no dates here'); }; Intl.NumberFormat = Intl.DateTimeFormat;",
  Reflect: "window.Reflect = undefined;",
  HTMLElement: "window.HTMLElement = function () {};",
  // A mocked clock: the answer must still be for today, not for 1970.
  Date: "var RealDate = Date; window.Date = function () { return new RealDate(0); }; window.Date.now = function () { return 0; }; window.Date.UTC = RealDate.UTC;",
  // A stand-in that never reports: the box must not wait for ever.
  IntersectionObserver: "window.IntersectionObserver = function () { this.observe = function () {}; this.disconnect = function () {}; };",
};
for (const [name, hostile] of Object.entries(GLOBALS)) {
  test(`a page whose global ${name} is not the browser's: the widget still answers`, async () => {
    const { page: tab, problems } = await newPage(browser.context, host.origin);
    await tab.goto(hostilePage(`global-${name}`, hostile));
    assert.equal(await californiaVerdict(tab), "must_refuse");
    assert.deepEqual(problems.filter((p) => !p.startsWith(`request left the origin: ${browser.origin}`)), []);
  });
}

// Prototype methods that throw or return junk cannot be taken back: the
// box names what the page broke and links to the tool on its own page.
const BROKEN = {
  "Array.prototype.map that throws": ["Array.prototype.map = function () { throw new Error('map is off'); };", /Array\.prototype\.map/],
  "Array.prototype.filter that returns junk": ["Array.prototype.filter = function () { return ['junk']; };", /Array\.prototype\.filter/],
  "Object.entries that returns junk": ["Object.entries = function () { return []; };", /Object\.entries/],
  "array iteration that throws": ["Array.prototype[Symbol.iterator] = function () { throw new Error('no'); };", /Array iteration/],
};
for (const [what, [hostile, named]] of Object.entries(BROKEN)) {
  test(`a page with ${what}: a message naming it, a link to the tool's own page, never a blank box`, async () => {
    const { page: tab } = await newPage(browser.context, host.origin);
    await tab.goto(hostilePage(`broken-${what.replace(/\W+/g, "-")}`, hostile));
    const message = tab.locator("can-refuse").locator("[role=alert]");
    await message.waitFor({ state: "visible" });
    const text = await message.textContent();
    assert.match(text, /changed parts of the web browser that this tool needs/);
    assert.match(text, named);
    assert.equal(await message.getByRole("link", { name: "Open this tool on its own page" }).getAttribute("href"), `${browser.origin}/`);
    assert.ok(await message.getByRole("button", { name: "Try again" }).isVisible());
  });
}

test("a page that adds junk to Object.prototype and wraps fetch: the widget still answers", async () => {
  const hostile = `Object.defineProperty(Object.prototype, "junk", { value: 1, enumerable: true, writable: true });
    Object.prototype.hasOwnProperty = function () { return true; };
    var real = window.fetch; window.fetch = function (input, init) { return real.call(window, input, init && { signal: init.signal }); };`;
  const { page: tab } = await newPage(browser.context, host.origin);
  await tab.goto(hostilePage("object-fetch", hostile));
  assert.equal(await californiaVerdict(tab), "must_refuse");
});

test("a page whose fetch always fails: the box says so and tries again when asked", async () => {
  const hostile = `window.realFetch = window.fetch; window.fetch = function () { return window.realFetch.call(window, "/nowhere"); };`;
  const { page: tab } = await newPage(browser.context, host.origin);
  await tab.goto(hostilePage("fetch-fails", hostile));
  const message = tab.locator("can-refuse").locator("[role=alert]");
  await message.filter({ hasText: /could not load|could not be downloaded/ }).waitFor();
  // The page puts fetch back; the retry then works.
  await tab.evaluate(() => (window.fetch = window.realFetch));
  await message.getByRole("button", { name: "Try again" }).click();
  assert.equal(await californiaVerdict(tab), "must_refuse");
});

const DEFINE = {
  "does nothing": "customElements.define = function () {};",
  throws: "customElements.define = function () { throw new Error('no custom elements here'); };",
  "is gone": "Object.defineProperty(window, 'customElements', { value: undefined });",
};
for (const [what, hostile] of Object.entries(DEFINE)) {
  test(`a page whose customElements.define ${what}: the widget mounts itself and answers`, async () => {
    const { page: tab } = await newPage(browser.context, host.origin);
    // One element in the page, one added later by the page's script.
    await tab.goto(hostilePage(`define-${what.replace(/\W+/g, "-")}`, hostile, `<can-refuse id="a" state="CA"></can-refuse>`));
    await tab.evaluate(() => document.querySelector("main").append(Object.assign(document.createElement("can-refuse"), { id: "b" })));
    const shadow = await answerIn(tab, "#a", "City or town police", /raid or an arrest at a home/);
    assert.equal(await shadow.locator("#verdict").getAttribute("data-verdict"), "must_refuse");
    await tab.locator("#b").scrollIntoViewIfNeeded(); // a widget starts when it is seen
    await tab.locator("#b").locator("#ask").waitFor({ state: "visible" });
  });
}

// Ways of adding the loader that leave `document.currentScript` empty: it
// must still find its own files from its own address, never the page's.
const INCLUDES = {
  "as a module": `<script type="module" src="{W}/widget.js"></script>`,
  "as a module, under a page <base> that points elsewhere": `<base href="https://elsewhere.invalid/"><script type="module" src="{W}/widget.js"></script>`,
  // No address in error stacks: the one tag that loads widget.js says it.
  "as a module, on a page that rewrites error stacks": `<script>Error.prepareStackTrace = function () { return "no stack here"; };</script><script type="module" src="{W}/widget.js"></script>`,
};
for (const [how, tag] of Object.entries(INCLUDES)) {
  test(`a page that loads the widget ${how}: it finds its files and answers`, async () => {
    const { page: tab } = await newPage(browser.context, host.origin);
    await tab.goto(host.fixture(`include-${how.replace(/\W+/g, "-")}`, partnerPage(`<can-refuse state="CA"></can-refuse>${tag}`)));
    assert.equal(await californiaVerdict(tab), "must_refuse");
  });
}

test("a page whose attachShadow throws: the box names it in words, links to the tool, and answers once it is back", async () => {
  const hostile = `window.realAttach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function () { throw new Error("no shadow roots here"); };`;
  const { page: tab } = await newPage(browser.context, host.origin);
  await tab.goto(hostilePage("attach-shadow-throws", hostile));
  const message = tab.locator("can-refuse").locator("[role=alert]");
  await message.waitFor({ state: "visible" });
  assert.match(await message.textContent(), /changed parts of the web browser that this tool needs \(Element\.prototype\.attachShadow\)/);
  assert.equal(await message.getByRole("link", { name: "Open this tool on its own page" }).getAttribute("href"), `${browser.origin}/`);
  // The page puts it back; the retry draws the widget.
  await tab.evaluate(() => (Element.prototype.attachShadow = window.realAttach));
  await message.getByRole("button", { name: "Try again" }).click();
  assert.equal(await californiaVerdict(tab), "must_refuse");
  assert.equal(await tab.locator("can-refuse > [role=alert]").count(), 0);
});

test("a page whose constructable style sheets are broken: the box still answers, styled by a sheet of its own", async () => {
  const hostile = "window.CSSStyleSheet = function () { throw new Error('no sheets'); };";
  const { page: tab } = await newPage(browser.context, host.origin);
  await tab.goto(hostilePage("style-sheets", hostile));
  assert.equal(await californiaVerdict(tab), "must_refuse");
  // The widget's own rules are in its shadow root, as a <style> of its own.
  const styled = await tab.locator("can-refuse").evaluate((el) => {
    const style = el.shadowRoot.querySelector("style");
    return Boolean(style && style.textContent.length > 1000);
  });
  assert.ok(styled, "the shadow root holds the widget's style sheet");
});

test("a widget in a sandboxed frame (scripts only: no forms, no same origin, no service workers): it answers", async () => {
  const { page: tab } = await newPage(browser.context, host.origin);
  const inner = host.fixture("sandboxed-inner", partnerPage(`<can-refuse state="CA"></can-refuse><script src="{W}/widget.js" async></script>`));
  await tab.goto(host.fixture("sandboxed", partnerPage(`<iframe sandbox="allow-scripts" src="${inner}" width="600" height="900" title="can-refuse"></iframe>`)));
  const shadow = await answerIn(tab.frameLocator("iframe"), "can-refuse", "City or town police", /raid or an arrest at a home/);
  assert.equal(await shadow.locator("#verdict").getAttribute("data-verdict"), "must_refuse");
});

test("a right-to-left page (dir=rtl): the widget's English still reads left to right", async () => {
  const { page: tab } = await newPage(browser.context, host.origin);
  const html = partnerPage(`<can-refuse state="CA"></can-refuse><script src="{W}/widget.js" async></script>`).replace('<html lang="en">', '<html lang="en" dir="rtl">');
  assert.match(html, /dir="rtl"/);
  await tab.goto(host.fixture("right-to-left", html));
  const shadow = await answerIn(tab, "can-refuse", "City or town police", /raid or an arrest at a home/);
  assert.equal(await shadow.locator("#verdict").evaluate((el) => getComputedStyle(el).direction), "ltr");
});
