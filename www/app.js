// The demo page: the questionnaire, mounted into the page itself.
import { mount } from "./ui.js";

mount(document.getElementById("app"), { heading: null });
