// Words and dates for the interface: the words come from lang/*.js, the
// formats from Intl in the person's language.

/** Fills an interface string's `{name}` placeholders; an unknown one stays as is. */
export const fill = (template, values) =>
  template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));

const formats = new Map();

/**
 * An ISO date (YYYY-MM-DD) in words, in `lang`; anything else as it came.
 * One format per language, made once: making one takes about a millisecond
 * on a slow phone, and an answer for a town shows dozens of dates.
 */
export function formatDate(lang, iso) {
  const parsed = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return iso;
  let format = formats.get(lang);
  if (!format) formats.set(lang, (format = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" })));
  return format.format(parsed);
}
