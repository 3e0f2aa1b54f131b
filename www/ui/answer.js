// The answer: the verdict and headline, what would change it (caveats), the
// engine's follow-up question, the person's rights (notes), the reasons
// layer by layer with their sources, and the dates. Every verdict, reason
// and source comes from the engine; the words around them from the language
// file.
import { el, h } from "./dom.js";
import { fill, formatDate, formatNumber } from "./format.js";
import { engineFor, LANGUAGES, loadText } from "../engine.js";

/** The answer's markup, empty and hidden until there is an answer. */
export function answerSection(text) {
  return h(
    "section",
    { id: "answer", hidden: true, "aria-labelledby": "headline" },
    h("p", { class: "verdict", id: "verdict" }),
    h("h2", { id: "headline", tabindex: "-1" }),
    h("p", { class: "meaning", id: "meaning" }),
    h("p", { class: "place", id: "answer-place" }),
    h("div", { id: "caveats" }),
    h(
      "div",
      { id: "follow-up", class: "follow-up", role: "group", "aria-labelledby": "follow-up-text", hidden: true },
      h("p", { id: "follow-up-text", tabindex: "-1" }),
      h("div", { id: "follow-up-options", class: "follow-up-options" }),
    ),
    h("div", { id: "notes" }),
    h("h3", { text: text.why }),
    h("ol", { id: "reasons", class: "reasons" }),
    h("details", { id: "other", class: "other", hidden: true }, h("summary", { id: "other-summary" }), h("ol", { id: "other-reasons", class: "reasons" })),
    h("p", { class: "dates", id: "dates" }),
    h("p", { class: "disclaimer", id: "disclaimer" }),
    // Filled once an answer is shown, by takeaway.js (loaded then).
    h("div", { class: "takeaway", id: "takeaway" }),
  );
}

/**
 * Shows the engine's `answer`. `reply(id, option)` answers its follow-up
 * question (agency, warrant) and asks again. `moveFocus` is false when the
 * answer is only redrawn (a change of language).
 */
export function showAnswer(view, answer, moveFocus, reply) {
  const { $, lang, text, host } = view;
  const date = (iso) => formatDate(lang, iso);

  /** Sources as a list of links with their dates. */
  function sourceList(sources) {
    const list = el("ul", "sources");
    for (const source of sources) {
      const link = h("a", { href: source.url, rel: "noopener noreferrer", target: "_blank", text: source.title });
      const dates = [source.effective && `${text.inForceSince} ${date(source.effective)}`, `${text.checked} ${date(source.verified)}`].filter(Boolean);
      list.append(h("li", {}, link, el("span", "source-dates", ` (${dates.join(", ")})`)));
    }
    return list;
  }

  /** The question the engine still has (agency, warrant), as buttons that ask again. */
  function showFollowUp(question) {
    const box = $("follow-up");
    box.hidden = !question;
    if (!question) return;
    $("follow-up-text").textContent = question.text;
    $("follow-up-options").replaceChildren(
      ...question.options.map((option) => {
        const button = el("button", "follow-up-option", option.label);
        button.type = "button";
        button.addEventListener("click", () => reply(question.id, option.id));
        return button;
      }),
    );
  }

  const j = answer.jurisdiction;
  const verdict = text.verdicts[answer.verdict] ?? answer.verdict;
  $("verdict").textContent = verdict;
  $("verdict").dataset.verdict = answer.verdict;
  $("headline").textContent = answer.headline;
  $("meaning").textContent = answer.meaning;
  showFollowUp(answer.next_question);
  // What would change the answer (a judge's warrant, a pending law)
  // sits under it; the person's own rights follow.
  const notes = (list, kind) => list.map((note) => h("section", { class: kind }, el("h3", null, note.title), el("p", null, note.text), sourceList(note.sources)));
  $("caveats").replaceChildren(...notes(answer.caveats ?? [], "note caveat"));
  $("notes").replaceChildren(...notes(answer.notes, "note"));
  const where = [j.city, j.county, j.state_name].filter(Boolean).join(", ");
  $("answer-place").textContent = [where, j.agency_label, j.situation_label].join(" · ");

  // What decides the answer (and the engine's own notes) first; the laws
  // that were checked but do not decide it, folded away below.
  const list = $("reasons");
  const other = $("other-reasons");
  list.replaceChildren();
  other.replaceChildren();
  for (const reason of answer.reasons) {
    const item = el("li", reason.applies ? "reason applies" : "reason");
    const head = el("p", "reason-head");
    head.append(el("span", "level", text.levels[reason.level] ?? reason.level));
    head.append(el("span", "standing", reason.applies ? text.applies : text.doesNotDecide));
    item.append(head);
    if (reason.title) item.append(el("p", "reason-title", reason.title));
    item.append(el("p", "reason-text", reason.text));
    if (reason.note) item.append(el("p", "reason-note", reason.note));
    if (reason.sources.length) item.append(sourceList(reason.sources));
    (reason.applies || !reason.rule ? list : other).append(item);
  }
  $("other").hidden = !other.children.length;
  $("other-summary").textContent = fill(text.otherChecked, { count: formatNumber(lang, other.children.length) });
  $("dates").textContent = fill(text.lawAsOf, { date: date(answer.as_of), data: date(answer.data_as_of) });
  $("disclaimer").textContent = answer.disclaimer;
  $("answer").dataset.state = j.state;
  $("answer").hidden = false;
  // The link and print buttons load after the answer is on screen, not before.
  import(new URL("takeaway.js", view.base).href).then(
    ({ showTakeaway }) => showTakeaway({ ...view, engine: { engineFor, LANGUAGES, loadText } }, answer, view.canPrint),
    () => {}, // offline without it: the answer stands on its own
  );
  // Focus goes to the engine's next question if it has one, else to the answer.
  if (moveFocus) $(answer.next_question ? "follow-up-text" : "headline").focus();
  $("announce").textContent = [`${verdict}.`, answer.headline, answer.next_question?.text].filter(Boolean).join(" ");
  // Tell the host page the verdict (never where the person lives).
  host?.dispatchEvent(
    new CustomEvent("answer", { bubbles: true, composed: true, detail: { verdict: answer.verdict, situation: j.situation, agency: j.agency } }),
  );
}
