// types.js: the ACLED event types, their colours and glyphs, the marker
// and cluster icons built from them, and the map legend.
import { el, svg } from "./dom.js";

// TYPES lists every event type in display order with its colour and a
// glyph drawn as SVG path data on a 16×16 grid (white on the colour).
export const TYPES = [
  { name: "Battles", short: "Battles", color: "#c62828", glyph: { d: "M3 3l10 10M13 3L3 13M2 10l4 4M14 10l-4 4", stroke: true } },
  { name: "Explosions/Remote violence", short: "Explosions", color: "#ef6c00", glyph: { d: "M8 1l1.6 4.2L14 4l-2.6 3.6L15 10l-4.4.3L11 15 8 11.6 5 15l.4-4.7L1 10l3.6-2.4L2 4l4.4 1.2z" } },
  { name: "Violence against civilians", short: "Violence vs civilians", color: "#6a1b9a", glyph: { d: "M8 1.5a2.3 2.3 0 1 1 0 4.6 2.3 2.3 0 0 1 0-4.6zM4.5 14.5l1-6.5h5l1 6.5h-2l-.8-4h-1.4l-.8 4z" } },
  { name: "Protests", short: "Protests", color: "#1565c0", glyph: { d: "M4 2v12M4 2.5h8.5l-2 3 2 3H4", stroke: true } },
  { name: "Riots", short: "Riots", color: "#00897b", glyph: { d: "M8 1c1 3 4 4.5 4 8.3A4 4 0 0 1 8 15a4 4 0 0 1-4-5.7c.3 1.4 1.2 2 1.8 2C5 8 7.5 5.5 8 1z" } },
  { name: "Strategic developments", short: "Strategic dev.", color: "#795548", glyph: { d: "M8 1.5l6.5 6.5L8 14.5 1.5 8z" } },
  { name: "Mention", short: "Mention", color: "#78909c", glyph: { d: "M8 4.5a3.5 3.5 0 1 1 0 7 3.5 3.5 0 0 1 0-7z" } },
];

// SUBTYPES are ACLED's sub-event types of each type (codebook, 2019 on),
// in the codebook's order, for the sub-type filter.
export const SUBTYPES = {
  Battles: ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
  "Explosions/Remote violence": ["Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"],
  "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
  Protests: ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
  Riots: ["Violent demonstration", "Mob violence"],
  "Strategic developments": ["Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use", "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory", "Other"],
};

// MENTION is the pseudo-type of a place named where nothing happens: hidden
// unless the reader asks for it, as the API hides it unless asked.
export const MENTION = "Mention";

// DEFAULT_TYPES are the types shown when the filter is left alone: every
// ACLED type, no plain mentions.
export const DEFAULT_TYPES = TYPES.filter((t) => t.name !== MENTION).map((t) => t.name);

const BY_NAME = new Map(TYPES.map((t) => [t.name, t]));
const OTHER = { name: "Other", short: "Other", color: "#546e7a", glyph: TYPES[TYPES.length - 1].glyph };

// typeStyle returns the style of an event type (unknown types get a neutral one).
export function typeStyle(name) {
  return BY_NAME.get(name) || OTHER;
}

// glyph returns the SVG icon of a type.
export function glyph(t) {
  const path = t.glyph.stroke
    ? svg("path", { d: t.glyph.d, fill: "none", stroke: "#fff", "stroke-width": "2", "stroke-linecap": "round", "stroke-linejoin": "round" })
    : svg("path", { d: t.glyph.d, fill: "#fff" });
  return svg("svg", { viewBox: "0 0 16 16", "aria-hidden": "true", focusable: "false" }, path);
}

// dot returns the coloured disc with the type's glyph used for markers,
// the legend and the feed.
export function dot(typeName, extraClass = "") {
  const t = typeStyle(typeName);
  const d = el("span", { class: `ev-dot ${extraClass}`.trim(), title: t.name }, glyph(t));
  d.style.background = t.color;
  return d;
}

