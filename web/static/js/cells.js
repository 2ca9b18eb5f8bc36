// cells.js: server-side aggregates on the map. When a view holds more
// events than the map can draw one by one, /api/aggregate groups them on
// the server into grid cells (count, fatalities, dominant type); this
// layer draws one ring per cell, sized by its count and split by its
// types like the browser's clusters, with a dark rim where people were
// killed. Activating a ring zooms to its cell.
import { el } from "./dom.js";
import { typeRing } from "./types.js";

// CELL_RULES decide, in order, how a view is drawn: the first rule whose
// test holds names the mode. "cells" draws the server's aggregates,
// "events" loads the events themselves (clustered in the browser).
export const CELL_RULES = [
  // Zoomed in to street level the cells are no coarser than the clusters
  // the browser makes: load the (newest) events.
  { name: "street-level", test: (v) => v.zoom >= 15, mode: "events" },
  // Few enough to load and draw one by one.
  { name: "few-events", test: (v) => v.matched <= v.limit, mode: "events" },
  // Everything else is drawn from the aggregates.
  { name: "many-events", test: () => true, mode: "cells" },
];

// viewMode returns the mode and the rule that chose it for a view of
// matched events at zoom, with limit events loadable at once.
export function viewMode(view) {
  const rule = CELL_RULES.find((r) => r.test(view));
  return { mode: rule.mode, rule: rule.name };
}

// guessMode predicts a view's mode before its aggregate answers, so that
// the feed's events can be asked for at the same time instead of after
// it: the last view's count (last = {matched, zoom}), scaled by the change
// of area (each zoom level in quarters it), doubled to lean towards cells
// (a wrong "events" guess loads up to limit events of a big view, a wrong
// "cells" guess only costs a second, small request). With no last view,
// as on the first load, it guesses cells unless the zoom decides alone.
export function guessMode(last, zoom, limit) {
  const matched = last ? last.matched * 4 ** (last.zoom - zoom) : Infinity;
  return viewMode({ matched: 2 * matched, zoom, limit }).mode;
}

// cellSize is the ring's diameter in pixels: it grows with the logarithm
// of the count, from 22 (1 event) to 46 (a million). Cells are about 64 ×
// 40 pixels (2^(zoom+2) across 360° of longitude, as many down 180° of
// latitude), so neighbouring rings barely touch.
export function cellSize(count) {
  return Math.round(Math.min(46, 22 + 4 * Math.log10(Math.max(1, count))));
}

// shortCount writes a count in at most four characters (12, 4.5k, 120k, 1.2M).
export function shortCount(n) {
  if (n < 1000) return String(n);
  if (n < 10000) return `${(n / 1000).toFixed(1)}k`;
  if (n < 999500) return `${Math.round(n / 1000)}k`;
  return `${(n / 1e6).toFixed(1)}M`;
}

// cellLabel is the accessible description of a cell.
export function cellLabel(p) {
  const parts = [`${p.count.toLocaleString("en")} ${p.count === 1 ? "event" : "events"}`];
  if (p.fatalities) parts.push(`${p.fatalities.toLocaleString("en")} ${p.fatalities === 1 ? "fatality" : "fatalities"}`);
  if (p.type) parts.push(`mostly ${p.type}`);
  return parts.join(" · ");
}

// CellLayer draws the cells of one aggregate answer at a time.
export class CellLayer {
  constructor(L, map) {
    this.L = L;
    this.map = map;
    this.group = L.layerGroup().addTo(map);
    this.cells = [];
  }

  // show replaces the drawn cells with the features of an aggregate answer.
  show(features) {
    this.group.clearLayers();
    this.cells = features.map((f) => ({ ...f.properties, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }));
    for (const p of this.cells) this.group.addLayer(this.marker(p));
  }

  clear() {
    this.group.clearLayers();
    this.cells = [];
  }

  marker(p) {
    const L = this.L;
    const size = cellSize(p.count);
    const disc = el("div", { class: "ev-cell-disc", "data-count": String(p.count), "data-type": p.type || "" }, el("span", {}, shortCount(p.count)));
    disc.style.background = typeRing(new Map(Object.entries(p.types || {})), p.count);
    if (p.fatalities) disc.classList.add("deadly");
    const m = L.marker([p.lat, p.lon], {
      icon: L.divIcon({ className: "ev-cell", html: disc, iconSize: [size, size] }),
      keyboard: true,
      title: cellLabel(p),
      alt: cellLabel(p),
    });
    m.bindTooltip(() => el("span", { class: "tip" }, cellLabel(p), el("br"), "Click to zoom in"), { direction: "top", opacity: 0.95 });
    m.on("click", () => {
      const [w, s, e, n] = p.bbox;
      this.map.fitBounds(L.latLngBounds([s, w], [n, e]), { maxZoom: this.map.getZoom() + 3 });
    });
    return m;
  }
}
