// The engine, apart from any page: the wasm core (./can_refuse.js), the
// release's manifest, its files fetched and checked against it, one engine
// per language shared by every widget on the page, and the data files each
// question needs. It knows nothing about the DOM: the interface (ui/) asks
// it for answers and shows them.
//
// It sits beside ui.js on purpose: the build bundles it, the wasm glue
// (./can_refuse.js, from wasm-pack) and the manifest into ui.js, so its
// relative imports and import.meta.url mean the same before and after
// bundling. The loader (widget.js) may have begun some fetches already:
// they are taken over, checked as if made here.
import init, { Engine, version } from "./can_refuse.js";
import manifest from "./manifest.js";

/** Where the release's files are unless told otherwise: beside this module (beside ui.js once bundled). */
export const HERE = new URL(".", import.meta.url);

/** The release's languages, [{code, name}], English first. */
export const LANGUAGES = manifest.langs?.length ? manifest.langs : [{ code: "en", name: "English" }];

/** The first supported language among `wanted` (BCP 47 tags, best first). */
export function chooseLanguage(wanted) {
  for (const tag of wanted) {
    const code = String(tag ?? "").trim().toLowerCase().split(/[-_]/)[0];
    if (LANGUAGES.some((l) => l.code === code)) return code;
  }
  return "en";
}

const texts = new Map();
let textFailures = 0;
/** Set when the loader imported this module afresh after a failure (ui.js?retry=N). */
const retried = new URL(import.meta.url).searchParams.get("retry");
/**
 * A language's interface text, loaded once. (The build fills any string a
 * translation lacks with English, so only one language file is fetched.)
 * A failed load is forgotten, and the next try imports it under a fresh
 * URL: browsers keep a failed module import failed for good.
 */
