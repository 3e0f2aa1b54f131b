// The questionnaire and its answer, mounted into any element or shadow
// root: the demo page and the <can-refuse> widget both use it. It knows
// nothing about law: every verdict, reason, source and follow-up question
// comes from the engine; every interface word comes from lang/*.js.
import init, { Engine, version } from "./can_refuse.js";
import manifest from "./manifest.js";

const fill = (template, values) =>
  template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));

/** The release's languages, [{code, name}], English first. */
const LANGUAGES = manifest.langs?.length ? manifest.langs : [{ code: "en", name: "English" }];

/** The first supported language among `wanted` (BCP 47 tags, best first). */
function chooseLanguage(wanted) {
  for (const tag of wanted) {
    const code = String(tag ?? "").trim().toLowerCase().split(/[-_]/)[0];
    if (LANGUAGES.some((l) => l.code === code)) return code;
  }
  return "en";
}

const texts = new Map();
/**
 * A language's interface text, loaded once. (The build fills any string a
 * translation lacks with English, so only one language file is fetched.)
 */
function loadText(lang) {
  if (!texts.has(lang)) {
    const loading = import(`./lang/${lang}.js`).then((m) => m.default);
    loading.catch(() => texts.delete(lang));
    texts.set(lang, loading);
  }
  return texts.get(lang);
}

/** Where one of the release's own files is, and its integrity hash if pinned. */
function locate(name, base) {
  const entry = manifest.files?.[name];
  return { url: new URL(entry?.url ?? name, base), integrity: entry?.integrity };
}

/**
 * Fetches one of our own files, checked against the release's integrity
 * hash when it has one. A refused file is told apart from a network failure.
 */
