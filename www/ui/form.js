// The question form: where (places.js) and what ICE is asking, then the
// engine's answer (answer.js). The form asks only these two; the engine
// asks whatever else still matters (the agency, the kind of warrant).
import { showAnswer } from "./answer.js";
import { el, h } from "./dom.js";
import { fill, prepareDates } from "./format.js";
import { placeCombo, placeQuestion } from "./places.js";
import { countyOf, engineQuestion } from "./share.js";
import { retryButton, whenSlow } from "./watch.js";

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
  const { $, text, session, preset, ctx, redraw } = view;
  const error = $("form-error");
  /** Says what went wrong under the form; with `retry`, a button that tries again. */
  const fail = (message, retry) => {
    error.textContent = message;
    if (retry) error.append(" ", retryButton(text, retry));
    error.hidden = false;
  };
  let asking = 0;

  async function ask(moveFocus) {
    const mine = ++asking; // a newer question (or a retry) wins
    const missing = [
      [session.place, text.qState],
      [session.situation, text.qSituation],
    ].filter(([value]) => !value).map(([, label]) => label);
    if (missing.length) return fail(fill(text.missing, { fields: missing.join(" ") }));
    error.hidden = true;
    const { place } = session;
    const again = () => ask(moveFocus);
    /** A failure, in words: a trapped engine is started again, the rest asked again. */
    const failed = (e, kind) => {
      if (mine !== asking) return;
      if (e?.kind === "trap") return fail(text.errors.trap, redraw);
      fail(fill(text.errors[e?.kind ?? kind] ?? text.errors.load, { detail: e?.message ?? "" }), again);
    };
    const question = engineQuestion(session);
    try {
      // A county's or town's area (its towns, agencies, own policies) only
      // for a local answer; a state's ready answers if they cover it.
      const loading = ctx.prepare ? ctx.prepare(question, countyOf(place)) : ctx.loadState(place.state, countyOf(place));
      whenSlow(loading, () => {
        if (mine !== asking) return;
        fail(text.errors.slow, () => {
          ctx.abandon();
          again();
        });
      });
      await loading;
    } catch (e) {
      return failed(e, "network");
    }
    if (mine !== asking) return;
    try {
      const answer = ctx.evaluate(question);
      session.answered = true;
      error.hidden = true;
      showAnswer(view, answer, moveFocus, (id, option) => {
        session[id] = option;
        ask(true);
      });
      // A ready answer is checked against the engine once it is up: should
      // they differ, the engine's answer replaces it.
      ctx.confirm?.(question, answer).then(
        (differs) => differs && mine === asking && ask(false),
        () => {}, // the engine failed: the next question says so
      );
    } catch (e) {
      failed(e.kind ? e : { kind: "question", message: e.message });
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
  // The button's click, not the form's submit: a frame sandboxed without
  // allow-forms blocks a submission before any submit event, and Enter in
  // a field clicks this button too.
  $("ask").addEventListener("submit", (event) => event.preventDefault());
  $("ask").querySelector("button[type=submit]").addEventListener("click", (event) => {
    event.preventDefault();
    // A new question: the engine asks again what still matters.
    session.agency = preset.agency ?? null;
    session.warrant = null;
    ask(true);
  });
  await restore();
  prepareDates(view.lang);
  if (session.linkBroken) {
    session.linkBroken = false;
    fail(text.linkBroken);
  }
  return ask;
}
