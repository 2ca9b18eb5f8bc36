// state.js: the map's view and filter state, its permalink form in the URL
// fragment (#c=lat,lon&z=7&type=…, so the server's own query parameters on
// "/" stay untouched), and the API query strings built from it.

// DEFAULT_VIEW frames Syria, the first corpus.
export const DEFAULT_VIEW = { center: [35.0, 38.5], zoom: 7 };

// EVENT_LIMIT caps how many events one view loads (markers and feed).
export const EVENT_LIMIT = 2000;

// FEED_LIMIT is how many of the newest events the feed lists when the map
// draws server-side aggregates instead of single events.
export const FEED_LIMIT = 100;

// stateFromURL returns the state encoded in a URL fragment (without "#").
export function stateFromURL(hash) {
  const p = new URLSearchParams(hash);
  const st = {
    center: DEFAULT_VIEW.center.slice(),
    zoom: DEFAULT_VIEW.zoom,
    viewSet: false,
    from: validDate(p.get("from")),
    to: validDate(p.get("to")),
    types: p.has("type") ? p.getAll("type").filter(Boolean) : null,
    country: (p.get("country") || "").toUpperCase().replace(/[^A-Z]/g, "").slice(0, 2),
    subtype: (p.get("subtype") || "").slice(0, 100),
    actor: (p.get("actor") || "").trim().slice(0, 200),
    q: (p.get("q") || "").slice(0, 200),
    area: parseBox(p.get("area")),
    ev: (p.get("ev") || "").slice(0, 200),
    article: (p.get("article") || "").slice(0, 200),
    // coarse: show province- and country-level events (geo_precision 3),
    // which the map leaves out by default (they stand for a place unknown).
    coarse: p.get("coarse") === "1",
  };
  const c = (p.get("c") || "").split(",").map(Number);
  const z = Number(p.get("z"));
  if (c.length === 2 && c.every(Number.isFinite) && Math.abs(c[0]) <= 90 && Math.abs(c[1]) <= 360) {
    st.center = c;
    st.viewSet = true;
  }
  if (p.has("z") && Number.isFinite(z) && z >= 0 && z <= 19) st.zoom = Math.round(z);
  if (st.types && st.types.length === 0) st.types = null;
  return st;
}

// stateToURL returns the permalink fragment (with leading "#") of st.
export function stateToURL(st) {
  const p = new URLSearchParams();
  p.set("c", `${st.center[0].toFixed(4)},${st.center[1].toFixed(4)}`);
  p.set("z", String(st.zoom));
  if (st.from) p.set("from", st.from);
  if (st.to) p.set("to", st.to);
  if (st.types) for (const t of st.types) p.append("type", t);
  if (st.country) p.set("country", st.country);
  if (st.subtype) p.set("subtype", st.subtype);
  if (st.actor) p.set("actor", st.actor);
  if (st.q) p.set("q", st.q);
  if (st.area) p.set("area", st.area.map((v) => v.toFixed(4)).join(","));
  if (st.ev) p.set("ev", st.ev);
  if (st.article) p.set("article", st.article);
  if (st.coarse) p.set("coarse", "1");
  return `#${p}`;
}

// filterParams returns the API parameters of the filters (not the area),
// shared by the events, stats and export queries.
export function filterParams(st, { dates = true } = {}) {
  const p = new URLSearchParams();
  if (dates && st.from) p.set("from", st.from);
  if (dates && st.to) p.set("to", st.to);
  if (st.types) for (const t of st.types) p.append("type", t);
  if (st.country) p.set("country", st.country);
  if (st.subtype) p.set("subtype", st.subtype);
  if (st.actor) p.set("actor", st.actor);
  if (st.q) p.set("q", st.q);
  if (!st.coarse) p.set("max_precision", String(FINE_PRECISION));
  return p;
}

// FINE_PRECISION is the coarsest geo_precision the map shows unless its
// switch shows province- and country-level events (3) too.
export const FINE_PRECISION = 2;

// boxOf turns Leaflet bounds into an API bbox [minLon, minLat, maxLon,
// maxLat], wrapping longitudes into [-180, 180] (minLon > maxLon when the
// view crosses the antimeridian) and clamping latitudes.
export function boxOf(bounds) {
  let w = bounds.getWest();
  let e = bounds.getEast();
  const s = Math.max(-90, bounds.getSouth());
  const n = Math.min(90, bounds.getNorth());
  if (e - w >= 360) {
    w = -180;
    e = 180;
  } else {
    w = wrapLon(w);
    e = wrapLon(e);
  }
  return [w, s, e, n].map((v) => Math.round(v * 1e5) / 1e5);
}

// bboxParam formats a box for the API's bbox parameter.
export function bboxParam(box) {
  return box.map((v) => String(v)).join(",");
}

function wrapLon(x) {
  if (x >= -180 && x <= 180) return x;
  const w = ((((x + 180) % 360) + 360) % 360) - 180;
  return w === -180 && x > 0 ? 180 : w;
}

function validDate(s) {
  return s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)) ? s : "";
}

function parseBox(s) {
  if (!s) return null;
  const b = s.split(",").map(Number);
  if (b.length !== 4 || !b.every(Number.isFinite)) return null;
  if (b[1] > b[3] || Math.abs(b[1]) > 90 || Math.abs(b[3]) > 90 || Math.abs(b[0]) > 180 || Math.abs(b[2]) > 180) return null;
  return b;
}
