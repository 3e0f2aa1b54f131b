// The demo page: asks the questions, hands them to the wasm engine, renders
// the Answer. It knows nothing about law: every verdict, reason and source
// comes from the engine; every interface word comes from lang/*.js.
import init, { Engine, version } from "./can_refuse.js";
import text from "./lang/en.js";

const $ = (id) => document.getElementById(id);
const fill = (template, values) =>
  template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));

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

function renderAnswer(answer) {
  const j = answer.jurisdiction;
  $("verdict").textContent = text.verdicts[answer.verdict] ?? answer.verdict;
  $("verdict").dataset.verdict = answer.verdict;
  $("headline").textContent = answer.headline;
  $("place").textContent = [j.state_name, j.agency_label, j.situation_label].join(" · ");

  const list = $("reasons");
  list.replaceChildren();
  for (const reason of answer.reasons) {
    const item = el("li", reason.applies ? "reason applies" : "reason");
    const head = el("p", "reason-head");
    head.append(el("span", "level", text.levels[reason.level] ?? reason.level));
    head.append(el("span", "standing", reason.applies ? text.applies : text.doesNotDecide));
    item.append(head);
    if (reason.title) item.append(el("p", "reason-title", reason.title));
    item.append(el("p", "reason-text", reason.text));
    if (reason.note) item.append(el("p", "reason-note", reason.note));
    if (reason.sources.length) {
      const sources = el("ul", "sources");
      for (const source of reason.sources) {
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
        sources.append(li);
      }
      item.append(sources);
    }
    list.append(item);
  }
  $("dates").textContent = fill(text.lawAsOf, { date: answer.as_of, data: answer.data_as_of });
  $("disclaimer").textContent = answer.disclaimer;
  $("answer").dataset.state = j.state;
  $("answer").hidden = false;
  $("headline").focus();
  $("announce").textContent = `${text.verdicts[answer.verdict] ?? ""}. ${answer.headline}`;
}

function ask(engine, form) {
  const data = new FormData(form);
  const fields = [
    ["state", text.qState],
    ["agency", text.qAgency],
    ["situation", text.qSituation],
  ];
  const missing = fields.filter(([name]) => !data.get(name)).map(([, label]) => label);
  const error = $("form-error");
  if (missing.length) {
    error.textContent = fill(text.missing, { fields: missing.join(" ") });
    error.hidden = false;
    return;
  }
  error.hidden = true;
  try {
    renderAnswer(
      engine.evaluate({
        state: data.get("state"),
        agency: data.get("agency"),
        situation: data.get("situation"),
      }),
    );
  } catch (e) {
    error.textContent = fill(text.errors.question, { detail: e.message });
    error.hidden = false;
  }
}

async function start() {
  for (const node of document.querySelectorAll("[data-text]")) {
    node.textContent = text[node.dataset.text] ?? "";
  }
  const base = new URL(".", import.meta.url);
  let engine;
  try {
    // Fetch the data while the wasm compiles.
    const data = fetch(new URL("can-refuse.data", base)).then((r) => {
      if (!r.ok) throw Object.assign(new Error(`HTTP ${r.status}`), { kind: "network" });
      return r.arrayBuffer();
    }, (e) => { throw Object.assign(e, { kind: "network" }); });
    try {
      await init({ module_or_path: new URL("can_refuse_bg.wasm", base) });
    } catch (e) {
      throw Object.assign(e, { kind: e.kind ?? "wasm" });
    }
    const bytes = new Uint8Array(await data);
    try {
      engine = new Engine(bytes);
    } catch (e) {
      throw Object.assign(new Error(e.message), { kind: "data" });
    }
  } catch (e) {
    const kind = e.kind ?? "wasm";
    showStatus(fill(text.errors[kind], { detail: e.message }), true);
    $("app").setAttribute("aria-busy", "false");
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

  const form = $("ask");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    ask(engine, form);
  });
  form.hidden = false;
  showStatus("");
  $("app").setAttribute("aria-busy", "false");
}

start();
