// The built-ins the interface, the engine and the wasm glue use, taken
// clean on a host page that replaced them (a global `JSON`, `Map` or
// `TextDecoder` that is not the browser's). The build injects this module
// into ui.js (scripts/manifest.mjs, esbuild `inject`): every free use of
// these names in the bundle reads them from here. What cannot be taken
// clean (a prototype method the page broke) is named by `brokenBuiltins`,
// so the widget says so instead of failing silently.

/** The browser's own Promise, whatever the page calls `Promise`: an async function always returns one. */
const RealPromise = (async () => {})().constructor;

/** Does `value` behave as the built-in `name` should, on a small example? */
const works = {
  // Only parse: nothing here writes JSON (and a page's Array.prototype.toJSON would fail any stringify).
  JSON: (J) => J.parse('{"a":[1,"\u00e9"]}').a[1] === "\u00e9",
  Map: (M) => {
    const m = new M([[1, 2]]);
    return m.get(1) === 2 && m.has(1) && !m.has(2) && m.size === 1 && m.delete(1) && m.size === 0;
  },
  Set: (S) => {
    const s = new S([1]);
    return s.has(1) && !s.has(2) && s.size === 1;
  },
  URL: (U) => new U("b?c", "https://example.org/a/").href === "https://example.org/a/b?c",
  TextDecoder: (D) => new D("utf-8").decode(new Uint8Array([0xc3, 0xa9])) === "\u00e9",
  TextEncoder: (E) => new E().encode("\u00e9").length === 2,
  // A page's stand-in Date (a mocked or frozen clock, written in JS) would
  // answer for the wrong day: the browser's own is taken from the frame.
  // (Where every frame has the stand-in, it is the clock the person set.)
  Date: (D) => /\[native code\]/.test(Function.prototype.toString.call(D)) && new D(0).toISOString() === "1970-01-01T00:00:00.000Z",
};

let frame;
/** A clean copy of the built-in, from a hidden frame of our own: only made on a page that broke one. */
function fromFrame(name) {
  if (frame === undefined) {
    frame = null;
    try {
      const element = document.createElement("iframe");
      element.setAttribute("aria-hidden", "true");
      element.tabIndex = -1;
      element.style.setProperty("display", "none", "important");
      document.documentElement.appendChild(element);
      frame = element.contentWindow;
    } catch {
      // No frame (a sandboxed page): the broken one is reported below.
    }
  }
  return frame?.[name];
}

const broken = [];
/** The page's `name` if it works, else a clean copy; else (unless `optional`: the interface can do without it) it is named as broken. */
function pick(name, optional = false) {
  const test = (value) => {
    try {
      return Boolean(value) && works[name](value);
    } catch {
      return false;
    }
  };
  const own = globalThis[name];
  if (test(own)) return own;
  const clean = fromFrame(name);
  if (test(clean)) return clean;
  if (!optional) broken[broken.length] = name;
  return own;
}

const JSON_ = pick("JSON");
const Map_ = pick("Map");
const Set_ = pick("Set");
const URL_ = pick("URL");
const TextDecoder_ = pick("TextDecoder");
const TextEncoder_ = pick("TextEncoder");
// Optional: without a clean Date, the page's clock is taken as the person's.
const Date_ = pick("Date", true);
const Promise_ = RealPromise;
export { JSON_ as JSON, Map_ as Map, Set_ as Set, URL_ as URL, TextDecoder_ as TextDecoder, TextEncoder_ as TextEncoder, Date_ as Date, Promise_ as Promise };

/**
 * The browser's own global `name` from the hidden frame, for code that found
 * the page's broken only when using it (`Intl`: checking it up front would
 * load the browser's calendar data before the first question).
 */
export const browserOwn = fromFrame;

/** The prototype methods the interface calls, each on a small example. */
const methods = [
  ["Array.prototype.map", () => [1, 2].map((x) => x * 2).join() === "2,4"],
  ["Array.prototype.filter", () => [1, 2, 3].filter((x) => x > 1).length === 2],
  ["Array.prototype.some", () => [1, 2].some((x) => x === 2) && ![1].some((x) => x === 2)],
  ["Array.prototype.find", () => [1, 2].find((x) => x > 1) === 2],
  ["Array.prototype.flatMap", () => [1, 2].flatMap((x) => [x, x]).length === 4],
  ["Array.prototype.join", () => ["a", "b"].join(" ") === "a b"],
  ["Array.prototype.push", () => {
    const a = [];
    a.push(1);
    return a.length === 1 && a[0] === 1;
  }],
  ["Array iteration", () => {
    let n = 0;
    for (const x of [1, 2]) n += x;
    return n === 3 && [...[1, 2]].length === 2;
  }],
  ["Object.entries", () => Object.entries({ a: 1 }).length === 1 && Object.entries({ a: 1 })[0][1] === 1],
  ["Object.values", () => Object.values({ a: 1 })[0] === 1],
  ["String.prototype.split", () => "a-b".split("-").length === 2],
  ["String.prototype.trim", () => " a ".trim() === "a"],
  ["Promise.prototype.then", () => typeof Promise_.prototype.then === "function" && typeof Promise_.resolve(1).then(() => {}).then === "function"],
];

/**
 * The built-ins this page broke beyond repair, by name (none on a normal
 * page): a prototype method that throws or returns junk, or a global with no
 * clean copy to take.
 */
export function brokenBuiltins() {
  // Plain loops: the checks must not rely on what they check.
  const found = [];
  for (let i = 0; i < broken.length; i++) found[found.length] = broken[i];
  for (let i = 0; i < methods.length; i++) {
    let fine = false;
    try {
      fine = methods[i][1]() === true;
    } catch {
      // named below
    }
    if (!fine) found[found.length] = methods[i][0];
  }
  return found;
}
