// The county map: every county coloured, and patterned, by the engine's
// verdict for a chosen agency, situation and date (the open data's map
// files, data/v1/map/), with a legend in words, a table of the same data,
// and a click that opens the county's full answer on the tool's page. The
// shapes are the Census Bureau's 2023 counties, already projected (the
// us-atlas-2023 package), drawn with d3-geo; all of it loads only here.
import { geoPath } from "d3-geo";
import { feature, mesh } from "topojson-client";
import manifest from "./manifest.js";
import { h } from "./ui/dom.js";
import { fill } from "./ui/format.js";
import { linkFor } from "./ui/share.js";

const SVG = "http://www.w3.org/2000/svg";
const ORDER = ["must_refuse", "mixed", "may_refuse", "must_cooperate", "unknown"];

/** The first of the release's languages the browser asks for. */
function language() {
  const codes = (manifest.langs ?? [{ code: "en" }]).map((l) => l.code);
  for (const tag of navigator.languages ?? [navigator.language]) {
    const code = String(tag ?? "").toLowerCase().split(/[-_]/)[0];
    if (codes.includes(code)) return code;
  }
  return "en";
}

const getJson = async (path) => {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
};

/** An SVG element with attributes. */
function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  return node;
}

/** A fill pattern per verdict, so the map reads without colour too. */
function patterns() {
  const defs = svg("defs");
  const add = (id, color, draw) => {
    const pattern = svg("pattern", { id: `p-${id}`, width: 6, height: 6, patternUnits: "userSpaceOnUse" });
    pattern.append(svg("rect", { width: 6, height: 6, fill: color }), ...draw());
    defs.append(pattern);
  };
  const line = (d, stroke = "#fff") => svg("path", { d, stroke, "stroke-width": 1.2 });
  add("must_refuse", "#1b5e20", () => []);
  add("mixed", "#f9a825", () => [svg("circle", { cx: 3, cy: 3, r: 1.2, fill: "#5d4037" })]);
  add("may_refuse", "#90caf9", () => [line("M0 6L6 0", "#0d47a1")]);
  add("must_cooperate", "#b71c1c", () => [line("M0 0L6 6"), line("M0 6L6 0")]);
  add("unknown", "#eeeeee", () => [line("M0 3H6", "#757575")]);
  return defs;
}

/** A legend's sample of a verdict's fill (the map's own patterns). */
function swatch(verdict) {
  const sample = svg("svg", { width: 18, height: 18, "aria-hidden": "true", class: "swatch" });
  sample.append(svg("rect", { width: 18, height: 18, fill: `url(#p-${verdict})`, stroke: "#333" }));
  return sample;
}

async function start() {
  const lang = language();
  const text = (await import(`./lang/${lang}.js`)).default;
  const words = text.map;
  document.documentElement.lang = lang;
  document.title = words.title;
  document.getElementById("map-title").textContent = words.title;
  document.getElementById("back").textContent = text.title;
  const [index, atlas] = await Promise.all([getJson("data/v1/map/index.json"), getJson("map/counties-albers-10m.json")]);
  const page = document.getElementById("map-page");
  const status = document.getElementById("map-status");

  const choose = (id, label, options) =>
    h("label", { class: "map-choice" }, label, h("select", { id }, ...options.map(([value, name]) => h("option", { value, text: name }))));
  const controls = h(
    "div",
    { class: "map-controls" },
    choose("map-agency", words.agency, index.agencies.map((a) => [a, words.agencies[a] ?? a])),
    choose("map-situation", words.situation, index.situations.map((s) => [s, words.situations[s] ?? s])),
    choose("map-date", words.date, index.dates.map((d) => [d, d])),
  );
  controls.querySelector("#map-agency").value = "sheriff";
  controls.querySelector("#map-situation").value = "detainer";
  const legend = h("ul", { class: "map-legend", id: "map-legend" });
  const drawing = svg("svg", { viewBox: "0 0 975 610", class: "map", role: "img", "aria-labelledby": "map-title" });
  drawing.append(patterns());
  const path = geoPath();
  const counties = feature(atlas, atlas.objects.counties).features;
  const shapes = new Map();
  for (const county of counties) {
    const shape = svg("path", { d: path(county), "data-fips": county.id, tabindex: "-1" });
    const title = svg("title");
    shape.append(title);
    shapes.set(county.id, { shape, title });
    drawing.append(shape);
  }
  drawing.append(svg("path", { d: path(mesh(atlas, atlas.objects.states, (a, b) => a !== b)), class: "map-states" }));
  const table = h("tbody", { id: "map-rows" });
  page.append(
    controls,
    legend,
    drawing,
    h("p", { class: "hint", text: words.click }),
    h("details", { class: "map-table" }, h("summary", { text: words.table }),
      h("table", {}, h("thead", {}, h("tr", {}, ...[words.state, words.county, words.verdict].map((t) => h("th", { scope: "col", text: t })))), table)),
    h("p", { class: "disclaimer", id: "map-dates" }),
  );

  const files = new Map();
  const verdictsOn = (date) => {
    if (!files.has(date)) files.set(date, getJson(`data/v1/map/${date}.json`));
    return files.get(date);
  };
  const column = (agency, situation) => index.agencies.indexOf(agency) * index.situations.length + index.situations.indexOf(situation);
  /** Colours the map, the legend and the table for the choices made. */
  async function draw() {
    const agency = controls.querySelector("#map-agency").value;
    const situation = controls.querySelector("#map-situation").value;
    const date = controls.querySelector("#map-date").value;
    const { verdicts } = await verdictsOn(date);
    const at = column(agency, situation);
    const counts = {};
    const rows = [];
    for (const [fips, [name, state]] of Object.entries(index.counties)) {
      const verdict = index.letters[verdicts[fips]?.[at]] ?? "unknown";
      counts[verdict] = (counts[verdict] ?? 0) + 1;
      const words_ = text.verdicts[verdict];
      const found = shapes.get(fips);
      if (found) {
        found.shape.setAttribute("data-verdict", verdict);
        found.shape.setAttribute("fill", `url(#p-${verdict})`);
        found.title.textContent = `${name}, ${state}: ${words_}`;
      }
      const link = linkFor(new URL("./", location.href), { state, county_fips: fips, kind: "county", name: `${name}, ${state}`, situation, agency, lang, as_of: date === index.data_as_of ? undefined : date });
      rows.push(h("tr", { "data-fips": fips, "data-verdict": verdict }, h("td", { text: state }), h("th", { scope: "row" }, h("a", { href: link, text: name })), h("td", { text: words_ })));
      if (found) found.shape.dataset.link = link;
    }
    table.replaceChildren(...rows);
    legend.replaceChildren(
      ...ORDER.map((v) =>
        h("li", {}, swatch(v), `${text.verdicts[v]}: ${new Intl.NumberFormat(lang).format(counts[v] ?? 0)}`),
      ),
    );
    document.getElementById("map-dates").textContent = fill(words.about, { date, data: index.data_as_of });
    status.hidden = true;
  }
  drawing.addEventListener("click", (event) => {
    const link = event.target?.dataset?.link;
    if (link) location.href = link;
  });
  controls.addEventListener("change", () => draw().catch(fail));
  await draw();
}

function fail(error) {
  const status = document.getElementById("map-status");
  status.hidden = false;
  status.className = "status error";
  status.textContent = `${error?.message ?? error}`;
}

start().catch(fail);
