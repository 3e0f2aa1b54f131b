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

  function start(element, root, status, options) {
    if (element._canRefuseStarted) return;
    element._canRefuseStarted = true;
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
