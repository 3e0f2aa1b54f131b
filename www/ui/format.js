// Words and dates for the interface: the words come from lang/*.js, the
// formats from Intl in the person's language.
import { browserOwn } from "../clean.js";

/** Fills an interface string's `{name}` placeholders; an unknown one stays as is. */
export const fill = (template, values) =>
  template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));

const formats = new Map();
const formatted = new Map();

/**
 * An ISO date (YYYY-MM-DD) in words, in `lang`; anything else as it came.
 * Each date is worded once per language, with one format per language:
 * on a slow phone making a format takes about a millisecond and using it
 * nearly as long, and an answer for a town shows dozens of dates, most of
 * them the same few days.
 */
export function formatDate(lang, iso) {
  const key = `${lang} ${iso}`;
  let words = formatted.get(key);
  if (words === undefined) {
    const parsed = new Date(`${iso}T00:00:00Z`);
    if (Number.isNaN(parsed.getTime())) return iso;
    let format = formats.get(lang);
    if (format === undefined) formats.set(lang, (format = dateFormat(lang)));
    // With no working Intl at all: the date as written, never a failed answer.
    words = format ? format.format(parsed) : iso;
    formatted.set(key, words);
  }
  return words;
}

/** What `make` returns, or null if it throws. */
const attempt = (make) => {
  try {
    return make();
  } catch {
    return null;
  }
};

/**
 * `lang`'s long date format: from the page's Intl, or where the page broke
 * it the browser's own (made only then: it takes a hidden frame); null if
 * neither works.
 */
function dateFormat(lang) {
  const from = (I) => {
    const format = new I.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" });
    return typeof format.format(new Date(0)) === "string" ? format : null;
  };
  return attempt(() => from(Intl)) ?? attempt(() => from(browserOwn("Intl")));
}

/** A count in `lang`'s digits (as it came on a page with no working Intl). */
export const formatNumber = (lang, count) =>
  attempt(() => new Intl.NumberFormat(lang).format(count)) ?? attempt(() => new (browserOwn("Intl").NumberFormat)(lang).format(count)) ?? String(count);

/**
 * Makes `lang`'s date format once the page is idle, ahead of the first
 * answer: the first format a page makes loads the browser's calendar data,
 * about 70 ms on a slow phone, which would otherwise come after the click.
 */
export function prepareDates(lang) {
  try {
    const later = typeof requestIdleCallback === "function" ? requestIdleCallback : (run) => setTimeout(run, 50);
    later(() => {
      try {
        formatDate(lang, "2000-01-01");
      } catch {
        // Only a head start: formatDate words the date anyway.
      }
    });
  } catch {
    // Only a head start: the answer makes the format if this could not.
  }
}
