// Words and dates for the interface: the words come from lang/*.js, the
// formats from Intl in the person's language.

/** Fills an interface string's `{name}` placeholders; an unknown one stays as is. */
export const fill = (template, values) =>
  template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));

/** An ISO date (YYYY-MM-DD) in words, in `lang`; anything else as it came. */
export function formatDate(lang, iso) {
  const parsed = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" }).format(parsed);
}
