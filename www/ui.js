// The questionnaire, as the demo page (app.js), the widget (widget.js) and
// module.js load it. The build bundles this with ui/ and engine.js into the
// one file dist/ui.js, so the page makes the same requests as ever; the
// engine (./can_refuse.js), the manifest and the language files stay
// separate files beside it.
export { mount } from "./ui/index.js";
