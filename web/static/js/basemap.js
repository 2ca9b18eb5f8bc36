// basemap.js: the offline country outlines (Natural Earth, embedded in the
// binary) that are always drawn, their labels with the gazetteer's towns,
// and the online tile layer added on top only when one of its tiles
// actually loads.
import { getJSON } from "./api.js";
import { el } from "./dom.js";
import { boxOf } from "./state.js";
import { TOWN_ZOOM, TownSource, canvasMeasure, labelBox, placeLabels } from "./towns.js";

const PROBE_TIMEOUT_MS = 6000;

// addOfflineBasemap draws the country outlines in their own pane below the
// tiles and resolves to the GeoJSON layer. The file (860 KB) is fetched
// at once but parsed and drawn only once after has settled (the map's
// first view): parsing and projecting it takes the main thread for
// 0.2-0.6 s, which otherwise held up the first view's cells and feed
// (issue 14); the view's data comes first, the land under it a moment
// later.
export async function addOfflineBasemap(L, map, after = Promise.resolve()) {
  const pane = map.createPane("basemap");
  pane.style.zIndex = 150;
  const res = fetch("/static/data/countries.geojson", { headers: { Accept: "application/geo+json" } });
  res.catch(() => {}); // reported below, once awaited
  await after.catch(() => {});
  const r = await res;
  if (!r.ok) throw new Error(`countries: HTTP ${r.status}`);
  const data = await r.json();
  performance.mark("ge:outlines fetched");
  const layer = L.geoJSON(data, {
    pane: "basemap",
    renderer: L.svg({ pane: "basemap", padding: 0.5 }),
    interactive: false,
    attribution: "Made with Natural Earth",
    style: { color: "#a49d90", weight: 0.8, opacity: 1, fillColor: "#f3f0e8", fillOpacity: 1, className: "basemap-land" },
  }).addTo(map);
  performance.mark("ge:outlines drawn");
  return layer;
}

// MAX_LABELS caps the labels drawn at once.
const MAX_LABELS = 160;

// addLabels prints country names (zoom 4 and closer), region names (zoom
// 6 and closer) and town and village names (TOWN_ZOOM and closer, from
// the gazetteer, see towns.js) over the outlines, only those in view and
// never one over another (placeLabels, in that order of importance).
// Towns are drawn in a pane above the markers and clusters, which
// otherwise hide the only names there are. It resolves to the layer group
// holding them all.
export async function addLabels(L, map) {
  for (const [name, z] of [["labels", 420], ["towns", 640]]) {
    const pane = map.createPane(name);
    pane.style.zIndex = z;
    pane.style.pointerEvents = "none";
  }
  const data = await getJSON("/static/data/labels.json");
  const group = L.layerGroup().addTo(map);
  const towns = new TownSource(getJSON, () => draw());
  const measure = canvasMeasure(getComputedStyle(map.getContainer()).fontFamily);
  const draw = () => {
    group.clearLayers();
    if (!map.hasLayer(group)) return;
    const z = map.getZoom();
    const b = map.getBounds();
    const items = [];
    const add = (name, lon, lat, cls, extra = "") => {
      if (!b.contains([lat, lon])) return;
      const pt = map.latLngToContainerPoint([lat, lon]);
      items.push({ name, lon, lat, cls, extra, box: labelBox(pt, name, cls, (n) => measure(n, extra ? "seat" : cls)) });
    };
    if (z >= 4) for (const [name, lon, lat] of data.countries || []) add(name, lon, lat, "country");
    if (z >= 6) for (const [name, lon, lat] of data.regions || []) add(name, lon, lat, "region");
    if (z >= TOWN_ZOOM) for (const t of towns.towns) add(t.name, t.lon, t.lat, "town", /^PPL(C|A|G)$/.test(t.feature_code) ? " seat" : "");
    const kept = placeLabels(items, MAX_LABELS);
    for (const it of kept) {
      const html = it.cls === "town" ? el("span", {}, el("i", { class: "town-dot" }), it.name) : el("span", {}, it.name);
      group.addLayer(L.marker([it.lat, it.lon], { pane: it.cls === "town" ? "towns" : "labels", interactive: false, keyboard: false, icon: L.divIcon({ className: `map-label ${it.cls}${it.extra}`, html, iconSize: null }) }));
    }
    map.getContainer().dataset.townLabels = String(kept.filter((it) => it.cls === "town").length);
  };
  map.on("moveend", () => {
    draw();
    towns.want(map.getBounds(), map.getZoom(), boxOf);
  });
  group.on("add", draw);
  draw();
  towns.want(map.getBounds(), map.getZoom(), boxOf);
  return group;
}

// probeTile resolves true when one tile of the template loads in time.
export function probeTile(template) {
  return new Promise((resolve) => {
    const img = new Image();
    const timer = setTimeout(() => done(false), PROBE_TIMEOUT_MS);
    function done(ok) {
      clearTimeout(timer);
      img.onload = img.onerror = null;
      resolve(ok);
    }
    img.onload = () => done(true);
    img.onerror = () => done(false);
    img.src = template.replace("{s}", "a").replace("{z}", "0").replace("{x}", "0").replace("{y}", "0").replace("{r}", "");
  });
}

// addTiles reads the tile layer from /api/config (the server defaults it to
// OpenStreetMap; "none" turns it off), probes it, and when it answers adds
// it on top of the outlines and to the layer switcher; offline, the
// outlines carry the map alone.
export async function addTiles(L, map, layers, labels) {
  let url = "";
  let attribution = "";
  try {
    const cfg = await getJSON("/api/config");
    url = (cfg && cfg.tiles_url) || "";
    attribution = (cfg && cfg.tiles_attribution) || "";
  } catch {
    url = ""; // no config: stay offline
  }
  if (!url.includes("{z}")) url = ""; // "none" (or nothing usable) turns the tiles off
  const offline = L.layerGroup();
  layers.addBaseLayer(offline, "Outlines (offline)");
  if (!url || !(await probeTile(url))) {
    offline.addTo(map);
    return false;
  }
  const tiles = L.tileLayer(url, { attribution, maxZoom: 19, crossOrigin: true });
  layers.addBaseLayer(tiles, "Street map (online)");
  tiles.addTo(map);
  // The street map has its own names: hide the offline labels under it.
  const sync = () => (map.hasLayer(tiles) ? map.removeLayer(labels) : labels.addTo(map));
  map.on("baselayerchange", sync);
  sync();
  return true;
}
