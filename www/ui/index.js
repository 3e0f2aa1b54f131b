// The questionnaire and its answer, mounted into any element or shadow
// root: the demo page and the <can-refuse> widget both use it (through
// ui.js, which the build bundles with this folder into one file). It knows
// nothing about law: every verdict, reason, source and follow-up question
// comes from the engine (../engine.js); every interface word comes from
// lang/*.js. One module per part: the form (form.js) with its place
// question (places.js), the answer (answer.js); this one draws the frame
// around them and switches languages.
import { brokenBuiltins } from "../clean.js";
import { chooseLanguage, fetchNamesEarly, HERE, LANGUAGES, loadText, restartEngine } from "../engine.js";
import { quickEngineFor } from "../ready.js";
import { answerSection } from "./answer.js";
import { h } from "./dom.js";
import { fill } from "./format.js";
import { questionForm, startForm } from "./form.js";
import { readLink } from "./share.js";
import { retryButton, whenSlow } from "./watch.js";

/** The widget's markup, its words from the language file. */
function build(text, { heading, lang, compact }) {
  const others = LANGUAGES.length > 1;
  return h(
    "div",
    // Its own direction: on a right-to-left page, English and Spanish still read left to right.
    { id: "can-refuse-app", class: compact ? "can-refuse-app compact" : "can-refuse-app", lang, dir: text.dir ?? "ltr", "aria-busy": "true" },
    others &&
      h(
        "div",
        { class: "languages", role: "group", "aria-label": text.switchLanguage },
        ...LANGUAGES.map(({ code, name }) =>
          h("button", { type: "button", class: "language", lang: code, "data-lang": code, "aria-pressed": String(code === lang), text: name }),
        ),
      ),
    heading && h(heading, { class: "title", text: text.title }),
    h("p", { class: "lede", text: text.intro }),
    h("p", { id: "status", class: "status", role: "status", text: text.loading }),
    questionForm(text),
    answerSection(text),
    h(
      "details",
      { class: "glossary", id: "glossary" },
      h("summary", { text: text.glossaryTitle }),
      h("dl", {}, ...Object.values(text.glossary).flatMap(({ term, text: meaning }) => [h("dt", { text: term }), h("dd", { text: meaning })])),
    ),
    h("div", { id: "announce", class: "visually-hidden", "aria-live": "polite" }),
    h("p", { class: "privacy", text: text.privacy }),
    h("p", { id: "version", class: "version" }),
  );
}

/**
 * Mounts the questionnaire into `root` (an element or a shadow root) and
 * starts it. `base` is where the wasm and data files are; `host` receives the
 * `answer` event; `preset` holds the widget's attributes (lang, state, place,
 * agency, situation, compact); `onLanguage(lang, text)` hears language changes;
 * `canPrint` is set by the tool's own page, which prints answer cards itself.
 * `preset.share` is "demo" when shared links should open the tool's own
 * page rather than the host's. A question in the page's #fragment (a
 * shared link) is asked at once.
 * `current()`, if given, says whether this mount is still wanted (the
 * loader's retry starts another). Resolves once the first question shows
 * (or a message saying why it cannot); rejects, with an error of kind
 * "page", on a host page that broke built-ins the interface needs.
 */