// PRECISIONS are ACLED's geo_precision codes as the map draws them: a
// plain disc for an exact place, a dashed rim for a place near or part of
// a region, a wide pale halo for an event placed at its province or
// country (the point is a centroid, not where it happened).
export const PRECISIONS = [
  { code: 1, name: "exact", label: "exact place" },
  { code: 2, name: "near", label: "near the place (approximate)" },
  { code: 3, name: "region", label: "province or country only" },
];

// precisionOf returns the PRECISIONS entry of a geo_precision code
// (unknown codes are drawn as exact).
export function precisionOf(code) {
  return PRECISIONS.find((p) => p.code === Number(code)) || PRECISIONS[0];
}

// markerSize is an event marker's diameter in pixels: 26, growing with
// the logarithm of the fatalities up to 40.
export function markerSize(fatalities) {
  const f = Math.max(0, Number(fatalities) || 0);
  return Math.round(Math.min(40, 26 + 4 * Math.log2(1 + f)));
}

// markerIcon returns the Leaflet divIcon of an event, sized by its
// fatalities (with a dark rim when there are any); the icon is a DOM
// element, never an HTML string.
export function markerIcon(L, typeName, id, fatalities = 0, precision = 0) {
  const d = dot(typeName);
  d.dataset.event = id;
  const prec = precisionOf(precision);
  d.classList.add(`prec-${prec.name}`);
  d.title = `${d.title} · ${prec.label}`;
  const size = markerSize(fatalities);
  if (fatalities > 0) {
    d.classList.add("deadly");
    d.dataset.fatalities = String(fatalities);
    d.style.width = d.style.height = `${size}px`;
  }
  const half = size / 2;
  return L.divIcon({ className: "ev-icon", html: d, iconSize: [size, size], iconAnchor: [half, half], popupAnchor: [0, -half + 1] });
}

// typeRing is the CSS background of a ring split by type counts (a Map
// of type name → count) out of n events.
export function typeRing(counts, n) {
  let acc = 0;
  const stops = [];
  for (const t of [...TYPES, OTHER]) {
    const c = t === OTHER ? otherCount(counts) : counts.get(t.name);
    if (!c) continue;
    const a = (acc / n) * 360;
    acc += c;
    const b = (acc / n) * 360;
    stops.push(`${t.color} ${a.toFixed(1)}deg ${b.toFixed(1)}deg`);
  }
  if (acc < n) stops.push(`${OTHER.color} ${((acc / n) * 360).toFixed(1)}deg 360deg`);
  return `conic-gradient(${stops.join(",")})`;
}

// otherCount sums the counts of types outside TYPES.
function otherCount(counts) {
  let n = 0;
  for (const [name, c] of counts) if (!BY_NAME.has(name)) n += c;
  return n;
}

// clusterIcon draws a cluster as a ring split by the types inside it.
export function clusterIcon(L, cluster) {
  const counts = new Map();
  for (const m of cluster.getAllChildMarkers()) {
    const k = m.options.evType;
    counts.set(k, (counts.get(k) || 0) + 1);
  }
  const n = cluster.getChildCount();
  const size = n < 10 ? 34 : n < 100 ? 40 : n < 1000 ? 46 : 54;
  const ring = el("div", {}, el("span", {}, n >= 10000 ? `${Math.round(n / 1000)}k` : String(n)));
  ring.style.background = typeRing(counts, n);
  return L.divIcon({ className: "ev-cluster", html: ring, iconSize: [size, size] });
}

// legendControl is a Leaflet control listing every type with its icon.
export function legendControl(L) {
  const Legend = L.Control.extend({
    options: { position: "bottomleft" },
    onAdd() {
      const box = el("div", { class: "legend", role: "list", "aria-label": "Legend" });
      for (const t of TYPES) box.append(el("div", { role: "listitem" }, dot(t.name), t.name));
      for (const p of PRECISIONS) box.append(el("div", { role: "listitem", class: "prec-row" }, dot("", `prec-${p.name}`), p.label));
      L.DomEvent.disableClickPropagation(box);
      return box;
    },
  });
  return new Legend();
}
