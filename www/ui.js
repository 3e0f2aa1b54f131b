// The questionnaire, as the demo page (app.js), the widget (widget.js) and
// module.js load it. The build (scripts/manifest.mjs) bundles this with ui/,
// engine.js, the wasm glue (./can_refuse.js) and the manifest into the one
// file dist/ui.js: one request. The language files stay separate files
// beside it (a page loads one), and so do the engine's wasm and the data.
export { mount } from "./ui/index.js";
