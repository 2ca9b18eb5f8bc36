// basemap.js: the offline country outlines (Natural Earth, embedded in the
// binary) that are always drawn, and the online tile layer added on top
// only when one of its tiles actually loads.
import { getJSON } from "./api.js";
import { el } from "./dom.js";

const PROBE_TIMEOUT_MS = 6000;

// addOfflineBasemap draws the country outlines in their own pane below the
// tiles and resolves to the GeoJSON layer.
export async function addOfflineBasemap(L, map) {
  const pane = map.createPane("basemap");
  pane.style.zIndex = 150;
  const data = await getJSON("/static/data/countries.geojson");
  return L.geoJSON(data, {
    pane: "basemap",
    renderer: L.svg({ pane: "basemap", padding: 0.5 }),
    interactive: false,
    attribution: "Made with Natural Earth",
    style: { color: "#a49d90", weight: 0.8, opacity: 1, fillColor: "#f3f0e8", fillOpacity: 1, className: "basemap-land" },
  }).addTo(map);
}

// MAX_LABELS caps the labels drawn at once.
const MAX_LABELS = 120;

// addLabels prints country names (zoom 4 and closer) and region names
// (zoom 6 and closer) over the outlines, only those in view; it resolves
// to the layer group holding them.
export async function addLabels(L, map) {
  const pane = map.createPane("labels");
  pane.style.zIndex = 420;
  pane.style.pointerEvents = "none";
  const data = await getJSON("/static/data/labels.json");
  const group = L.layerGroup().addTo(map);
  const draw = () => {
    group.clearLayers();
    if (!map.hasLayer(group)) return;
    const z = map.getZoom();
    const b = map.getBounds();
    const pick = (list, cls) => {
      const out = [];
      for (const [name, lon, lat] of list || []) {
        if (out.length >= MAX_LABELS || !b.contains([lat, lon])) continue;
        out.push(L.marker([lat, lon], { pane: "labels", interactive: false, keyboard: false, icon: L.divIcon({ className: `map-label ${cls}`, html: el("span", {}, name), iconSize: null }) }));
      }
      return out;
    };
    const shown = [];
    if (z >= 4) shown.push(...pick(data.countries, "country"));
    if (z >= 6) shown.push(...pick(data.regions, "region"));
    for (const m of shown) group.addLayer(m);
  };
  map.on("moveend", draw);
  group.on("add", draw);
  draw();
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