export function mount(root, { base = HERE, heading = "h2", host = null, preset = {}, pageLanguage = true, onLanguage = null, early = null, current = () => true, canPrint = false } = {}) {
  const broken = brokenBuiltins();
  if (broken.length) {
    let names = broken[0];
    for (let i = 1; i < broken.length; i++) names += `, ${broken[i]}`;
    return Promise.reject(Object.assign(new Error(names), { kind: "page" }));
  }
  preset = { ...preset }; // ours to tidy, not the caller's
  // The person's answers so far: they survive a change of language.
  const session = { place: null, situation: preset.situation ?? null, agency: preset.agency ?? null, warrant: null, answered: false };
  // A shared link (the page's #fragment) reopens its question and answers it.
  const linked = readLink(globalThis.location?.hash);
  if (linked?.broken) session.linkBroken = true;
  else if (linked) {
    const { state, county_fips, city, kind, name, situation, agency, warrant, lang, as_of, print } = linked;
    session.place = { state, county_fips, city, kind: kind ?? (city ? "city" : county_fips ? "county" : "list"), name: name ?? state };
    Object.assign(session, { situation, agency: agency ?? null, warrant: warrant ?? null, asOf: as_of, print, answered: true });
    if (lang) preset.lang = lang;
  }
  // Where a shared link points: this page, or the tool's own page when the
  // widget's `share="demo"` asks for it.
  const linkBase = preset.share === "demo" ? String(base) : String(globalThis.location?.href ?? base);

  const initial = chooseLanguage([
    preset.lang,
    pageLanguage ? document.documentElement.lang : null,
    ...(navigator.languages ?? [navigator.language]),
  ]);
  // Settles once the interface is on screen (from then on it reports its
  // own failures), or rejects if it could not be drawn at all.
  return new Promise((drawn, failed) => render(initial, false, drawn).then(drawn, failed));

  /**
   * Draws everything in `lang` and restores the answers so far; calls
   * `drawn()` once the interface is on screen. Rejects only if it could
   * not be drawn; a failure after that is shown in it, with a retry.
   */
  async function render(lang, switching, drawn = () => {}) {
    // The engine starts while the interface text loads, not after it. The
    // form, and a question about a whole state, need not wait for it: the
    // choices and the state's ready answers come first (ready.js).
    // (A state's code, "" before any place is chosen, null for a town.)
    const { place } = session;
    const wholeState = place ? (place.county_fips || place.city ? null : place.state) : preset.place ? null : String(preset.state ?? "").toUpperCase();
    if (!place && preset.place) early = fetchNamesEarly(preset.place, lang, base, early);
    const starting = quickEngineFor(lang, wholeState, base, early);
    starting.catch(() => {}); // reported below
    let text;
    try {
      text = await loadText(lang);
    } catch (e) {
      if (lang === "en") throw e; // the loader says the tool could not load
      return render("en", switching, drawn);
    }
    if (!current()) return;
    const app = build(text, { heading, lang, compact: preset.compact });
    // Replace only our own markup: the host may keep its own beside it.
    const previous = root.querySelector("#can-refuse-app");
    if (previous) previous.replaceWith(app);
    else root.append(app);
    drawn();
    const $ = (id) => root.querySelector(`#${id}`);

    /** A message in the status line; an error comes with a retry that draws everything again. */
    const showStatus = (message, isError, retry) => {
      const status = $("status");
      status.textContent = message;
      status.className = isError ? "status error" : "status";
      status.hidden = !message;
      if (retry) status.append(" ", retryButton(text, retry));
    };
    const again = () => render(lang, false).catch(broke);
    // A failure from here on keeps what is on screen and says so.
    function broke(e) {
      if (!app.isConnected) return;
      showStatus(fill(text.errors[e?.kind] ?? text.errors.load, { detail: e?.message ?? "" }), true, again);
      app.setAttribute("aria-busy", "false");
    }
    try {
      onLanguage?.(lang, text);
      for (const button of root.querySelectorAll(".language")) {
        button.addEventListener("click", () => {
          if (button.dataset.lang !== lang) render(button.dataset.lang, true).catch(broke);
        });
      }
      if (switching) root.querySelector(`.language[data-lang="${lang}"]`)?.focus();

      whenSlow(starting, () => {
        if (app.isConnected) {
          showStatus(text.errors.slow, true, () => {
            restartEngine(lang, base);
            again();
          });
        }
      });
      const ctx = await starting.catch((e) => {
        throw e.kind ? e : Object.assign(e, { kind: "wasm" });
      });
      if (!app.isConnected) return; // drawn again meanwhile (a retry, a language)

      // The state's laws start downloading before the form is drawn: the
      // answer needs them, and the person may ask at once.
      const state = session.place?.state ?? String(preset.state ?? "").toUpperCase();
      if (state && ctx.options().states.some((s) => s.id === state)) ctx.loadState(state).catch(() => {});
      $("version").textContent = fill(text.version, { version: ctx.version });
      const ask = await startForm({ root, $, lang, text, session, preset, host, ctx, base, linkBase, canPrint, redraw: again });
      $("ask").hidden = false;
      showStatus("");
      app.setAttribute("aria-busy", "false");
      // Up on ready answers: an engine that then fails is said at once (a
      // partner sees the fix), while the ready answers go on answering.
      ctx.whenReady?.().catch((e) => broke(e.kind ? e : Object.assign(e, { kind: "wasm" })));
      if (session.answered) await ask(false);
    } catch (e) {
      broke(e);
    }
  }
}
