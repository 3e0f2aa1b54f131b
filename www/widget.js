/*
 * can-refuse widget loader. On any page:
 *   <script src="https://HOST/can-refuse/widget.js" async></script>
 *   <can-refuse state="TX"></can-refuse>
 * It finds its own files beside this script (never beside the host page),
 * renders inside a shadow root, loads the engine only when the widget comes
 * into view or is touched, and sends nothing anywhere but its own files.
 */
(function () {
  "use strict";
  var registry = window.customElements;
  // An old browser, or this script included twice: nothing to do.
  if (!registry || registry.get("can-refuse")) return;

  // Captured now: document.currentScript is only set while this runs. A
  // hostile page can name an element "currentScript", so check it is ours.
  var script = document.currentScript;
  var own = script && script.tagName === "SCRIPT" && script.src ? script : null;
  var base = own && new URL(own.getAttribute("data-base") || ".", own.src);
  // The release's manifest (version, languages, the engine's and data cores'
  // hashed names and integrity hashes, each language's law chunks by
  // state), written in by the build: with it, the loader starts fetching
  // everything a first answer needs at once.
  // (In a development copy it stays this string, and nothing starts early.)
  var MANIFEST = "can-refuse:manifest";
  var WORDS = {
    loading: "Loading…",
    noBase: "This widget could not find its own files. Load widget.js with a normal <script src> tag.",
    failed: "This tool could not load. Check your connection and try again.",
  };

  var styles;
  function stylesheet() {
    styles =
      styles ||
      fetch(new URL("style.css", base)).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text().then(function (css) {
          var sheet = new CSSStyleSheet();
          sheet.replaceSync(css);
          return sheet;
        });
      });
    return styles;
  }

  /**
   * The language the interface will choose (as ui/index.js does: the
   * widget's own, the page's, the browser's; English otherwise).
   */
  function language(options) {
    var langs = (MANIFEST.langs || []).map(function (l) { return l.code; });
    var wanted = [options.lang, document.documentElement.lang].concat(navigator.languages || [navigator.language]);
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i] || "").trim().toLowerCase().split(/[-_]/)[0];
      if (langs.indexOf(code) >= 0) return code;
    }
    return "en";
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
  function early(options) {
    if (typeof MANIFEST !== "object" || !MANIFEST.files) return null;
    var lang = language(options);
    var files = begun[lang] || (begun[lang] = {});
    var fetchOnce = function (name, init) {
      if (requested[name]) return;
      requested[name] = true;
      files[name] = fetch(new URL(MANIFEST.files[name] ? MANIFEST.files[name].url : name, base), init);
      files[name].catch(function () {}); // reported by the interface, which checks it
    };
    var pinned = function (name) {
      if (MANIFEST.files[name]) fetchOnce(name, { integrity: MANIFEST.files[name].integrity });
    };
    if (!requested["lang/" + lang + ".js"]) {
      requested["lang/" + lang + ".js"] = true;
      // Loaded into the module map: the interface's own import finds it there.
      import(new URL("lang/" + lang + ".js", base).href).catch(function () {});
    }
    pinned("can_refuse_bg.wasm");
    pinned(lang === "en" ? "can-refuse.data" : lang + "/can-refuse.data");
    // A widget preset to a state needs that state's laws for its answer
    // (its checksum is checked by the engine).
    var state = String(options.state || "").toUpperCase();
    var crc = MANIFEST.laws && MANIFEST.laws[lang] && MANIFEST.laws[lang][state];
    if (crc && !options.place) fetchOnce("laws-" + state + "." + crc + ".data", {});
    return { lang: lang, files: files };
  }

  function start(element, root, status, options) {
    if (element._canRefuseStarted) return;
    element._canRefuseStarted = true;
    var fetching = early(options);
    Promise.all([stylesheet(), import(new URL("ui.js", base).href)])
      .then(function (loaded) {
        root.adoptedStyleSheets = [loaded[0]];
        status.remove();
        return loaded[1].mount(root, {
          base: base,
          host: element,
          preset: options,
          // The page's <html lang> speaks for the widget unless it has its own.
          pageLanguage: true,
          early: fetching,
        });
      })
      .catch(function () {
        status.textContent = WORDS.failed;
      });
  }

  /** Renders into `element` (its own shadow root), starting when seen or touched. */
  function mount(element, options) {
    if (element.shadowRoot) return;
    var root = element.attachShadow({ mode: "open", delegatesFocus: true });
    var status = document.createElement("p");
    status.setAttribute("role", "status");
    status.textContent = base ? WORDS.loading : WORDS.noBase;
    root.append(status);
    if (!base) return;
    var go = function () {
      start(element, root, status, options || {});
    };
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; })) {
          observer.disconnect();
          go();
        }
      });
      observer.observe(element);
    } else {
      go();
    }
    element.addEventListener("focusin", go, { once: true });
    element.addEventListener("pointerdown", go, { once: true });
  }

  function CanRefuseElement() {
    return Reflect.construct(HTMLElement, [], CanRefuseElement);
  }
  CanRefuseElement.prototype = Object.create(HTMLElement.prototype);
  CanRefuseElement.prototype.constructor = CanRefuseElement;
  CanRefuseElement.prototype.connectedCallback = function () {
    mount(this, {
      lang: this.getAttribute("lang"),
      state: this.getAttribute("state"),
      place: this.getAttribute("place"),
      agency: this.getAttribute("agency"),
      situation: this.getAttribute("situation"),
      compact: this.hasAttribute("compact"),
    });
  };
  Object.setPrototypeOf(CanRefuseElement, HTMLElement);
  registry.define("can-refuse", CanRefuseElement);

  window.CanRefuse = window.CanRefuse || { mount: mount };
})();