async function fetchChecked(name, base) {
  const { url, integrity } = locate(name, base);
  try {
    const response = await fetch(url, integrity ? { integrity } : {});
    if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}`), { kind: "network" });
    return response;
  } catch (e) {
    if (e.kind) throw e;
    const reachable = integrity && (await fetch(url).then((r) => r.ok, () => false));
    throw Object.assign(new Error(name), { kind: reachable ? "integrity" : "network" });
  }
}

/** The wasm compiles once per page, however many widgets it has. */
let compiled;
const initWasm = (base) =>
  (compiled ??= fetchChecked("can_refuse_bg.wasm", base).then((response) =>
    init({ module_or_path: response }).catch((e) => {
      // A page whose Content-Security-Policy lacks 'wasm-unsafe-eval'.
      const csp = /Content.Security.Policy|wasm-unsafe-eval|unsafe-eval/i.test(String(e?.message));
      throw Object.assign(e, { kind: csp ? "csp" : "wasm" });
    }),
  ));

/** Builds an element: `h("p", { class: "x", id: "y" }, child, "text")`. Text only, never HTML. */
function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === false || value == null) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "hidden") node.hidden = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.filter((c) => c != null));
  return node;
}

/** The widget's markup, its words from the language file. */
function build(text, { heading, lang, compact }) {
  const others = LANGUAGES.length > 1;
  return h(
    "div",
    { id: "can-refuse-app", class: compact ? "can-refuse-app compact" : "can-refuse-app", lang, "aria-busy": "true" },
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
    h(
      "form",
      { id: "ask", hidden: true, novalidate: true },
      h(
        "div",
        { class: "question" },
        h("label", { for: "place", text: text.qState }),
        h("p", { id: "place-hint", class: "hint", text: text.placeHint }),
        h(
          "div",
          { class: "combo" },
          h("input", {
            id: "place", type: "text", role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false",
            "aria-controls": "place-list", "aria-describedby": "place-hint", autocomplete: "off", spellcheck: "false",
          }),
          h("ul", { id: "place-list", role: "listbox", hidden: true }),
        ),
        h("p", { id: "place-chosen", class: "chosen", "aria-live": "polite" }),
        h("label", { for: "state", class: "secondary", text: text.orState }),
        h("select", { id: "state", name: "state", required: true }, h("option", { value: "", text: text.pickState })),
      ),
      h("fieldset", { class: "question", id: "situation" }, h("legend", { text: text.qSituation })),
      h("p", { id: "form-error", class: "error", role: "alert", hidden: true }),
      h("button", { type: "submit", class: "submit", text: text.submit }),
    ),
    h(
      "section",
      { id: "answer", hidden: true, "aria-labelledby": "headline" },
      h("p", { class: "verdict", id: "verdict" }),
      h("h2", { id: "headline", tabindex: "-1" }),
      h("p", { class: "meaning", id: "meaning" }),
      h("p", { class: "place", id: "answer-place" }),
      h("div", { id: "caveats" }),
      h(
        "div",
        { id: "follow-up", class: "follow-up", role: "group", "aria-labelledby": "follow-up-text", hidden: true },
        h("p", { id: "follow-up-text", tabindex: "-1" }),
        h("div", { id: "follow-up-options", class: "follow-up-options" }),
      ),
      h("div", { id: "notes" }),
      h("h3", { text: text.why }),
      h("ol", { id: "reasons", class: "reasons" }),
      h("details", { id: "other", class: "other", hidden: true }, h("summary", { id: "other-summary" }), h("ol", { id: "other-reasons", class: "reasons" })),
      h("p", { class: "dates", id: "dates" }),
      h("p", { class: "disclaimer", id: "disclaimer" }),
    ),
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
 * agency, situation, compact); `onLanguage(lang, text)` hears language changes.
 */
export function mount(
  root,
  { base = new URL(".", import.meta.url), heading = "h2", host = null, preset = {}, pageLanguage = true, onLanguage = null } = {},
) {
  preset = { ...preset }; // ours to tidy, not the caller's
  // The person's answers so far: they survive a change of language.
  const session = { place: null, situation: preset.situation ?? null, agency: preset.agency ?? null, warrant: null, answered: false };
  /** One engine per language, with the data chunks it has loaded. */
  const engines = new Map();

  function engineFor(lang) {
    if (!engines.has(lang)) {
      const starting = (async () => {
        const core = fetchChecked(lang === "en" ? "can-refuse.data" : `${lang}/can-refuse.data`, base).then((r) => r.arrayBuffer());
        core.catch(() => {}); // reported below, once
        await initWasm(base);
        if (manifest.version && version() !== manifest.version) {
          throw Object.assign(new Error(`${version()} / ${manifest.version}`), { kind: "version" });
        }
        const bytes = new Uint8Array(await core);
        try {
          return { engine: new Engine(bytes), fetched: new Map() };
        } catch (e) {
          throw Object.assign(new Error(e.message), { kind: "data" });
        }
      })();
      starting.catch(() => engines.delete(lang)); // a later try starts afresh
      engines.set(lang, starting);
    }
    return engines.get(lang);
  }

  /** Fetches and loads the data chunks the engine asks for; each file once. */
  function ensureFiles({ engine, fetched }, names) {
    return Promise.all(
      names.map((name) => {
        if (!fetched.has(name)) {
          // Chunk names carry their checksum, which the engine checks.
          const loading = fetchChecked(name, base)
            .then((response) => response.arrayBuffer())
            .then((bytes) => {
              try {
                engine.loadFile(name, new Uint8Array(bytes));
              } catch (e) {
                throw Object.assign(new Error(e.message), { kind: "data" });
              }
            });
          loading.catch(() => fetched.delete(name)); // let a later try fetch it again
          fetched.set(name, loading);
        }
        return fetched.get(name);
      }),
    );
  }

  const initial = chooseLanguage([
    preset.lang,
    pageLanguage ? document.documentElement.lang : null,
    ...(navigator.languages ?? [navigator.language]),
  ]);
  return render(initial, false);

  /** Draws everything in `lang` and restores the answers so far. */
  async function render(lang, switching) {
    let text;
    try {
      text = await loadText(lang);
    } catch (e) {
      if (lang === "en") throw e; // the loader says the tool could not load
      return render("en", switching);
    }
    const app = build(text, { heading, lang, compact: preset.compact });
    // Replace only our own markup: the host may keep its own beside it.
    const previous = root.querySelector("#can-refuse-app");
    if (previous) previous.replaceWith(app);
    else root.append(app);
    const $ = (id) => root.querySelector(`#${id}`);
    onLanguage?.(lang, text);
    for (const button of root.querySelectorAll(".language")) {
      button.addEventListener("click", () => {
        if (button.dataset.lang !== lang) render(button.dataset.lang, true);
      });
    }
    if (switching) root.querySelector(`.language[data-lang="${lang}"]`)?.focus();

    const el = (tag, className, content) => h(tag, { class: className, text: content });
    const date = (iso) => {
      const parsed = new Date(`${iso}T00:00:00Z`);
      if (Number.isNaN(parsed.getTime())) return iso;
      return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" }).format(parsed);
    };
    function showStatus(message, isError) {
      const status = $("status");
      status.textContent = message;
      status.className = isError ? "status error" : "status";
      status.hidden = !message;
    }

    let ctx;
    try {
      ctx = await engineFor(lang);
    } catch (e) {
      showStatus(fill(text.errors[e.kind ?? "wasm"], { detail: e.message }), true);
      $("can-refuse-app").setAttribute("aria-busy", "false");
      return;
    }
    const { engine } = ctx;

    // ---- "Where do you live?": a combobox over the place index -----------

    const placeLabel = (p) => (p.kind === "state" ? fill(text.wholeState, { state: p.name }) : p.name);
    const showPlace = () => {
      $("place-chosen").textContent = session.place ? fill(text.chosen, { place: placeLabel(session.place) }) : "";
    };

    function placeCombo() {
      const input = $("place");
      const list = $("place-list");
      const select = $("state");
      let options = [];
      let active = -1;
      const showHint = (message) => {
        list.replaceChildren(el("li", "hint-item", message));
        list.hidden = false;
        input.setAttribute("aria-expanded", "false");
      };
      const close = () => {
        list.hidden = true;
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
        active = -1;
      };
      const highlight = (index) => {
        active = index;
        list.querySelectorAll("[role=option]").forEach((option, i) => {
          option.setAttribute("aria-selected", String(i === index));
          if (i === index) {
            input.setAttribute("aria-activedescendant", option.id);
            option.scrollIntoView({ block: "nearest" });
          }
        });
      };
      const choose = (match) => {
        session.place = { state: match.state, county_fips: match.county_fips || undefined, city: match.city ?? undefined, kind: match.kind, name: match.label };
        ensureFiles(ctx, engine.filesForState(match.state, true)).catch(() => {}); // get ahead of the answer
        input.value = placeLabel(session.place);
        select.value = match.state;
        showPlace();
        close();
      };
      const suggest = async () => {
        const typed = input.value.trim();
        if (typed.length < 2) return close();
        const needed = engine.filesForText(typed);
        if (needed.length) {
          showHint(text.loadingPlaces);
          try {
            await ensureFiles(ctx, needed);
          } catch {
            return showHint(text.placesFailed);
          }
          if (input.value.trim() !== typed) return; // typed on while loading
        }
        options = engine.searchPlaces(typed, 8);
        if (!options.length) return showHint(text.noPlaces);
        list.replaceChildren(
          ...options.map((match, i) => {
            const option = el("li", "option", match.kind === "state" ? fill(text.wholeState, { state: match.label }) : match.label);
            option.id = `place-option-${i}`;
            option.setAttribute("role", "option");
            option.setAttribute("aria-selected", "false");
            option.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus in the input
            option.addEventListener("click", () => choose(match));
            return option;
          }),
        );
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        highlight(-1);
      };

      input.addEventListener("input", () => {
        session.place = null;
        showPlace();
        suggest();
      });
      input.addEventListener("keydown", (event) => {
        if (list.hidden || !options.length) return;
        if (event.key === "ArrowDown") highlight(Math.min(active + 1, options.length - 1));
        else if (event.key === "ArrowUp") highlight(Math.max(active - 1, 0));
        else if (event.key === "Enter" && active >= 0) choose(options[active]);
        else if (event.key === "Escape") close();
        else return;
        event.preventDefault();
      });
      input.addEventListener("blur", close);
      select.addEventListener("change", () => {
        const option = select.selectedOptions[0];
        session.place = select.value ? { state: select.value, kind: "list", name: option.textContent } : null;
        if (session.place) ensureFiles(ctx, engine.filesForState(session.place.state, false)).catch(() => {});
        input.value = "";
        showPlace();
      });
      return { choose };
    }

    // ---- The answer -------------------------------------------------------

    /** Sources as a list of links with their dates. */
    function sourceList(sources) {
      const list = el("ul", "sources");
      for (const source of sources) {
        const link = h("a", { href: source.url, rel: "noopener noreferrer", target: "_blank", text: source.title });
        const dates = [source.effective && `${text.inForceSince} ${date(source.effective)}`, `${text.checked} ${date(source.verified)}`].filter(Boolean);
        list.append(h("li", {}, link, el("span", "source-dates", ` (${dates.join(", ")})`)));
      }
      return list;
    }

    /** The question the engine still has (agency, warrant), as buttons that ask again. */
    function renderFollowUp(question) {
      const box = $("follow-up");
      box.hidden = !question;
      if (!question) return;
      $("follow-up-text").textContent = question.text;
      $("follow-up-options").replaceChildren(
        ...question.options.map((option) => {
          const button = el("button", "follow-up-option", option.label);
          button.type = "button";
          button.addEventListener("click", () => {
            session[question.id] = option.id;
            ask(true);
          });
          return button;
        }),
      );
    }

    function renderAnswer(answer, moveFocus) {
      const j = answer.jurisdiction;
      const verdict = text.verdicts[answer.verdict] ?? answer.verdict;
      $("verdict").textContent = verdict;
      $("verdict").dataset.verdict = answer.verdict;
      $("headline").textContent = answer.headline;
      $("meaning").textContent = answer.meaning;
      renderFollowUp(answer.next_question);
      // What would change the answer (a judge's warrant, a pending law)
      // sits under it; the person's own rights follow.
      const notes = (list, kind) => list.map((note) => h("section", { class: kind }, el("h3", null, note.title), el("p", null, note.text), sourceList(note.sources)));
      $("caveats").replaceChildren(...notes(answer.caveats ?? [], "note caveat"));
      $("notes").replaceChildren(...notes(answer.notes, "note"));
      const where = [j.city, j.county, j.state_name].filter(Boolean).join(", ");
      $("answer-place").textContent = [where, j.agency_label, j.situation_label].join(" · ");

      // What decides the answer (and the engine's own notes) first; the laws
      // that were checked but do not decide it, folded away below.
      const list = $("reasons");
      const other = $("other-reasons");
      list.replaceChildren();
      other.replaceChildren();
      for (const reason of answer.reasons) {
        const item = el("li", reason.applies ? "reason applies" : "reason");
        const head = el("p", "reason-head");
        head.append(el("span", "level", text.levels[reason.level] ?? reason.level));
        head.append(el("span", "standing", reason.applies ? text.applies : text.doesNotDecide));
        item.append(head);
        if (reason.title) item.append(el("p", "reason-title", reason.title));
        item.append(el("p", "reason-text", reason.text));
        if (reason.note) item.append(el("p", "reason-note", reason.note));
        if (reason.sources.length) item.append(sourceList(reason.sources));
        (reason.applies || !reason.rule ? list : other).append(item);
      }
      $("other").hidden = !other.children.length;
      $("other-summary").textContent = fill(text.otherChecked, { count: new Intl.NumberFormat(lang).format(other.children.length) });
      $("dates").textContent = fill(text.lawAsOf, { date: date(answer.as_of), data: date(answer.data_as_of) });
      $("disclaimer").textContent = answer.disclaimer;
      $("answer").dataset.state = j.state;
      $("answer").hidden = false;
      // Focus goes to the engine's next question if it has one, else to the answer.
      if (moveFocus) $(answer.next_question ? "follow-up-text" : "headline").focus();
      $("announce").textContent = [`${verdict}.`, answer.headline, answer.next_question?.text].filter(Boolean).join(" ");
      // Tell the host page the verdict (never where the person lives).
      host?.dispatchEvent(
        new CustomEvent("answer", { bubbles: true, composed: true, detail: { verdict: answer.verdict, situation: j.situation, agency: j.agency } }),
      );
    }

    async function ask(moveFocus) {
      const missing = [
        [session.place, text.qState],
        [session.situation, text.qSituation],
      ].filter(([value]) => !value).map(([, label]) => label);
      const error = $("form-error");
      if (missing.length) {
        error.textContent = fill(text.missing, { fields: missing.join(" ") });
        error.hidden = false;
        return;
      }
      error.hidden = true;
      const { place } = session;
      try {
        // Counties, towns and their agencies are needed only for a local answer.
        await ensureFiles(ctx, engine.filesForState(place.state, Boolean(place.county_fips || place.city)));
      } catch (e) {
        error.textContent = fill(text.errors[e.kind ?? "network"], { detail: e.message });
        error.hidden = false;
        return;
      }
      try {
        const answer = engine.evaluate({
          state: place.state,
          county_fips: place.county_fips,
          city: place.city,
          agency: session.agency ?? "",
          situation: session.situation,
          warrant: session.warrant ?? undefined,
        });
        session.answered = true;
        renderAnswer(answer, moveFocus);
      } catch (e) {
        error.textContent = fill(text.errors.question, { detail: e.message });
        error.hidden = false;
      }
    }

    // ---- Wiring -----------------------------------------------------------

    const options = engine.options();
    // A widget attribute the engine does not know is ignored, not an error.
    if (session.situation && !options.situations.some((o) => o.id === session.situation)) session.situation = null;
    if (preset.agency && !options.agencies.some((o) => o.id === preset.agency)) {
      if (session.agency === preset.agency) session.agency = null;
      preset.agency = null;
    }
    const select = $("state");
    for (const { id, label } of options.states) select.append(h("option", { value: id, text: label }));
    for (const { id, label } of options.situations) {
      const input = h("input", { type: "radio", name: "situation", value: id, required: true });
      input.checked = id === session.situation;
      input.addEventListener("change", () => (session.situation = id));
      $("situation").append(h("label", { class: "choice" }, input, el("span", null, label)));
    }
    $("version").textContent = fill(text.version, { version: version() });
    const combo = placeCombo();

    $("ask").addEventListener("submit", (event) => {
      event.preventDefault();
      // A new question: the engine asks again what still matters.
      session.agency = preset.agency ?? null;
      session.warrant = null;
      ask(true);
    });
    // The place so far, or the widget's `place` (a ZIP code or a name) or
    // `state` attribute.
    if (!session.place && preset.place) {
      const typed = String(preset.place);
      try {
        await ensureFiles(ctx, engine.filesForText(typed));
        const [match] = engine.searchPlaces(typed, 1);
        if (match) combo.choose(match);
        else $("place").value = typed;
      } catch {
        $("place").value = typed; // offline or a bad chunk: the person can still pick
      }
    }
    if (session.place) {
      select.value = session.place.state;
      if (session.place.kind === "list") session.place.name = select.selectedOptions[0]?.textContent ?? session.place.name;
      else $("place").value = placeLabel(session.place);
      showPlace();
    } else if (preset.state && options.states.some((s) => s.id === preset.state.toUpperCase())) {
      select.value = preset.state.toUpperCase();
      select.dispatchEvent(new Event("change"));
    }
    $("ask").hidden = false;
    showStatus("");
    $("can-refuse-app").setAttribute("aria-busy", "false");
    if (session.answered) await ask(false);
  }
}
