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
/**
 * A language's interface text, loaded once. (The build fills any string a
 * translation lacks with English, so only one language file is fetched.)
 */
export function loadText(lang) {
  if (!texts.has(lang)) {
    // A variable, not a template literal in import(): the bundler would
    // otherwise pull every language it finds into ui.js's lookup table.
    const file = `./lang/${lang}.js`;
    const loading = import(file).then((m) => m.default);
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
 * `begun` is the same fetch started early by the loader (widget.js), if it was.
 */
async function fetchChecked(name, base, begun) {
  const { url, integrity } = locate(name, base);
  try {
    const response = await (begun ?? fetch(url, integrity ? { integrity } : {}));
    if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}`), { kind: "network" });
    return response;
  } catch (e) {
    if (e.kind) throw e;
    const reachable = integrity && (await fetch(url).then((r) => r.ok, () => false));
    throw Object.assign(new Error(name), { kind: reachable ? "integrity" : "network" });
  }
}

/**
 * Takes over a fetch the loader began, once: a later try (after a failure)
 * fetches afresh rather than reusing a spent response.
 */
function take(begun, name) {
  const fetching = begun[name];
  delete begun[name];
  return fetching;
}

/** The wasm compiles once per page, however many widgets it has (a failure is forgotten, so a later try starts afresh). */
let compiled;
const initWasm = (base, begun) => {
  compiled ??= fetchChecked("can_refuse_bg.wasm", base, take(begun, "can_refuse_bg.wasm")).then((response) =>
    init({ module_or_path: response }).catch((e) => {
      // A page whose Content-Security-Policy lacks 'wasm-unsafe-eval'.
      const csp = /Content.Security.Policy|wasm-unsafe-eval|unsafe-eval/i.test(String(e?.message));
      throw Object.assign(e, { kind: csp ? "csp" : "wasm" });
    }),
  );
  compiled.catch(() => (compiled = undefined));
  return compiled;
};

/**
 * What the interface holds of a started engine: its choices, place search
 * and answers (the wasm hands them over as JSON text: parsed here), its
 * `version`, and the data chunks it has loaded, each fetched once.
 */
function started(engine, base, begun) {
  const fetched = new Map();
  let choices;
  /** Fetches and loads the data chunks named; each file once. */
  const load = (names) =>
    Promise.all(
      names.map((name) => {
        if (!fetched.has(name)) {
          // Chunk names carry their checksum, which the engine checks.
          const loading = fetchChecked(name, base, take(begun, name))
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
  return {
    /** The questionnaire's choices: {states, agencies, situations, data_as_of}, parsed once (read them, do not change them). */
    options: () => (choices ??= JSON.parse(engine.options())),
    /** Places matching what was typed, best first, from the chunks loaded. */
    searchPlaces: (typed, limit) => JSON.parse(engine.searchPlaces(typed, limit)),
    /** The answer to a question ({state, situation, agency?, …}); throws an Error in plain words. */
    evaluate: (question) => JSON.parse(engine.evaluate(question)),
    version: version(),
    load,
    /** Loads what a question about `state` needs; counties, towns and their agencies only if `local`. */
    loadState: (state, local) => load(engine.filesForState(state, local)),
    /** The name chunks searching for `typed` still needs (none: search away). */
    filesForText: (typed) => engine.filesForText(typed),
  };
}

const engines = new Map();
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
      return started(engine, base, begun);
    })();
    starting.catch(() => engines.delete(key)); // a later try starts afresh
    engines.set(key, starting);
  }
  return engines.get(key);
}
