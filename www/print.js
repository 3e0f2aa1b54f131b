// The answer card: one printed page (US Letter or A4) in the answer's
// language, or two languages side by side to cut apart and hand out. The
// place and question, the verdict in large type, the reasons that decide
// it with a source line each, the rights notes, the dates, "not legal
// advice", and a QR code of the link that reopens the answer. Black on
// white, readable without color. Loaded only when someone prints: the
// build bundles it with its QR code library into dist/print.js, apart from
// the interface (every byte of the first answer counts).
import qrcode from "qrcode-generator";
import { fill, formatDate } from "./ui/format.js";

const SVG = "http://www.w3.org/2000/svg";
/** At most this many deciding reasons on a card (the link has them all). */
const REASONS = 3;

/** An element with a class and text (never markup). */
function el(doc, tag, className, text) {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

/** The link as a QR code: an SVG of dark squares with a quiet zone, drawn from the code's modules. */
function qrCode(doc, link, label) {
  const qr = qrcode(0, "M");
  qr.addData(link, "Byte");
  qr.make();
  const count = qr.getModuleCount();
  const quiet = 4;
  const size = count + 2 * quiet;
  let path = "";
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.isDark(row, col)) path += `M${col + quiet} ${row + quiet}h1v1h-1z`;
    }
  }
  const svg = doc.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("class", "qr");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("shape-rendering", "crispEdges");
  const background = doc.createElementNS(SVG, "rect");
  background.setAttribute("width", String(size));
  background.setAttribute("height", String(size));
  background.setAttribute("fill", "#fff");
  const dark = doc.createElementNS(SVG, "path");
  dark.setAttribute("d", path);
  dark.setAttribute("fill", "#000");
  svg.append(background, dark);
  return svg;
}

/** One language's card. */
function card(doc, { lang, text, answer }, link) {
  const j = answer.jurisdiction;
  const section = el(doc, "section", "card");
  section.lang = lang;
  section.append(
    el(doc, "p", "card-title", text.title),
    el(doc, "p", "card-where", [j.city, j.county, j.state_name].filter(Boolean).join(", ")),
    el(doc, "p", "card-question", `${text.cardQuestion}: ${[j.agency_label, j.situation_label].filter(Boolean).join(" · ")}`),
    el(doc, "p", "card-verdict", text.verdicts[answer.verdict] ?? answer.verdict),
    el(doc, "p", "card-headline", answer.headline),
  );
  const reasons = el(doc, "ol", "card-reasons");
  for (const reason of answer.reasons.filter((r) => r.applies).slice(0, REASONS)) {
    const item = el(doc, "li");
    item.append(el(doc, "strong", null, `${text.levels[reason.level] ?? reason.level}: `), doc.createTextNode(reason.text));
    const source = reason.sources[0];
    if (source) item.append(el(doc, "span", "card-source", `${source.title} (${text.checked} ${formatDate(lang, source.verified)})`));
    reasons.append(item);
  }
  section.append(reasons);
  for (const note of [...(answer.caveats ?? []), ...answer.notes]) {
    const box = el(doc, "div", "card-note");
    box.append(el(doc, "strong", null, note.title), el(doc, "p", null, note.text));
    section.append(box);
  }
  const foot = el(doc, "div", "card-foot");
  const words = el(doc, "div", "card-words");
  words.append(
    el(doc, "p", "card-dates", fill(text.lawAsOf, { date: formatDate(lang, answer.as_of), data: formatDate(lang, answer.data_as_of) })),
    el(doc, "p", "card-disclaimer", answer.disclaimer),
    el(doc, "p", "card-scan", text.cardScan),
    el(doc, "p", "card-link", link),
  );
  foot.append(qrCode(doc, link, text.cardScan), words);
  section.append(foot);
  return section;
}

/**
 * Draws the card for `cards` ([{lang, text, answer}], one or two
 * languages) into `doc` and opens the browser's print dialog. The card is
 * shown only to the printer (style.css), so the page stays as it was.
 */
export function printCard(doc, cards, link) {
  doc.getElementById("print-card")?.remove();
  const sheet = el(doc, "div", cards.length > 1 ? "print-card two" : "print-card one");
  sheet.id = "print-card";
  for (const one of cards) sheet.append(card(doc, one, link));
  doc.body.append(sheet);
  doc.defaultView?.requestAnimationFrame(() => doc.defaultView.print());
}
