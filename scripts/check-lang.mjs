// Checks that every interface language file (www/lang/*.js) has every key of
// English, and nothing English lacks. A missing string falls back to English
// on the page; this lists it so a translator can fill it in. (The data's own
// translations are checked by `can-refuse data lang-check`.)
// Usage: node scripts/check-lang.mjs [--strict]   (--strict: exit 1 if any is missing)
import { readdirSync } from "node:fs";
import { pathToFileURL } from "node:url";

const dir = new URL("../www/lang/", import.meta.url);
const english = (await import(new URL("en.js", dir))).default;

/** Dotted paths of every string in `value`. */
const keys = (value, prefix = "") =>
  Object.entries(value).flatMap(([key, v]) =>
    v && typeof v === "object" ? keys(v, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
const at = (value, path) => path.split(".").reduce((v, k) => v?.[k], value);

const expected = keys(english);
let missingTotal = 0;
let broken = false;
for (const file of readdirSync(dir).filter((f) => f.endsWith(".js") && f !== "en.js").sort()) {
  const text = (await import(pathToFileURL(new URL(file, dir).pathname).href)).default;
  const have = keys(text);
  const missing = expected.filter((k) => typeof at(text, k) !== "string" || !at(text, k).trim());
  const extra = have.filter((k) => !expected.includes(k));
  // Placeholders such as {place} must survive translation.
  const placeholders = expected.filter((k) => {
    const wanted = (at(english, k).match(/\{\w+\}/g) ?? []).sort().join();
    const found = (String(at(text, k) ?? "").match(/\{\w+\}/g) ?? []).sort().join();
    return !missing.includes(k) && wanted !== found;
  });
  console.log(`${file}: ${expected.length - missing.length} of ${expected.length} strings; ${missing.length} missing (shown in English), ${extra.length} unknown, ${placeholders.length} with wrong placeholders`);
  for (const k of missing) console.log(`  missing      ${k}`);
  for (const k of extra) console.log(`  unknown      ${k}`);
  for (const k of placeholders) console.log(`  placeholders ${k}`);
  missingTotal += missing.length;
  broken ||= extra.length > 0 || placeholders.length > 0;
}
if (broken || (process.argv.includes("--strict") && missingTotal > 0)) process.exit(1);
