// Taking the answer away: a link that reopens it (ui/share.js makes it),
// and a one-page card to print. A file of its own, loaded once an answer is
// on screen (the first answer's bytes stay the answer's); the card and its
// QR code load only when someone prints (print.js). A widget on a partner's
// page prints on the tool's own page, opened in a new tab, so the
// partner's page is never printed with it. The engine comes from the
// interface (`view.engine`), never a second copy of it.
import { h } from "./ui/dom.js";
import { countyOf, engineQuestion, linkFor } from "./ui/share.js";

/** The buttons under an answer: copy the link, print, and what the link reveals. */
function takeawayParts(text, languages) {
  return [
    h(
      "div",
      { class: "takeaway-actions" },
      h("button", { type: "button", id: "copy-link", text: text.copyLink }),
      h("button", { type: "button", id: "print-answer", text: text.printAnswer }),
      languages.length > 1 && h("button", { type: "button", id: "print-both", text: text.printBoth }),
    ),
    h("label", { for: "share-link", class: "share-label", text: text.shareLinkLabel }),
    h("input", { id: "share-link", type: "text", readonly: true, spellcheck: "false", autocomplete: "off" }),
    h("p", { class: "hint", id: "share-note", text: text.shareNote }),
  ].filter(Boolean);
}

/** The print action for the answer now shown, by its link box. */
const latest = new WeakMap();

/** The question as it stands, in the fields of a link. */
function question({ session, lang }) {
  const { state, county_fips, city, kind, name } = session.place;
  return { state, county_fips, city, kind, name, situation: session.situation, agency: session.agency, warrant: session.warrant, lang, as_of: session.asOf };
}

/** Prints the card on this page: this answer, and with `both` the same question in every other language. */
async function printHere(view, answer, link, both) {
  const { session, lang, text, base } = view;
  const { engineFor, LANGUAGES, loadText } = view.engine;
  const cards = [{ lang, text, answer }];
  if (both) {
    for (const { code } of LANGUAGES.filter((l) => l.code !== lang)) {
      const ctx = await engineFor(code, base);
      await ctx.loadState(session.place.state, countyOf(session.place));
      cards.push({ lang: code, text: await loadText(code), answer: ctx.evaluate(engineQuestion(session)) });
    }
  }
  const { printCard } = await import(new URL("print.js", base).href);
  printCard(document, cards, link);
}

/**
 * Fills in the link for the answer shown and wires its buttons (once per
 * drawing of the form). With `canPrint` (the tool's own page) the card
 * prints here; otherwise the tool's own page opens to print it.
 */
export function showTakeaway(view, answer, canPrint) {
  const { $, text, base, linkBase, session } = view;
  const link = linkFor(linkBase, question(view));
  if (!$("share-link")) $("takeaway").replaceChildren(...takeawayParts(text, view.engine.LANGUAGES));
  const input = $("share-link");
  input.value = link;
  const say = (words) => ($("announce").textContent = words);
  const print = (both) => {
    if (!canPrint) {
      globalThis.open(linkFor(base, { ...question(view), print: both ? 2 : 1 }), "_blank", "noopener");
      return;
    }
    printHere(view, answer, link, both).catch((e) => say(text.errors[e?.kind] ?? text.errors.load));
  };
  // The buttons are wired once per drawing of the form; each click prints the latest answer.
  latest.set(input, print);
  if (!input.dataset.wired) {
    input.dataset.wired = "true";
    $("copy-link").addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(input.value);
        say(text.linkCopied);
      } catch {
        // No clipboard here (an old browser, a page without https): select the link to copy by hand.
        input.focus();
        input.select();
        say(text.copyByHand);
      }
    });
    $("print-answer").addEventListener("click", () => latest.get(input)(false));
    $("print-both")?.addEventListener("click", () => latest.get(input)(true));
  }
  // Opened from a link to print: print once the answer is here.
  if (session.print) {
    const both = session.print === "2";
    session.print = undefined;
    print(both);
  }
}
