// The widget as an ES module, for partner sites that bundle or import:
//
//   import { define, mount } from "https://HOST/can-refuse/module.js";
//   define();                                   // <can-refuse> elements work
//   mount(document.querySelector("#help"), { state: "TX", lang: "es" });
//
// Its files are found beside this module (import.meta.url), never beside the
// host page. It loads the same small loader as the script tag (widget.js),
// so both ways behave the same: shadow DOM, lazy start, no requests but its
// own files.
const base = new URL(".", import.meta.url);
let loading;

/** Registers <can-refuse>; resolves once it is ready. Safe to call twice. */
export function define() {
  loading ??= new Promise((resolve, reject) => {
    if (globalThis.CanRefuse?.mount) return resolve(globalThis.CanRefuse);
    const script = document.createElement("script");
    script.src = new URL("widget.js", base).href;
    script.async = true;
    script.onload = () => (globalThis.CanRefuse?.mount ? resolve(globalThis.CanRefuse) : reject(new Error("can-refuse: widget.js did not load")));
    script.onerror = () => reject(new Error(`can-refuse: could not load ${script.src}`));
    document.head.append(script);
  });
  return loading;
}

/**
 * Renders the tool into `element` (in its own shadow root). `options` are
 * the element's attributes: lang, state, place, agency, situation, compact.
 */
export async function mount(element, options = {}) {
  const api = await define();
  api.mount(element, options);
}
