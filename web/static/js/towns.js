// towns.js: the town and village labels of the offline map, from the
// embedded gazetteer (/api/labels: a view's towns, the most important
// first), and the collision-free placement every offline label goes
// through: a label is drawn only where it overlaps none drawn before it.

// TOWN_ZOOM is the zoom from which towns are labelled (a view of about
// 10°, where country and province names no longer anchor a marker).
export const TOWN_ZOOM = 7;

// townLimit is how many of a view's most important towns are asked for
// at zoom z: the cities first, villages as the view narrows.
export function townLimit(z) {
  if (z >= 11) return 400;
  if (z >= 9) return 250;
  return 100;
}

// estimateWidth is a label's width in pixels without a canvas to measure.
function estimateWidth(name, cls) {
  return name.length * (cls === "country" ? 10.5 : 6.5);
}

// labelBox returns the screen box [x0, y0, x1, y1] a label of name takes
// at point pt: centred for countries and regions, beside its dot for
// towns; measure(name, cls) gives the text's width (default: an estimate).
export function labelBox(pt, name, cls, measure = estimateWidth) {
  // A margin around the text: its halo, and fonts a pixel off the canvas.
  const big = cls === "country";
  const w = measure(name, cls) + 8;
  const h = big ? 18 : 16;
  if (cls === "town") return [pt.x - 3, pt.y - h / 2, pt.x + 6 + w, pt.y + h / 2];
  return [pt.x - w / 2, pt.y - h / 2, pt.x + w / 2, pt.y + h / 2];
}

// canvasMeasure returns a measure for labelBox that measures the text in
// the labels' fonts (app.css .map-label) with a canvas, or the estimate
// where there is none.
export function canvasMeasure(fontFamily) {
  const ctx = typeof document !== "undefined" && document.createElement("canvas").getContext("2d");
  if (!ctx) return estimateWidth;
  const fonts = { country: `700 13px ${fontFamily}`, region: `italic 11px ${fontFamily}`, town: `11px ${fontFamily}`, seat: `700 11px ${fontFamily}` };
  const cache = new Map();
  return (name, cls) => {
    const key = `${cls}|${name}`;
    let w = cache.get(key);
    if (w === undefined) {
      ctx.font = fonts[cls] || fonts.town;
      const text = cls === "country" ? name.toUpperCase() : name;
      w = ctx.measureText(text).width + (cls === "country" ? 1.5 * text.length : 0);
      cache.set(key, w);
    }
    return w;
  };
}

// placeLabels keeps, in the order given (most important first), the
// items whose box overlaps no kept item's box, at most max of them.
export function placeLabels(items, max) {
  const kept = [];
  for (const it of items) {
    if (kept.length >= max) break;
    const [a0, b0, a1, b1] = it.box;
    if (kept.some(({ box: [c0, d0, c1, d1] }) => a0 < c1 && c0 < a1 && b0 < d1 && d0 < b1)) continue;
    kept.push(it);
  }
  return kept;
}

// TownSource fetches the towns of the view and keeps the last answer; it
// asks again only when the view leaves the box it asked for or the zoom
// wants more towns.
export class TownSource {
  constructor(getJSON, onData) {
    this.getJSON = getJSON;
    this.onData = onData;
    this.box = null; // [w, s, e, n] of the last answer (padded view)
    this.limit = 0;
    this.towns = [];
    this.seq = 0;
  }

  // want asks for the towns of bounds (Leaflet) at zoom z when needed.
  async want(bounds, z, boxOf) {
    if (z < TOWN_ZOOM) return;
    const view = boxOf(bounds);
    const limit = townLimit(z);
    if (this.box && limit === this.limit && contains(this.box, view) && z <= this.zoom + 1) return;
    const padded = boxOf(bounds.pad(0.25));
    const seq = ++this.seq;
    try {
      const r = await this.getJSON(`/api/labels?bbox=${padded.join(",")}&limit=${limit}`);
      if (seq !== this.seq) return;
      this.box = padded;
      this.limit = limit;
      this.zoom = z;
      this.towns = (r && r.labels) || [];
      this.onData();
    } catch {
      // Offline labels are an aid: a failed answer leaves the last ones.
    }
  }
}

function contains(outer, inner) {
  if (outer[0] > outer[2] || inner[0] > inner[2]) return false; // across 180: ask again
  return inner[0] >= outer[0] && inner[2] <= outer[2] && inner[1] >= outer[1] && inner[3] <= outer[3];
}
