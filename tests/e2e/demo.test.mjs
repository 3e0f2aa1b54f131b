// The demo page end to end: a person picks a state, an agency and a
// situation, and gets a sourced, dated verdict. Bad files give plain words.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { AGENCY_QUESTION, answerAgency, answerForState, holdEngine, open, page as newPage } from "./browser.mjs";

let browser;
before(async () => { browser = await open(); });
after(async () => { await browser?.close(); });

async function ready(page) {
  await page.goto(`${browser.origin}/`);
  await page.locator("#ask").waitFor({ state: "visible" });
}

test("a person gets a sourced answer for California police and a raid", async () => {
  const { page, problems } = await newPage(browser.context, browser.origin);
  const requested = [];
  page.on("request", (r) => requested.push(new URL(r.url()).pathname));
  await ready(page);
  // Every California agency has the same answer here, so the engine does not ask which.
  assert.equal(await answerForState(page, "CA", "City or town police", /raid or an arrest at a home/), false);
  assert.equal(await page.locator("#verdict").textContent(), "They must refuse");
  assert.match(await page.locator("#answer-place").textContent(), /Any local police agency or jail/);
  assert.match(await page.locator("#headline").textContent(), /California law does not allow them to help ICE/);
  const sb54 = page.locator(".reason.applies", { hasText: "SB 54" });
  assert.equal(await sb54.count() > 0, true);
  const href = await sb54.first().locator(".sources a").first().getAttribute("href");
  assert.match(href, /^https?:\/\//);
  // The federal baseline, set aside here, is folded under "Other laws we checked".
  const other = page.locator("#other");
  assert.match(await other.locator("summary").textContent(), /^Other laws we checked that do not decide this \(\d+\)$/);
  assert.equal(await other.evaluate((d) => d.open), false);
  assert.ok(await other.locator(".reason", { hasText: "Printz" }).count() > 0);
  assert.match(await page.locator("#dates").textContent(), /Data checked as of [A-Z][a-z]+ \d{1,2}, \d{4}/);
  assert.match(await page.locator("#disclaimer").textContent(), /not legal advice/);
  // Focus moves to the answer, and the verdict is announced.
  assert.equal(await page.evaluate(() => document.activeElement.id), "headline");
  // A state chosen from the list needs only its law chunk, not its towns.
  assert.ok(requested.some((p) => /^\/laws-CA\.[0-9a-f]{8}\.data$/.test(p)), requested.join(" "));
  assert.ok(!requested.some((p) => p.startsWith("/places-CA")), requested.join(" "));
  // The interface is one bundled ui.js, with the wasm glue and the manifest: its
  // modules (www/ui/, engine.js, can_refuse.js, manifest.js) are never fetched one by one.
  // The link and print buttons (takeaway.js) come once the answer shows; the card (print.js) only to print.
  await page.locator("#share-link").waitFor({ state: "attached" });
  const scripts = [...new Set(requested.filter((p) => p.endsWith(".js")))].sort();
  assert.deepEqual(scripts, ["/app.js", "/lang/en.js", "/takeaway.js", "/ui.js"]);
  assert.match(await page.locator("#announce").textContent(), /They must refuse/);
  assert.deepEqual(problems, []);
});

test("every state, DC and territory gets a sourced answer", async () => {
  const { page, problems } = await newPage(browser.context, browser.origin);
  await ready(page);
  const states = await page.locator("#state option:not([value=''])").evaluateAll((os) => os.map((o) => o.value));
  assert.equal(states.length, 56);
  await page.getByRole("radio", { name: /hold someone longer/ }).check();
  for (const state of states) {
    await page.selectOption("#state", state);
    await page.getByRole("button", { name: "See the answer" }).click();
    await page.locator(`#answer[data-state="${state}"]`).waitFor({ state: "visible" });
    const verdict = await page.locator("#verdict").getAttribute("data-verdict");
    assert.ok(["may_refuse", "must_refuse", "must_cooperate", "mixed", "unknown"].includes(verdict), state);
    assert.ok(await page.locator("#reasons .sources a[href^='http']").count() > 0, `${state}: no source link`);
  }
  assert.deepEqual(problems, []);
});

test("a person types a ZIP code and gets their county's answer", async () => {
  const { page, problems } = await newPage(browser.context, browser.origin);
  await ready(page);
  await page.locator("#place").fill("77002");
  const option = page.getByRole("option", { name: /77002 Houston, TX \(Harris County\)/ });
  await option.waitFor();
  await option.click();
  assert.match(await page.locator("#place-chosen").textContent(), /Houston, TX \(Harris County\)/);
  await page.getByRole("radio", { name: /hold someone longer/ }).check();
  await page.getByRole("button", { name: "See the answer" }).click();
  await page.locator("#answer").waitFor({ state: "visible" });
  await answerAgency(page, "County sheriff");
  assert.match(await page.locator("#answer-place").textContent(), /^Houston, Harris County, Texas ·/);
  assert.equal(await page.locator("#verdict").getAttribute("data-verdict"), "must_cooperate");
  assert.ok(await page.locator(".reason.applies", { hasText: "Senate Bill 4" }).count() > 0);
  assert.deepEqual(problems, []);
});

test("a person types their town with the keyboard alone and gets the city's policy", async () => {
  const { page, problems } = await newPage(browser.context, browser.origin);
  await ready(page);
  await page.locator("#place").focus();
  await page.keyboard.type("Providence, RI");
  await page.getByRole("option", { name: /^Providence, RI/ }).first().waitFor();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  assert.equal(await page.locator("#place").inputValue(), "Providence, RI (Providence County)");
  await page.keyboard.press("Tab"); // to the "or choose your state" list
  await page.keyboard.press("Tab"); // to the situations
  await page.keyboard.press("ArrowDown"); // the second situation, chosen by the arrow key
  assert.equal(await page.getByRole("radio", { name: /hold someone longer/ }).isChecked(), true);
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.getByRole("radio", { name: /raid or an arrest at a home/ }).isChecked(), true);
  await page.keyboard.press("Enter"); // submits the form from the radio group
  await page.locator("#answer").waitFor({ state: "visible" });
  // The engine asks which agency; focus is on its question, and the keyboard answers it.
  const question = page.getByRole("group", { name: AGENCY_QUESTION });
  await question.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), "follow-up-text");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "City or town police");
  await page.keyboard.press("Enter");
  await page.locator("#answer-place").filter({ hasText: "City or town police" }).waitFor();
  // Focus follows: to the next question if the engine has one, else to the answer.
  const next = (await page.locator("#follow-up").isVisible()) ? "follow-up-text" : "headline";
  assert.equal(await page.evaluate(() => document.activeElement.id), next);
  const city = page.locator(".reason.applies", { hasText: "Providence" });
  assert.ok(await city.count() > 0, "the Providence policy is in the answer");
  assert.match(await city.first().locator(".sources a").first().getAttribute("href"), /^https?:\/\//);
  assert.deepEqual(problems, []);
});

