// Ready answers (src/export/ready.rs), apart from the engine: the
// questionnaire's choices and a whole state's first answers, made by the
// engine at build time, so the form and a state's answer show before the
// wasm is up on a slow line. Everything else waits for the engine
// (engine.js), which takes over once it is up and checks every ready
// answer shown. It knows no law: it looks answers up by their question.
import { engineFor, engineStarted, fetchChecked, HERE, take } from "./engine.js";
import manifest from "./manifest.js";

/** Today in the person's own time zone, as the engine reads it (YYYY-MM-DD). */
function today() {
  const now = new Date();
  const two = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

/** A ready file's name in `lang` (`what`: a state's code, or "choices"), or null if the release has none. */
const readyName = (lang, what) => (manifest.ready ? `${lang === "en" ? "" : `${lang}/`}ready-${what}.${manifest.ready}.json` : null);

/**
 * A ready file (src/export/ready.rs): a state's ready answers — the
 * engine's answers to every first question about the state, made at build
 * time, for the days from the data date through `until` — or the choices
 * alone ("choices"). Resolves to null when there is none, it does not load,
 * or it is not this release's: the engine answers then.
 */
async function readyFile(lang, what, base, begun) {
  const name = readyName(lang, what);
  if (!name) return null;
  try {
    const ready = await (await fetchChecked(name, base, take(begun, name))).json();
    const fits = ready?.version === manifest.version && ready.options?.states?.length && (what === "choices" || (ready.state === what && ready.answers));
    return fits ? unpack(ready) : null;
  } catch {
    return null;
  }
}

/**
 * Puts each answer's reasons and notes back in place: a ready file lists
 * them once, in `parts`, and answers name them by index. Throws on an
 * index the file does not have (the engine answers then).
 */
function unpack(ready) {
  const parts = Array.isArray(ready.parts) ? ready.parts : [];
  const part = (i) => {
    if (!(Number.isInteger(i) && i >= 0 && i < parts.length)) throw new Error(`ready file: no part ${i}`);
    return parts[i];
  };
  for (const answer of Object.values(ready.answers ?? {})) {
    answer.reasons = answer.reasons.map(part);
    answer.notes = answer.notes.map(part);
  }
  return ready;
}

/**
 * The interface's engine while the real one starts: the questionnaire's
 * choices at once, and the ready answers of a whole state, fetched when it
 * is chosen, answer its first questions; everything else (a town, a
 * warrant, a date, place search) waits for the engine, which takes over
 * entirely once it is up. Every ready answer shown is checked against the
 * engine then (`confirm`): should they differ, the engine's is shown.
 */
function quick(lang, base, begun, first, starting) {
  let real = null;
  starting.then((ctx) => (real = ctx), () => {});
  const engine = async () => real ?? (await starting);
  const readies = new Map(); // state → its ready file (a promise), fetched once
  const loaded = new Map(); // state → its ready file, once here
  const readyFor = (state) => {
    if (!readies.has(state)) {
      const fetching = readyFile(lang, state, base, begun);
      fetching.then((ready) => ready && loaded.set(state, ready));
      readies.set(state, fetching);
    }
    return readies.get(state);
  };
  if (first.state) {
    readies.set(first.state, Promise.resolve(first));
    loaded.set(first.state, first);
  }
  const given = new WeakSet(); // the ready answers handed out
  /** The ready answer for `question` if one is here for today, else null. */
  const answerFor = (question) => {
    const ready = loaded.get(question.state);
    const day = today();
    const plain = ready && !question.county_fips && !question.city && !question.warrant && !question.as_of && day >= ready.from && day <= ready.until;
    const answer = plain ? ready.answers[`${question.agency ?? ""}/${question.situation}`] : null;
    return answer ? { ...answer, as_of: day } : null;
  };
  const whole = (county) => county === undefined || county === null;
  return {
    options: () => (real ? real.options() : first.options),
    get version() {
      return real ? real.version : first.version;
    },
    /** Gets ready to answer `question` (about a place in `county`, as loadState): from ready answers if they cover it, else the engine. */
    async prepare(question, county) {
      if (!real && whole(county)) {
        await readyFor(question.state);
        if (!real && answerFor(question)) return;
      }
      return (await engine()).loadState(question.state, county);
    },
    evaluate(question) {
      let failed = Object.assign(new Error("the engine is not ready"), { kind: "load" });
      if (real) {
        try {
          return real.evaluate(question);
        } catch (e) {
          // Up, but not yet with this state's laws (it came while the ready
          // answers were being read): the ready answer serves, checked later.
          if (e.kind === "trap") throw e;
          failed = e;
        }
      }
      const answer = answerFor(question);
      if (!answer) throw failed;
      given.add(answer);
      return answer;
    },
    /** For a ready answer `shown`: resolves true when the engine's answer to `question` differs (then ask again). */
    confirm: async (question, shown) => {
      if (!given.has(shown)) return false;
      const ctx = await engine();
      await ctx.loadState(question.state);
      return JSON.stringify(ctx.evaluate(question)) !== JSON.stringify(shown);
    },
    whenReady: engine,
    searchPlaces: (typed, limit) => (real ? real.searchPlaces(typed, limit) : []),
    filesForText: (typed) => (real ? real.filesForText(typed) : []),
    load: async (names) => (await engine()).load(names),
    /** Starts fetching what a question about `state` (or a place in `county`) needs: its ready answers too, for a whole state. */
    loadState: async (state, county) => {
      if (!real && whole(county)) readyFor(state);
      return (await engine()).loadState(state, county);
    },
    abandon: () => real?.abandon(),
  };
}

/** Whether a service worker controls this page (a sandboxed frame may not even ask: reading it throws). */
function workerKeepsEngine() {
  try {
    return Boolean(globalThis.navigator?.serviceWorker?.controller);
  } catch {
    return false;
  }
}

/**
 * The engine for `lang`, as the interface holds it. With `state` a state's
 * code (a question about the whole state) or "" (no place yet), and a
 * release with ready files, the state's ready answers (or the choices) come
 * first and the engine behind them: on a slow line its download would only
 * hold them up. With `state` null (a town or county), the engine alone.
 * Rejects only if neither can answer.
 */
export async function quickEngineFor(lang, state, base = HERE, early = null) {
  // An engine already started (another widget, a language switched back)
  // serves at once; so does one a service worker keeps on this device
  // (offline, the ready files are not kept: the engine answers everything).
  const local = workerKeepsEngine();
  if (state == null || !manifest.ready || local || engineStarted(lang, base)) return engineFor(lang, base, early);
  const begun = early?.lang === lang ? early.files : {};
  const ready = readyFile(lang, state || "choices", base, begun);
  const starting = ready.then(() => engineFor(lang, base, early));
  const first = await ready;
  if (!first) return starting;
  starting.catch(() => {}); // reported by the interface (whenReady), and when a question needs it
  return quick(lang, base, begun, first, starting);
}
