// "Where do you live?": a combobox over the engine's places (ZIP codes,
// towns, counties, states), and beside it the list of states for those who
// would rather pick one. The places and their names come from the engine;
// every word around them from the language file.
import { el, h } from "./dom.js";
import { fill } from "./format.js";
import { countyOf } from "./share.js";
import { whenSlow } from "./watch.js";

/** The longest place name worth searching for (a pasted page is not a place). */
const LONGEST = 100;

/** The place question's markup. */
export function placeQuestion(text) {
  return h(
    "div",
    { class: "question" },
    h("label", { for: "place", text: text.qState }),
    h("p", { id: "place-hint", class: "hint", text: text.placeHint }),
    h(
      "div",
      { class: "combo" },
      h("input", {
        id: "place", type: "text", role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false",
        "aria-controls": "place-list", "aria-describedby": "place-hint", autocomplete: "off", spellcheck: "false", maxlength: LONGEST,
      }),
      h("ul", { id: "place-list", role: "listbox", hidden: true }),
    ),
    h("p", { id: "place-chosen", class: "chosen", "aria-live": "polite" }),
    h("label", { for: "state", class: "secondary", text: text.orState }),
    h("select", { id: "state", name: "state", required: true }, h("option", { value: "", text: text.pickState })),
  );
}

/**
 * Wires the place question to the engine's `states` and places: a place
 * typed and chosen, or a state picked from the list, becomes
 * `session.place`, and its data starts loading ahead of the answer. Returns
 * `restore()`, which puts back the place so far, else the widget's `place`
 * (a ZIP code or a name) or `state` attribute.
 */
export function placeCombo({ $, text, session, preset, ctx }, states) {
  const input = $("place");
  const list = $("place-list");
  const select = $("state");
  let options = [];
  let active = -1;

  for (const { id, label } of states) select.append(h("option", { value: id, text: label }));
  const placeLabel = (p) => (p.kind === "state" ? fill(text.wholeState, { state: p.name }) : p.name);
  const showPlace = () => {
    $("place-chosen").textContent = session.place ? fill(text.chosen, { place: placeLabel(session.place) }) : "";
  };

  const showHint = (message) => {
    list.replaceChildren(el("li", "hint-item", message));
    list.hidden = false;
    input.setAttribute("aria-expanded", "false");
  };
  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const highlight = (index) => {
    active = index;
    list.querySelectorAll("[role=option]").forEach((option, i) => {
      option.setAttribute("aria-selected", String(i === index));
      if (i === index) {
        input.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
      }
    });
  };
  const choose = (match) => {
    session.place = { state: match.state, county_fips: match.county_fips || undefined, city: match.city ?? undefined, kind: match.kind, name: match.label };
    ctx.loadState(match.state, countyOf(session.place)).catch(() => {}); // get ahead of the answer
    input.value = placeLabel(session.place);
    select.value = match.state;
    showPlace();
    close();
  };
  const suggest = async () => {
    const typed = input.value.trim().slice(0, LONGEST);
    if (typed.length < 2) return close();
    if (ctx.whenReady) {
      // Ready answers are up, the engine that searches places not yet.
      showHint(text.loadingPlaces);
      try {
        await ctx.whenReady();
      } catch {
        return showHint(text.placesFailed);
      }
      if (input.value.trim().slice(0, LONGEST) !== typed) return;
    }
    const needed = ctx.filesForText(typed);
    if (needed.length) {
      showHint(text.loadingPlaces);
      const loading = ctx.load(needed);
      whenSlow(loading, () => {
        if (input.value.trim().slice(0, LONGEST) !== typed) return;
        ctx.abandon(); // the next keystroke fetches afresh
        showHint(text.errors.slow);
      });
      try {
        await loading;
      } catch {
        return showHint(text.placesFailed);
      }
      if (input.value.trim().slice(0, LONGEST) !== typed) return; // typed on while loading
    }
    options = ctx.searchPlaces(typed, 8);
    // A few letters may not be enough to find a town yet (busy first
    // letters, such as "Ma" or "Cit", are searched from the next): keep typing.
    if (!options.length) return typed.length < 4 ? close() : showHint(text.noPlaces);
    list.replaceChildren(
      ...options.map((match, i) => {
        const option = el("li", "option", match.kind === "state" ? fill(text.wholeState, { state: match.label }) : match.label);
        option.id = `place-option-${i}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus in the input
        option.addEventListener("click", () => choose(match));
        return option;
      }),
    );
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    highlight(-1);
  };

  input.addEventListener("input", () => {
    session.place = null;
    showPlace();
    suggest();
  });
  input.addEventListener("keydown", (event) => {
    if (list.hidden || !options.length) return;
    if (event.key === "ArrowDown") highlight(Math.min(active + 1, options.length - 1));
    else if (event.key === "ArrowUp") highlight(Math.max(active - 1, 0));
    else if (event.key === "Enter" && active >= 0) choose(options[active]);
    else if (event.key === "Escape") close();
    else return;
    event.preventDefault();
  });
  input.addEventListener("blur", close);
  select.addEventListener("change", () => {
    const option = select.selectedOptions[0];
    session.place = select.value ? { state: select.value, kind: "list", name: option.textContent } : null;
    if (session.place) ctx.loadState(session.place.state).catch(() => {});
    input.value = "";
    showPlace();
  });

  return async function restore() {
    if (!session.place && preset.place) {
      const typed = String(preset.place).trim().slice(0, LONGEST);
      try {
        await ctx.load(ctx.filesForText(typed));
        const [match] = ctx.searchPlaces(typed, 1);
        if (match) choose(match);
        else input.value = typed;
      } catch {
        input.value = typed; // offline or a bad chunk: the person can still pick
      }
    }
    if (session.place) {
      select.value = session.place.state;
      // A state from the list is named in the language just chosen.
      if (session.place.kind === "list") session.place.name = select.selectedOptions[0]?.textContent ?? session.place.name;
      else input.value = placeLabel(session.place);
      showPlace();
    } else if (preset.state && states.some((s) => s.id === preset.state.toUpperCase())) {
      select.value = preset.state.toUpperCase();
      select.dispatchEvent(new Event("change"));
    }
  };
}
