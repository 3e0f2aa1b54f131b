// The question form: where (places.js) and what ICE is asking, then the
// engine's answer (answer.js). The form asks only these two; the engine
// asks whatever else still matters (the agency, the kind of warrant).
import { showAnswer } from "./answer.js";
import { el, h } from "./dom.js";
import { fill } from "./format.js";
import { placeCombo, placeQuestion } from "./places.js";

/** The form's markup, hidden until the engine is ready. */
export function questionForm(text) {
  return h(
    "form",
    { id: "ask", hidden: true, novalidate: true },
    placeQuestion(text),
    h("fieldset", { class: "question", id: "situation" }, h("legend", { text: text.qSituation })),
    h("p", { id: "form-error", class: "error", role: "alert", hidden: true }),
    h("button", { type: "submit", class: "submit", text: text.submit }),
  );
}

/**
 * Fills the form with the engine's choices and wires it; resolves once the
 * answers so far (or the widget's attributes) are back in it, with
 * `ask(moveFocus)`, which answers the question as it stands.
 */
export async function startForm(view) {
  const { $, text, session, preset, ctx } = view;
  const error = $("form-error");
  const fail = (message) => {
    error.textContent = message;
    error.hidden = false;
  };

  async function ask(moveFocus) {
    const missing = [
      [session.place, text.qState],
      [session.situation, text.qSituation],
    ].filter(([value]) => !value).map(([, label]) => label);
    if (missing.length) return fail(fill(text.missing, { fields: missing.join(" ") }));
    error.hidden = true;
    const { place } = session;
    try {
      // Counties, towns and their agencies are needed only for a local answer.
      await ctx.loadState(place.state, Boolean(place.county_fips || place.city));
    } catch (e) {
      return fail(fill(text.errors[e.kind ?? "network"], { detail: e.message }));
    }
    try {
      const answer = ctx.evaluate({
        state: place.state,
        county_fips: place.county_fips,
        city: place.city,
        agency: session.agency ?? "",
        situation: session.situation,
        warrant: session.warrant ?? undefined,
      });
      session.answered = true;
      showAnswer(view, answer, moveFocus, (id, option) => {
        session[id] = option;
        ask(true);
      });
    } catch (e) {
      fail(fill(text.errors.question, { detail: e.message }));
    }
  }

  const options = ctx.options();
  // A widget attribute the engine does not know is ignored, not an error.
  if (session.situation && !options.situations.some((o) => o.id === session.situation)) session.situation = null;
  if (preset.agency && !options.agencies.some((o) => o.id === preset.agency)) {
    if (session.agency === preset.agency) session.agency = null;
    preset.agency = null;
  }
  const restore = placeCombo(view, options.states);
  for (const { id, label } of options.situations) {
    const input = h("input", { type: "radio", name: "situation", value: id, required: true });
    input.checked = id === session.situation;
    input.addEventListener("change", () => (session.situation = id));
    $("situation").append(h("label", { class: "choice" }, input, el("span", null, label)));
  }
  $("ask").addEventListener("submit", (event) => {
    event.preventDefault();
    // A new question: the engine asks again what still matters.
    session.agency = preset.agency ?? null;
    session.warrant = null;
    ask(true);
  });
  await restore();
  return ask;
}
