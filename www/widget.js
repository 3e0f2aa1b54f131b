/*
 * can-refuse widget loader. On any page:
 *   <script src="https://HOST/can-refuse/widget.js" async></script>
 *   <can-refuse state="TX"></can-refuse>
 * It finds its own files beside this script (never beside the host page),
 * renders inside a shadow root, loads the engine only when the widget comes
 * into view or is touched, and sends nothing anywhere but its own files.
 *
 * Partner pages are old and strange, so this file leans on as little of
 * the page's JavaScript as it can: no array methods, no global Promise (an
 * async function always makes a real one), no URL unless it works. Whatever
 * fails, each box says so in words, with a way to try again; never a blank.
 *
 * The build bundles it with loader/ into the one classic script partners
 * load (scripts/manifest.mjs), so it stays a single request.
 */
import { ownScript, resolve } from "./loader/address.js";
import { applyStyles, stylesheet, whenSeen } from "./loader/look.js";

// The release's manifest (version, languages with their "Loading…",
// the loader's own words in English, the engine's and data cores' hashed
// names and integrity hashes, each language's law chunks by state),
// written in by the build: with it, the loader starts fetching
// everything a first answer needs at once. Unbuilt (www/ loaded as a
// module) it stays this string: nothing starts early, and the words below
// stand in.
var MANIFEST = "can-refuse:manifest";
var M = typeof MANIFEST === "object" ? MANIFEST : {};
var LANGS = M.langs || [{ code: "en", loading: "Loading…" }];
var WORDS = M.words || { load: "can-refuse could not load.", retry: "↻", noBase: "can-refuse: no files." };
// Long enough for a slow phone line; after it, the box offers a retry.
var SLOW_MS = 15000;

var own = ownScript();
var styles; // the style sheet's text, fetched once for every box
var base = own.src ? resolve(own.base || ".", own.src) : null;

/** The language the interface will choose (as engine.js does): the widget's own, the page's, the browser's; else English. */
function language(options) {
  var wanted = [options.lang, document.documentElement.lang];
  var browser = navigator.languages || [navigator.language];
  for (var n = 0; n < browser.length; n++) wanted[wanted.length] = browser[n];
  for (var i = 0; i < wanted.length; i++) {
    var code = String(wanted[i] || "").trim().toLowerCase().split(/[-_]/)[0];
    for (var j = 0; j < LANGS.length; j++) if (LANGS[j].code === code) return LANGS[j];
  }
  return LANGS[0];
}

/**
 * Starts fetching the engine, the language's data core and its interface
 * text, so they download beside ui.js rather than after it. The
 * interface takes them over (engine.js checks them as its own fetches).
 * Once per page and language, whatever the number of widgets: they share
 * one engine.
 */
var begun = {};
var requested = {};
function early(options, lang) {
  if (!M.files) return null;
  var files = begun[lang] || (begun[lang] = {});
  var fetchOnce = function (name, init) {
    if (requested[name]) return;
    requested[name] = true;
    files[name] = fetch(resolve(M.files[name] ? M.files[name].url : name, base), init);
    files[name].catch(function () {}); // reported by the interface, which checks it
  };
  var pinned = function (name) {
    if (M.files[name]) fetchOnce(name, { integrity: M.files[name].integrity });
  };
  if (!requested["lang/" + lang + ".js"]) {
    requested["lang/" + lang + ".js"] = true;
    // Loaded into the module map: the interface's own import finds it there.
    import(resolve("lang/" + lang + ".js", base)).catch(function () {});
  }
  var state = String(options.state || "").toUpperCase();
  var crc = M.laws && M.laws[lang] && M.laws[lang][state];
  if (M.ready && !options.place) {
    // The form, and a preset state's answers, need no engine: the
    // state's ready answers (or the choices alone) come first, and the
    // engine once they are here (ready.js): on a slow line it would
    // only hold them up.
    fetchOnce((lang === "en" ? "" : lang + "/") + "ready-" + (crc ? state : "choices") + "." + M.ready + ".json", {});
    return { lang: lang, files: files };
  }
  pinned("can_refuse_bg.wasm");
  pinned(lang === "en" ? "can-refuse.data" : lang + "/can-refuse.data");
  // A widget preset to a state needs that state's laws for its answer
  // (its checksum is checked by the engine).
  if (crc && !options.place) fetchOnce("laws-" + state + "." + crc + ".data", {});
  return { lang: lang, files: files };
}

/**
 * Says in `status` what went wrong (`kind`: load, slow or page), with a
 * button that tries again, and for a page that broke the browser's
 * built-ins, a link to the tool on its own page. In English at once (a
 * failing network may never bring the person's language file), then in
 * their language if its file loads. DOM calls only: this runs when
 * something else already failed.
 */
function explain(status, lang, kind, detail, retry) {
  var draw = function (words) {
    var line = document.createElement("span");
    line.textContent = String(words[kind] || words.load).replace("{detail}", detail || "") + " ";
    status.textContent = "";
    status.className = "status error";
    status.setAttribute("role", "alert");
    status.appendChild(line);
    if (kind === "page") {
      var link = document.createElement("a");
      link.href = base;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = words.openOwnPage;
      status.appendChild(link);
      status.appendChild(document.createTextNode(" "));
    }
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = words.retry;
    button.addEventListener("click", retry, { once: true });
    status.appendChild(button);
  };
  draw(WORDS);
  if (lang === "en") return;
  import(resolve("lang/" + lang + ".js", base)).then(function (m) {
    var t = m.default;
    if (status.className === "status error") draw({ load: t.errors.load, slow: t.errors.slow, page: t.errors.page, retry: t.retry, openOwnPage: t.openOwnPage });
  }, function () {});
}

