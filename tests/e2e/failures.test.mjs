// Whatever fails after "Loading…" ends in words, in the person's language,
// with a retry, and the answers already on screen stay: a throw while the
// interface mounts, a failed download, a chunk that never arrives, a wasm
// that traps. (A page that breaks the browser's built-ins: hostile.test.mjs.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { answerAgency, answerIn, page as newPage, partnerPage, partnerSuite } from "./browser.mjs";

let browser, host;
partnerSuite((b, h) => ([browser, host] = [b, h]));

const widgetPage = (name, widget = `<can-refuse state="CA"></can-refuse>`) =>
  host.fixture(name, partnerPage(`${widget}<script src="{W}/widget.js" async></script>`));

test("an interface file that throws while mounting: a message with a retry, which then works", async () => {
  const { page: tab } = await newPage(browser.context, host.origin);
  let broken = true;
  await tab.route(`${browser.origin}/lang/en.js*`, (route) =>
    broken ? route.fulfill({ contentType: "text/javascript", body: "throw new Error('broken release');" }) : route.continue(),
  );
  await tab.goto(widgetPage("mount-throws"));
  const message = tab.locator("can-refuse").locator("[role=alert]");
  await message.filter({ hasText: "This tool could not load. Check your connection and try again." }).waitFor();
  broken = false;
  await message.getByRole("button", { name: "Try again" }).click();
  const shadow = await answerIn(tab, "can-refuse", "City or town police", /raid or an arrest at a home/);
  assert.equal(await shadow.locator("#verdict").getAttribute("data-verdict"), "must_refuse");
  assert.equal(await shadow.locator("[role=alert]:visible").count(), 0, "the message is gone once it works");
});

test("a Spanish widget whose data core fails to download says so in Spanish, and its retry works", async () => {
  const { page: tab } = await newPage(browser.context, host.origin);
  let failing = true;
  await tab.route(`${browser.origin}/es/can-refuse.*.data`, (route) => (failing ? route.abort("internetdisconnected") : route.continue()));
  await tab.goto(widgetPage("core-fails", `<can-refuse state="CA" lang="es"></can-refuse>`));
  const status = tab.locator("can-refuse").locator("#status.error");
  await status.filter({ hasText: "No se pudieron descargar los datos" }).waitFor();
  failing = false;
  await status.getByRole("button", { name: "Intentar de nuevo" }).click();
  await tab.locator("can-refuse").locator("#ask").waitFor({ state: "visible" });
  assert.equal(await tab.locator("can-refuse").locator("#status").isHidden(), true);
});

test("a state's laws that never arrive: after a while, a message with a retry; the retry fetches afresh and answers", async () => {
  const { page: tab } = await newPage(browser.context, host.origin);
  let hang = true;
  await tab.route(`${browser.origin}/laws-OR.*.data`, (route) => (hang ? undefined : route.continue()));
  await tab.goto(widgetPage("never-arrives", `<can-refuse></can-refuse>`));
  const shadow = tab.locator("can-refuse");
  await shadow.locator("#ask").waitFor({ state: "visible" });
  await shadow.locator("#state").selectOption("OR");
  await shadow.getByRole("radio", { name: /hold someone longer/ }).check();
  await shadow.getByRole("button", { name: "See the answer" }).click();
  const error = shadow.locator("#form-error");
  await error.filter({ hasText: "This is taking longer than usual" }).waitFor({ timeout: 30_000 });
  hang = false;
  await error.getByRole("button", { name: "Try again" }).click();
  await shadow.locator("#answer").waitFor({ state: "visible" });
  await answerAgency(shadow, "County jail");
  assert.match(await shadow.locator("#answer-place").textContent(), /Oregon/);
  assert.equal(await error.isHidden(), true);
});

test("a wasm that traps: the answer already shown stays, a message offers a retry, and the retry answers", async () => {
  const { page: tab } = await newPage(browser.context, host.origin);
  // The page's WebAssembly hands the glue an engine whose evaluate traps
  // on the call the test picks, as a bug in the engine would.
  await tab.addInitScript(() => {
    window.evaluateCalls = 0;
    window.trapAt = -1;
    const wrap = (instance) => {
      const exports = {};
      for (const [name, value] of Object.entries(instance.exports)) {
        exports[name] =
          name === "engine_evaluate"
            ? function (...args) {
                if (++window.evaluateCalls === window.trapAt) throw new WebAssembly.RuntimeError("unreachable");
                return value.apply(this, args);
              }
            : value;
      }
      return { exports };
    };
    const streaming = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = async (...args) => {
      const { instance, module } = await streaming(...args);
      return { instance: wrap(instance), module };
    };
  });
  await tab.goto(widgetPage("trap"));
  const shadow = await answerIn(tab, "can-refuse", "City or town police", /raid or an arrest at a home/);
  const first = await shadow.locator("#headline").textContent();
  await tab.evaluate(() => (window.trapAt = window.evaluateCalls + 1));
  await shadow.getByRole("radio", { name: /hold someone longer/ }).check();
  await shadow.getByRole("button", { name: "See the answer" }).click();
  const error = shadow.locator("#form-error");
  await error.filter({ hasText: "Something went wrong inside the answer engine" }).waitFor();
  assert.equal(await shadow.locator("#headline").textContent(), first, "the answer shown before stays");
  await error.getByRole("button", { name: "Try again" }).click();
  await shadow.locator("#answer-place").filter({ hasText: /hold/ }).waitFor();
  assert.match(await shadow.locator("#verdict").getAttribute("data-verdict"), /^(must_refuse|mixed|may_refuse)$/);
});
