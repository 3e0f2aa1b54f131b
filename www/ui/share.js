// The question in a link. It travels in the fragment (after "#"), which
// browsers never send to a server: whoever opens the link sees the same
// question answered, and no server learns it. A version tag keeps links
// from older releases working; a link that cannot be read opens the empty
// questionnaire with a message, never an error.

const PREFIX = "can-refuse:";
const VERSION = "1";

/** Each field of the question: its key in the link and what a valid value looks like. */
const FIELDS = {
  state: ["s", /^[A-Z]{2}$/],
  county_fips: ["c", /^\d{5}$/],
  city: ["t", /^[^\u0000-\u001f]{1,100}$/],
  kind: ["k", /^(zip|city|county|state|list)$/],
  name: ["n", /^[^\u0000-\u001f]{1,140}$/],
  situation: ["q", /^[a-z][a-z-]{0,30}$/],
  agency: ["a", /^[a-z][a-z-]{0,30}$/],
  warrant: ["w", /^[a-z][a-z-]{0,30}$/],
  lang: ["l", /^[a-z]{2}$/],
  as_of: ["d", /^\d{4}-\d{2}-\d{2}$/],
  // Opened to print: 1 in its language, 2 in every language (the tool's own page prints).
  print: ["p", /^[12]$/],
};

/** The link that reopens `question` ({state, county_fips?, city?, kind, name, situation, agency?, warrant?, lang, as_of?}) on the page `base`. */
export function linkFor(base, question) {
  const params = new URLSearchParams({ v: VERSION });
  for (const [field, [key]] of Object.entries(FIELDS)) {
    const value = question[field];
    if (value != null && value !== "") params.set(key, String(value));
  }
  return `${String(base).split("#")[0]}#${PREFIX}${params}`;
}

/**
 * The question in a page's fragment: null when the fragment is not ours
 * (a partner's own anchors), `{ broken: true }` when it is ours but cannot
 * be read, else the question.
 */
export function readLink(hash) {
  const fragment = String(hash ?? "").replace(/^#/, "");
  if (!fragment.startsWith(PREFIX)) return null;
  let params;
  try {
    params = new URLSearchParams(fragment.slice(PREFIX.length));
  } catch {
    return { broken: true };
  }
  // Version 1 is the only one so far; a later release reads it as it is.
  if (params.get("v") !== VERSION) return { broken: true };
  const question = {};
  for (const [field, [key, valid]] of Object.entries(FIELDS)) {
    const value = params.get(key);
    if (value == null) continue;
    if (!valid.test(value)) return { broken: true };
    question[field] = value;
  }
  if (!question.state || !question.situation) return { broken: true };
  return question;
}

/**
 * The county a place's answer needs data for: its FIPS code; "" for a town
 * whose county is not known; undefined for a whole state.
 */
export const countyOf = (place) => place.county_fips || (place.city ? "" : undefined);

/** The question for the engine, from the answers so far. */
export function engineQuestion(session) {
  const { place } = session;
  return {
    state: place.state,
    county_fips: place.county_fips,
    city: place.city,
    agency: session.agency ?? "",
    situation: session.situation,
    warrant: session.warrant ?? undefined,
    as_of: session.asOf ?? undefined,
  };
}