function start(element, root, status, options) {
  if (element._canRefuseStarted) return;
  element._canRefuseStarted = true;
  attempt(element, root, status, options, 0);
}

/**
 * One try at showing the interface. "Loading…" stays until it is up; a
 * failure, or a wait past SLOW_MS, turns it into a message with a retry.
 * A retry imports ui.js afresh (a failed or stuck import is never
 * imported twice under one URL), and a stale try never draws.
 */
async function attempt(element, root, status, options, tries) {
  element._canRefuseTry = tries;
  var current = function () { return element._canRefuseTry === tries; };
  var lang = language(options).code;
  var again = function () {
    if (!current()) return;
    status.className = "status";
    status.textContent = language(options).loading;
    styles = null;
    attempt(element, root, status, options, tries + 1);
  };
  var slow = setTimeout(function () {
    if (current()) explain(status, lang, "slow", "", again);
  }, SLOW_MS);
  try {
    var fetching = early(options, lang);
    styles = styles || stylesheet(resolve("style.css", base));
    var ui = import(resolve(tries ? "ui.js?retry=" + tries : "ui.js", base));
    var css = await styles;
    var module = await ui;
    if (!current()) return;
    applyStyles(root, css);
    await module.mount(root, {
      base: base,
      host: element,
      preset: options,
      // The page's <html lang> speaks for the widget unless it has its own.
      pageLanguage: true,
      early: fetching,
      current: current,
    });
    clearTimeout(slow);
    if (current()) status.remove();
  } catch (e) {
    clearTimeout(slow);
    styles = null;
    if (current()) explain(status, lang, e && e.kind === "page" ? "page" : "load", e && e.kind === "page" ? e.message : "", again);
  }
}

/** Renders into `element` (its own shadow root), starting when seen or touched. */
function mount(element, options) {
  if (element.shadowRoot) return;
  options = options || {};
  var status = document.createElement("p");
  status.setAttribute("role", "status");
  status.className = "status";
  // A message left by an earlier try (below) goes first.
  var before = element._canRefuseNote;
  if (before && before.parentNode) before.parentNode.removeChild(before);
  var root = null;
  try {
    root = element.attachShadow({ mode: "open", delegatesFocus: true });
  } catch (e) {
    // reported below
  }
  if (!root || typeof root.appendChild !== "function") {
    // A page that broke attachShadow: the box cannot be drawn apart from
    // the page's styles, so it says so in the element itself, with the
    // tool's own page and a retry (in case the page puts it back).
    element._canRefuseNote = status;
    element.appendChild(status);
    if (!base) return void (status.textContent = WORDS.noBase);
    return explain(status, language(options).code, "page", "Element.prototype.attachShadow", function () {
      mount(element, options);
    });
  }
  status.textContent = base ? language(options).loading : WORDS.noBase;
  root.appendChild(status);
  if (!base) return;
  var go = function () {
    start(element, root, status, options);
  };
  whenSeen(element, go);
  element.addEventListener("focusin", go, { once: true });
  element.addEventListener("pointerdown", go, { once: true });
}

/** The widget's attributes, as the interface takes them. */
function attributes(element) {
  return {
    lang: element.getAttribute("lang"),
    state: element.getAttribute("state"),
    place: element.getAttribute("place"),
    agency: element.getAttribute("agency"),
    situation: element.getAttribute("situation"),
    compact: element.hasAttribute("compact"),
    share: element.getAttribute("share"),
  };
}

/** Makes <can-refuse> work: as a custom element, or where the page broke those, by mounting into the tags. */
function defineElement() {
  var registry = window.customElements;
  var defined = false;
  try {
    // This script included twice: the first one serves.
    if (registry && registry.get("can-refuse")) return;
    // The browser's own HTMLElement, whatever the page calls HTMLElement
    // (class syntax needs no global Reflect, which a page can remove).
    var Base = Object.getPrototypeOf(Object.getPrototypeOf(document.createElement("p"))).constructor;
    var CanRefuseElement = class extends Base {
      connectedCallback() {
        mount(this, attributes(this));
      }
    };
    registry.define("can-refuse", CanRefuseElement);
    // Defined is not enough: the element must also be made.
    var probe = document.createElement("can-refuse");
    defined = registry.get("can-refuse") === CanRefuseElement && Object.getPrototypeOf(probe) === CanRefuseElement.prototype;
  } catch (e) {
    defined = false;
  }
  if (!defined) {
    // A page whose customElements is missing or patched: mount into the
    // elements as they are (the tag needs no definition to hold a shadow
    // root), now and as the page adds more.
    var mountAll = function () {
      var found = document.getElementsByTagName("can-refuse");
      for (var i = 0; i < found.length; i++) mount(found[i], attributes(found[i]));
    };
    mountAll();
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
    if ("MutationObserver" in window) new MutationObserver(mountAll).observe(document.documentElement, { childList: true, subtree: true });
  }
}

defineElement();
window.CanRefuse = window.CanRefuse || { mount: mount };