export function loadText(lang) {
  if (!texts.has(lang)) {
    // A variable, not a template literal in import(): the bundler would
    // otherwise pull every language it finds into ui.js's lookup table.
    const file = textFailures || retried ? `./lang/${lang}.js?retry=${retried ?? 0}.${textFailures}` : `./lang/${lang}.js`;
    const loading = import(file).then((m) => m.default);
    loading.catch(() => {
      textFailures++;
      texts.delete(lang);
    });
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
 * `begun` is the same fetch started early by the loader (widget.js), if it was.
 */
export async function fetchChecked(name, base, begun, signal) {
  const { url, integrity } = locate(name, base);
  try {
    // The loader's fetch if it worked; else one of our own (it may have
    // failed on a page that has since put things right).
    // (Given up on with `signal`, even if the loader's fetch hangs.)
    const given = signal && new Promise((_, reject) => signal.addEventListener("abort", reject, { once: true }));
    let response = begun && (await (given ? Promise.race([begun, given]) : begun).catch(() => null));
    if (!response?.ok) response = await fetch(url, integrity ? { integrity, signal } : { signal });
    if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}`), { kind: "network" });
    return response;
  } catch (e) {
    if (e.kind) throw e;
    const reachable = integrity && !signal?.aborted && (await fetch(url).then((r) => r.ok, () => false));
    throw Object.assign(new Error(name), { kind: reachable ? "integrity" : "network" });
  }
}

/**
 * Takes over a fetch the loader began, once: a later try (after a failure)
 * fetches afresh rather than reusing a spent response.
 */
export function take(begun, name) {
  const fetching = begun[name];
  delete begun[name];
  return fetching;
}

/**
 * The file of the name chunk the engine will ask for to find `text` (a
 * town the widget is preset to), worked out as the engine does
 * (`ChunkIndex::name_chunk` in src/dataset/files.rs): the first word,
 * folded, cut to two letters or more where the release split a group. So
 * it downloads beside the engine, not after it. A wrong guess costs a
 * fetch and nothing else: the engine takes over only the file it asks for.
 */
export function nameChunkFor(text) {
  const { id, split = [] } = manifest.names ?? {};
  if (!id) return null;
  const folded = String(text).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f'’ʻ]/g, "");
  let word = folded.split(/[^a-z0-9]+/).find(Boolean) ?? "";
  word = { __proto__: null, st: "saint", ste: "sainte", ft: "fort", mt: "mount" }[word] ?? word;
  let len = 2;
  while (word.length > len && split.includes(word.slice(0, len))) len++;
  return word.length >= 2 ? `names-${word.slice(0, len)}.${id}.data` : null;
}

/**
 * Starts fetching the name chunk a preset town needs among `early`'s
 * fetches (the loader's, for `lang`), for the engine to take over; returns
 * them, made if there were none.
 */
export function fetchNamesEarly(text, lang, base = HERE, early = null) {
  const begun = early?.lang === lang ? early : { lang, files: {} };
  try {
    const name = nameChunkFor(text);
    if (name && !begun.files[name]) {
      begun.files[name] = fetch(new URL(name, base));
      begun.files[name].catch(() => {}); // the engine fetches it again, and says so if it fails
    }
  } catch {
    // Only a head start (a page may have broken the string or array
    // built-ins it uses): the engine fetches what it needs anyway.
  }
  return begun;
}

/**
 * The wasm compiles once per page, however many widgets it has. A failure
 * is forgotten, so a later try starts afresh; so is a download given up on
 * (`restartEngine`), whose response, should it still come, is not used.
 */
let compiled;
let generation = 0;
const initWasm = (base, begun) => {
  if (!compiled) {
    const mine = ++generation;
    const compiling = fetchChecked("can_refuse_bg.wasm", base, take(begun, "can_refuse_bg.wasm")).then((response) => {
      if (mine !== generation) throw Object.assign(new Error("given up"), { kind: "network" });
      return init({ module_or_path: response }).catch((e) => {
        // A page whose Content-Security-Policy lacks 'wasm-unsafe-eval'.
        const csp = /Content.Security.Policy|wasm-unsafe-eval|unsafe-eval/i.test(String(e?.message));
        throw Object.assign(e, { kind: csp ? "csp" : "wasm" });
      });
    });
    compiled = compiling;
    compiling.then(
      () => (generation = -1), // compiled: kept for good
      () => compiled === compiling && (compiled = undefined),
    );
  }
  return compiled;
};

/**
 * Forgets the engine for `lang` (one still starting after a long wait, or
 * one that trapped) so the next `engineFor` starts a new one, downloading
 * again whatever had not arrived.
 */
export function restartEngine(lang, base = HERE) {
  engines.get(`${lang} ${base}`)?.then((ctx) => ctx.abandon(), () => {});
  engines.delete(`${lang} ${base}`);
  if (generation !== -1) {
    generation++;
    compiled = undefined;
  }
}

/** Did the wasm trap (a bug in the engine, never bad input): the engine is then unusable. */
const trapped = (e) => e?.name === "RuntimeError" || (typeof WebAssembly === "object" && e instanceof WebAssembly.RuntimeError);

/**
 * What the interface holds of a started engine: its choices, place search
 * and answers (the wasm hands them over as JSON text: parsed here), its
 * `version`, and the data chunks it has loaded, each fetched once.
 * `broke()` is told when the wasm traps: every later call then throws an
 * error of kind "trap", and the next `engineFor` starts a new engine.
 */
function started(engine, base, begun, broke) {
  const fetched = new Map();
  const pending = new Map(); // name → its download's AbortController
  let choices;
  let dead = false;
  /** Runs a call into the wasm; a trap ends this engine. */
  const call = (f) => {
    if (dead) throw Object.assign(new Error("trap"), { kind: "trap" });
    try {
      return f();
    } catch (e) {
      if (!trapped(e)) throw e;
      dead = true;
      broke();
      throw Object.assign(new Error(e.message), { kind: "trap" });
    }
  };
  /** Fetches and loads the data chunks named; each file once. */
  const load = (names) =>
    Promise.all(
      names.map((name) => {
        if (!fetched.has(name)) {
          const abort = new AbortController();
          pending.set(name, abort);
          // Chunk names carry their checksum, which the engine checks.
          const loading = fetchChecked(name, base, take(begun, name), abort.signal)
            .then((response) => response.arrayBuffer())
            .then((bytes) =>
              call(() => {
                try {
                  engine.loadFile(name, new Uint8Array(bytes));
                } catch (e) {
                  if (trapped(e)) throw e;
                  throw Object.assign(new Error(e.message), { kind: "data" });
                }
              }),
            );
          const done = () => pending.get(name) === abort && pending.delete(name);
          loading.then(done, () => {
            // Let a later try fetch it again (unless one already has).
            if (fetched.get(name) === loading) fetched.delete(name);
            done();
          });
          fetched.set(name, loading);
        }
        return fetched.get(name);
      }),
    );
  return {
    /** The questionnaire's choices: {states, agencies, situations, data_as_of}, parsed once (read them, do not change them). */
    options: () => (choices ??= call(() => JSON.parse(engine.options()))),
    /** Places matching what was typed, best first, from the chunks loaded. */
    searchPlaces: (typed, limit) => call(() => JSON.parse(engine.searchPlaces(typed, limit))),
    /** The answer to a question ({state, situation, agency?, …}); throws an Error in plain words. */
    evaluate: (question) => call(() => JSON.parse(engine.evaluate(question))),
    version: version(),
    load,
    /** Loads what a question about `state` needs, and with `county` (a FIPS code; "" if unknown) what one about a county or town in it needs. */
    loadState: async (state, county) => load(call(() => engine.filesForState(state, county))),
    /** The name chunks searching for `typed` still needs (none: search away). */
    filesForText: (typed) => call(() => engine.filesForText(typed)),
    /** Gives up on the downloads still under way (a retry fetches them afresh). */
    abandon() {
      for (const [name, abort] of pending) {
        abort.abort();
        fetched.delete(name);
      }
      pending.clear();
    },
  };
}

const engines = new Map();
/** Whether the engine for `lang` with the release at `base` was started already. */
export const engineStarted = (lang, base = HERE) => engines.has(`${lang} ${base}`);
/**
 * The engine for `lang` with the release at `base`: started once, shared by
 * every widget on the page. `early` holds the fetches the loader began
 * ({lang, files: {name: Promise<Response>}}), taken over if they are for
 * this language. Rejects with an error whose `kind` names an entry of the
 * language file's `errors`.
 */
export function engineFor(lang, base = HERE, early = null) {
  const key = `${lang} ${base}`;
  if (!engines.has(key)) {
    const begun = early?.lang === lang ? early.files : {};
    // A later try starts afresh (unless a newer engine took this one's place).
    const forget = () => engines.get(key) === starting && engines.delete(key);
    const starting = (async () => {
      const coreName = lang === "en" ? "can-refuse.data" : `${lang}/can-refuse.data`;
      const core = fetchChecked(coreName, base, take(begun, coreName)).then((r) => r.arrayBuffer());
      core.catch(() => {}); // reported below, once
      await initWasm(base, begun);
      if (manifest.version && version() !== manifest.version) {
        throw Object.assign(new Error(`${version()} / ${manifest.version}`), { kind: "version" });
      }
      const bytes = new Uint8Array(await core);
      let engine;
      try {
        engine = new Engine(bytes);
      } catch (e) {
        throw Object.assign(new Error(e.message), { kind: "data" });
      }
      return started(engine, base, begun, forget);
    })();
    starting.catch(forget);
    engines.set(key, starting);
  }
  return engines.get(key);
}
