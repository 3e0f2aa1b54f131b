// The questionnaire and its answer, mounted into any element or shadow
// root: the demo page and the <can-refuse> widget both use it. It knows
// nothing about law: every verdict, reason and source comes from the engine;
// every interface word comes from lang/*.js.
import init, { Engine, version } from "./can_refuse.js";
import english from "./lang/en.js";
import manifest from "./manifest.js";

const fill = (template, values) =>
  template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));

/**
 * Fetches one of our own files, checked against the release's integrity
 * hash when it has one. A refused file is told apart from a network failure.
 */
async function fetchChecked(url, name) {
  const integrity = manifest.integrity[name];
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
  (compiled ??= fetchChecked(new URL("can_refuse_bg.wasm", base), "can_refuse_bg.wasm").then((response) =>
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
function build(text, heading) {
  return h(
    "div",
    { id: "can-refuse-app", class: "can-refuse-app", "aria-busy": "true" },
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
      h("fieldset", { class: "question", id: "agency" }, h("legend", { text: text.qAgency })),
      h("fieldset", { class: "question", id: "situation" }, h("legend", { text: text.qSituation })),
      h("p", { id: "form-error", class: "error", role: "alert", hidden: true }),
      h("button", { type: "submit", text: text.submit }),
    ),
    h(
      "section",
      { id: "answer", hidden: true, "aria-labelledby": "headline" },
      h("p", { class: "verdict", id: "verdict" }),
      h("h2", { id: "headline", tabindex: "-1" }),
      h("p", { class: "meaning", id: "meaning" }),
      h("p", { class: "place", id: "answer-place" }),
      h(
        "div",
        { id: "follow-up", class: "follow-up", role: "group", "aria-labelledby": "follow-up-text", hidden: true },
        h("p", { id: "follow-up-text" }),
        h("div", { id: "follow-up-options", class: "follow-up-options" }),
      ),
      h("div", { id: "notes" }),
      h("h3", { text: text.why }),
      h("ol", { id: "reasons", class: "reasons" }),
      h("details", { id: "other", class: "other", hidden: true }, h("summary", { id: "other-summary" }), h("ol", { id: "other-reasons", class: "reasons" })),
      h("p", { class: "dates", id: "dates" }),
      h("p", { class: "disclaimer", id: "disclaimer" }),
    ),
    h("div", { id: "announce", class: "visually-hidden", "aria-live": "polite" }),
    h("p", { class: "privacy", text: text.privacy }),
    h("p", { id: "version", class: "version" }),
  );
}

/**
 * Mounts the questionnaire into `root` (an element or a shadow root) and
 * starts it. `base` is where the wasm and data files are; `host` receives the
 * `answer` event.
 */
export function mount(root, { base = new URL(".", import.meta.url), text = english, heading = "h2", host = null, preset = {} } = {}) {
  root.append(build(text, heading));
  const $ = (id) => root.querySelector(`#${id}`);

  /** Creates an element with text content (never HTML: data text is untrusted). */
  function el(tag, className, content) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content != null) node.textContent = content;
    return node;
  }

  function showStatus(message, isError) {
    const status = $("status");
    status.textContent = message;
    status.className = isError ? "status error" : "status";
    status.hidden = !message;
  }

  function radios(fieldset, name, choices) {
    for (const { id, label } of choices) {
      const wrap = el("label", "choice");
      const input = document.createElement("input");
      input.type = "radio";
      input.name = name;
      input.value = id;
      input.required = true;
      wrap.append(input, el("span", null, label));
      fieldset.append(wrap);
    }
  }

  /** Fetches one of our own data files as bytes; network trouble is tagged. */
  async function fetchBytes(name) {
    const response = await fetchChecked(new URL(name, base), name);
    return new Uint8Array(await response.arrayBuffer());
  }

  // ---- "Where do you live?": a combobox over the place index -------------

  /** Fetches and loads the data chunks the engine asks for; each file once. */
  const fetched = new Map();
  function ensureFiles(engine, names) {
    return Promise.all(
      names.map((name) => {
        if (!fetched.has(name)) {
          const loading = fetchBytes(name).then((bytes) => {
            try {
              engine.loadFile(name, bytes);
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

  /** The place the answer is for: {state, county_fips?, county?, city?, label}. */
  let place = null;

  function placeCombo(engine) {
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
      const label = match.kind === "state" ? fill(text.wholeState, { state: match.label }) : match.label;
      place = { state: match.state, county_fips: match.county_fips || undefined, city: match.city ?? undefined, label };
      ensureFiles(engine, engine.filesForState(match.state, true)).catch(() => {}); // get ahead of the answer
      input.value = label;
      select.value = match.state;
      $("place-chosen").textContent = fill(text.chosen, { place: label });
      close();
    };
    const suggest = async () => {
      const typed = input.value.trim();
      if (typed.length < 2) return close();
      const needed = engine.filesForText(typed);
      if (needed.length) {
        showHint(text.loadingPlaces);
        try {
          await ensureFiles(engine, needed);
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
      place = null;
      $("place-chosen").textContent = "";
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
      place = select.value ? { state: select.value, label: option.textContent } : null;
      if (place) ensureFiles(engine, engine.filesForState(place.state, false)).catch(() => {});
      input.value = "";
      $("place-chosen").textContent = place ? fill(text.chosen, { place: place.label }) : "";
    });
  }

  // ---- The answer ---------------------------------------------------------

  /** Sources as a list of links with their dates. */
  function sourceList(sources) {
    const list = el("ul", "sources");
    for (const source of sources) {
      const li = el("li");
      const link = el("a", null, source.title);
      link.href = source.url;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      const dates = [
        source.effective && `${text.inForceSince} ${source.effective}`,
        `${text.checked} ${source.verified}`,
      ].filter(Boolean);
      li.append(link, el("span", "source-dates", ` (${dates.join(", ")})`));
      list.append(li);
    }
    return list;
  }

  /** The question the engine still has (the warrant), as buttons that ask again. */
  function renderFollowUp(question, onAnswer) {
    const box = $("follow-up");
    box.hidden = !question;
    if (!question) return;
    $("follow-up-text").textContent = question.text;
    $("follow-up-options").replaceChildren(
      ...question.options.map((option) => {
        const button = el("button", "follow-up-option", option.label);
        button.type = "button";
        button.addEventListener("click", () => onAnswer(question.id, option.id));
        return button;
      }),
    );
  }

  function renderAnswer(answer, onFollowUp) {
    const j = answer.jurisdiction;
    $("verdict").textContent = text.verdicts[answer.verdict] ?? answer.verdict;
    $("verdict").dataset.verdict = answer.verdict;
    $("headline").textContent = answer.headline;
    $("meaning").textContent = answer.meaning;
    renderFollowUp(answer.next_question, onFollowUp);
    $("notes").replaceChildren(
      ...answer.notes.map((note) => {
        const box = el("section", "note");
        box.append(el("h3", null, note.title), el("p", null, note.text), sourceList(note.sources));
        return box;
      }),
    );
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
    $("other-summary").textContent = fill(text.otherChecked, { count: other.children.length });
    $("dates").textContent = fill(text.lawAsOf, { date: answer.as_of, data: answer.data_as_of });
    $("disclaimer").textContent = answer.disclaimer;
    $("answer").dataset.state = j.state;
    $("answer").hidden = false;
    $("headline").focus();
    $("announce").textContent = `${text.verdicts[answer.verdict] ?? ""}. ${answer.headline}`;
    // Tell the host page the verdict (never where the person lives).
    host?.dispatchEvent(
      new CustomEvent("answer", { bubbles: true, composed: true, detail: { verdict: answer.verdict, situation: j.situation, agency: j.agency } }),
    );
  }

  async function ask(engine, form, extra = {}) {
    const data = new FormData(form);
    const missing = [
      [place, text.qState],
      [data.get("agency"), text.qAgency],
      [data.get("situation"), text.qSituation],
    ].filter(([value]) => !value).map(([, label]) => label);
    const error = $("form-error");
    if (missing.length) {
      error.textContent = fill(text.missing, { fields: missing.join(" ") });
      error.hidden = false;
      return;
    }
    error.hidden = true;
    try {
      // Counties, towns and agencies are needed for a local answer, or for
      // the state police's own 287(g) agreements.
      const local = Boolean(place.county_fips || place.city) || data.get("agency") === "state-police";
      await ensureFiles(engine, engine.filesForState(place.state, local));
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
        agency: data.get("agency"),
        situation: data.get("situation"),
        ...extra,
      });
      renderAnswer(answer, (field, value) => ask(engine, form, { ...extra, [field]: value }));
    } catch (e) {
      error.textContent = fill(text.errors.question, { detail: e.message });
      error.hidden = false;
    }
  }

  async function start() {
    let engine;
    try {
      const data = fetchBytes("can-refuse.data"); // download while the wasm compiles
      data.catch(() => {}); // reported below, once
      await initWasm(base);
      if (manifest.version && version() !== manifest.version) {
        throw Object.assign(new Error(`${version()} / ${manifest.version}`), { kind: "version" });
      }
      const bytes = await data;
      try {
        engine = new Engine(bytes);
      } catch (e) {
        throw Object.assign(new Error(e.message), { kind: "data" });
      }
    } catch (e) {
      showStatus(fill(text.errors[e.kind ?? "wasm"], { detail: e.message }), true);
      $("can-refuse-app").setAttribute("aria-busy", "false");
      return;
    }

    const options = engine.options();
    const select = $("state");
    for (const { id, label } of options.states) {
      const option = el("option", null, label);
      option.value = id;
      select.append(option);
    }
    radios($("agency"), "agency", options.agencies);
    radios($("situation"), "situation", options.situations);
    $("version").textContent = fill(text.version, { version: version() });
    placeCombo(engine);

    const form = $("ask");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      ask(engine, form);
    });
    // Attributes of <can-refuse> (state, agency, situation) preselect answers.
    if (preset.state && options.states.some((s) => s.id === preset.state.toUpperCase())) {
      select.value = preset.state.toUpperCase();
      select.dispatchEvent(new Event("change"));
    }
    for (const name of ["agency", "situation"]) {
      const radio = preset[name] && [...form.elements[name]].find((r) => r.value === preset[name]);
      if (radio) radio.checked = true;
    }
    form.hidden = false;
    showStatus("");
    $("can-refuse-app").setAttribute("aria-busy", "false");
  }


  return start();
}