test("a town whose first letters are busy is found from its third, without a false 'no place matches' on the way", async () => {
  const { page, problems } = await newPage(browser.context, browser.origin);
  const names = [];
  page.on("request", (r) => /\/names-.*\.data$/.test(r.url()) && names.push(new URL(r.url()).pathname.split(".")[0]));
  await ready(page);
  await page.locator("#place").focus();
  await page.keyboard.type("Spr");
  // "sp", then "spr", would be every town with a word starting so (every
  // Springfield, Spring Valley, Sprague…): the search waits for the next
  // letter, and says nothing yet.
  await page.waitForTimeout(300);
  const list = page.locator("#place-list");
  assert.doesNotMatch((await list.isVisible()) ? await list.textContent() : "", /No place matches/);
  await page.keyboard.type("ingfield, IL");
  await page.getByRole("option", { name: /^Springfield, IL/ }).first().waitFor();
  assert.deepEqual([...new Set(names)], ["/names-spri"]);
  assert.deepEqual(problems, []);
});

test("a detainer is answered as ICE issues it, with a judge's warrant as a condition", async () => {
  const { page, problems } = await newPage(browser.context, browser.origin);
  await ready(page);
  await answerForState(page, "CA", "County jail", /hold someone longer/);
  assert.equal(await page.locator("#verdict").getAttribute("data-verdict"), "must_refuse");
  assert.equal(await page.locator("#follow-up").isHidden(), true, "no warrant question for a detainer");
  assert.match(await page.locator("#headline").textContent(), /California law does not allow them/);
  const condition = page.locator("#caveats .caveat", { hasText: "If a judge has signed a warrant for this person" });
  assert.equal(await condition.count(), 1);
  assert.match(await condition.locator(".sources a").first().getAttribute("href"), /^https?:\/\//);
  assert.deepEqual(problems, []);
});

test("the engine asks about the warrant at a home, only when it would settle the answer", async () => {
  const { page, problems } = await newPage(browser.context, browser.origin);
  await ready(page);
  await answerForState(page, "CO", "City or town police", /raid or an arrest at a home/);
  assert.equal(await page.locator("#verdict").getAttribute("data-verdict"), "mixed");
  const followUp = page.getByRole("group", { name: "What kind of warrant does ICE have?" });
  await followUp.waitFor();
  await followUp.getByRole("button", { name: /ICE warrant \(Form I-200 or I-205/ }).click();
  await page.waitForFunction(() => document.getElementById("verdict").dataset.verdict === "must_refuse");
  assert.equal(await page.locator("#follow-up").isHidden(), true);
  assert.equal(await page.evaluate(() => document.activeElement.id), "headline");
  // "I don't know" is an answer: mixed, with what would decide it, and no second ask.
  await page.getByRole("button", { name: "See the answer" }).click();
  await answerAgency(page, "City or town police");
  await followUp.getByRole("button", { name: "I don't know" }).click();
  await page.waitForFunction(() => document.getElementById("follow-up").hidden);
  assert.equal(await page.locator("#verdict").getAttribute("data-verdict"), "mixed");
  assert.ok(await page.locator(".reason-text", { hasText: "It depends on the warrant" }).count() > 0);
  assert.deepEqual(problems, []);
});

test("a raid answer says what it means and gives people's rights at the door", async () => {
  const { page } = await newPage(browser.context, browser.origin);
  await ready(page);
  await answerForState(page, "PA", "City or town police", /raid or an arrest at a home/);
  assert.match(await page.locator("#meaning").textContent(), /They can choose|officers can choose/i);
  const rights = page.locator(".note", { hasText: "Your rights at the door" });
  assert.equal(await rights.count(), 1);
  assert.match(await rights.locator("p").first().textContent(), /do not have to open the door/);
  assert.match(await rights.locator("a").first().getAttribute("href"), /^https:\/\//);
});

test("the engine asks which agency only when it changes the answer", async () => {
  const { page, problems } = await newPage(browser.context, browser.origin);
  await ready(page);
  // In Georgia the jail must honor detainers; city police are barred only
  // from a policy of refusing: the agency changes the answer.
  await page.selectOption("#state", "GA");
  await page.getByRole("radio", { name: /hold someone longer/ }).check();
  await page.getByRole("button", { name: "See the answer" }).click();
  const question = page.getByRole("group", { name: AGENCY_QUESTION });
  await question.waitFor();
  assert.equal(await page.locator("#verdict").getAttribute("data-verdict"), "mixed");
  assert.ok(await page.locator(".reason-text", { hasText: "It depends on which agency ICE is asking" }).count() > 0);
  assert.equal(await page.evaluate(() => document.activeElement.id), "follow-up-text");
  assert.match(await page.locator("#announce").textContent(), /Which agency is ICE asking for help\?/);
  await question.getByRole("button", { name: "County jail" }).click();
  await page.waitForFunction(() => document.getElementById("verdict").dataset.verdict === "must_cooperate");
  assert.equal(await page.locator("#follow-up").isHidden(), true);
  // "I don't know" is an answer: mixed, each agency's answer stated, no second ask.
  await page.getByRole("button", { name: "See the answer" }).click();
  await question.getByRole("button", { name: "I don't know" }).click();
  await page.waitForFunction(() => document.getElementById("follow-up").hidden);
  assert.equal(await page.locator("#verdict").getAttribute("data-verdict"), "mixed");
  assert.ok(await page.locator(".reason-text", { hasText: "County jail: No." }).count() > 0);
  assert.deepEqual(problems, []);
});

test("a missing answer is named, not guessed", async () => {
  const { page } = await newPage(browser.context, browser.origin);
  await ready(page);
  await page.selectOption("#state", "TX");
  await page.getByRole("button", { name: "See the answer" }).click();
  const error = page.locator("#form-error");
  await error.waitFor({ state: "visible" });
  assert.match(await error.textContent(), /^Please answer: What is ICE asking them to do\?\.?$/);
  assert.equal(await page.locator("#answer").isHidden(), true);
});

test("on a first visit the form and a state's answer come before the engine; a town waits for it", async () => {
  const { page, problems } = await newPage(browser.context, browser.origin);
  const { release, requested: wasm } = await holdEngine(page);
  await page.goto(`${browser.origin}/`);
  await answerForState(page, "TX", "County jail", /hold someone longer/);
  assert.equal(await page.locator("#verdict").getAttribute("data-verdict"), "must_cooperate");
  // A town needs the engine's place search: it shows once the engine is up.
  await page.locator("#place").fill("Providence, RI");
  const option = page.getByRole("option", { name: /^Providence, RI/ }).first();
  await page.waitForTimeout(300);
  assert.equal(await option.count(), 0, "no town before the engine");
  release();
  await option.waitFor();
  assert.equal(wasm.length, 1, wasm.join(" "));
  assert.deepEqual(problems, []);
});

test("a tampered or corrupt core data file is refused in plain words; a state's ready answers still serve", async () => {
  const { page, problems } = await newPage(browser.context, browser.origin);
  await page.route("**/can-refuse.*.data", async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    body[body.length >> 1] ^= 0xff;
    await route.fulfill({ response, body });
  });
  await page.goto(`${browser.origin}/`);
  const status = page.locator("#status.error");
  await status.waitFor({ state: "visible" });
  assert.match(await status.textContent(), /The file can-refuse.data failed its safety check/);
  // The form came from the ready choices: a whole state is still answered.
  await answerForState(page, "TX", "County jail", /hold someone longer/);
  assert.equal(await page.locator("#verdict").getAttribute("data-verdict"), "must_cooperate");
  assert.match(await status.textContent(), /The file can-refuse.data failed its safety check/);
  assert.deepEqual(problems.filter((p) => !/can-refuse\.[0-9a-f]+\.data/.test(p)), []);
});

test("a corrupt or truncated state chunk is explained at the answer, and the form keeps its answers", async () => {
  for (const [damage, expected] of [
    [(body) => { body[body.length >> 1] ^= 0xff; return body; }, /law data is damaged.*corrupted/],
    [(body) => body.subarray(0, 40), /law data is damaged.*cut short/],
  ]) {
    const { page } = await newPage(browser.context, browser.origin);
    await page.route("**/laws-CA.*.data", async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: damage(Buffer.from(await response.body())) });
    });
    await ready(page);
    await page.selectOption("#state", "CA");
    await page.getByRole("radio", { name: /raid or an arrest at a home/ }).check();
    await page.getByRole("button", { name: "See the answer" }).click();
    const error = page.locator("#form-error");
    await error.waitFor({ state: "visible" });
    assert.match(await error.textContent(), expected);
    assert.equal(await page.locator("#state").inputValue(), "CA", "the person's answers are kept");
    assert.equal(await page.getByRole("radio", { name: /raid or an arrest at a home/ }).isChecked(), true);
  }
});

test("a failed download is explained", async () => {
  const { page } = await newPage(browser.context, browser.origin);
  await page.route("**/can-refuse.*.data", (route) => route.abort());
  await page.goto(`${browser.origin}/`);
  await page.locator("#status.error").waitFor({ state: "visible" });
  assert.match(await page.locator("#status").textContent(), /could not be downloaded/);
});

test("a tampered WebAssembly file is refused", async () => {
  const { page } = await newPage(browser.context, browser.origin);
  await page.route("**/*.wasm", async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    body[body.length - 10] ^= 0x01;
    await route.fulfill({ response, body });
  });
  await page.goto(`${browser.origin}/`);
  await page.locator("#status.error").waitFor({ state: "visible" });
  assert.match(await page.locator("#status").textContent(), /The file can_refuse_bg.wasm failed its safety check/);
});
