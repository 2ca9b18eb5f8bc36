// Unit tests of the web map's pure functions (byte offsets, dates, the
// permalink, the bbox, the timeline bins), run with `node --test web/scripts`
// (web/jsunit_test.go runs them under go test). A minimal document stand-in
// lets the DOM helpers build nodes.
import { test } from "node:test";
import assert from "node:assert/strict";

class FakeNode {
  constructor(tag) {
    this.tag = tag;
    this.children = [];
    this.attrs = {};
  }
  append(...c) {
    this.children.push(...c);
  }
  setAttribute(k, v) {
    this.attrs[k] = v;
  }
  addEventListener() {}
  get textContent() {
    return this.children.map((c) => (typeof c.text === "string" ? c.text : c.textContent)).join("");
  }
}
globalThis.document = {
  createElement: (tag) => new FakeNode(tag),
  createElementNS: (_, tag) => new FakeNode(tag),
  createTextNode: (text) => ({ text }),
};

const { Bytes, formatDate, highlight, sentenceNodes, safeURL } = await import("../static/js/dom.js");
const { mentionNodes } = await import("../static/js/article.js");
const { stateFromURL, stateToURL, boxOf, filterParams } = await import("../static/js/state.js");
const { bins } = await import("../static/js/timeline.js");
const { trimmed, equalBins, DAY } = await import("../static/js/dateaxis.js");
const { weekBins } = await import("../static/js/weekchart.js");
const { placeLabels, labelBox, townLimit, TOWN_ZOOM } = await import("../static/js/towns.js");
const { markerSize, precisionOf, PRECISIONS } = await import("../static/js/types.js");
const { placeLabel } = await import("../static/js/places.js");
const { newCount } = await import("../static/js/live.js");
const { CELL_RULES, viewMode, guessMode, cellSize, shortCount, cellLabel } = await import("../static/js/cells.js");

const text = (nodes) => nodes.map((n) => (typeof n === "string" ? n : n.textContent)).join("");
const marked = (nodes) => nodes.filter((n) => typeof n !== "string" && n.tag === "mark").map((n) => n.textContent);

test("formatDate shows only the known precision", () => {
  const cases = [
    ["2024-11-30T00:00:00Z", "day", "2024-11-30"],
    ["2024-11-30T00:00:00Z", "month", "Nov 2024"],
    ["2024-01-01T00:00:00Z", "year", "2024"],
    ["2024-11-30T00:00:00Z", "", "2024-11-30"],
    ["", "day", "date unknown"],
    ["not a date", "day", "date unknown"],
  ];
  for (const [date, prec, want] of cases) assert.equal(formatDate(date, prec), want, `${date} ${prec}`);
});

test("Bytes cuts UTF-8 byte spans, never JS string indexes", () => {
  const b = new Bytes("Ḥalab — “Aleppo”");
  const start = new TextEncoder().encode("Ḥalab — “").length;
  assert.equal(b.slice(start, start + 6), "Aleppo");
  assert.equal(b.slice(0, 3), "Ḥ");
  assert.equal(b.slice(-5, 1e9), "Ḥalab — “Aleppo”");
});

test("sentenceNodes highlights the mention inside its sentence", () => {
  const article = "Première phrase. Les obus sont tombés sur Saraqib à l’aube.";
  const sStart = new TextEncoder().encode("Première phrase. ").length;
  const mStart = new TextEncoder().encode("Première phrase. Les obus sont tombés sur ").length;
  const p = { sentence: "Les obus sont tombés sur Saraqib à l’aube.", sentence_start: sStart, mention_start: mStart, mention_end: mStart + 7 };
  const nodes = sentenceNodes(p);
  assert.deepEqual(marked(nodes), ["Saraqib"]);
  assert.equal(text(nodes), p.sentence);
  assert.ok(article.includes(p.sentence));
});

test("highlight leaves text alone for bad spans", () => {
  for (const [s, e] of [[-1, 3], [5, 2], [0, 99], [1.5, 3], [undefined, 2]]) {
    const nodes = highlight("abcdef", s, e);
    assert.deepEqual(marked(nodes), [], `${s}..${e}`);
    assert.equal(text(nodes), "abcdef");
  }
});

test("mentionNodes links each mention once, in order, skipping overlaps and bad spans", () => {
  const t = "In Ḥoms and <b>Aleppo</b>, not in Homs.";
  const at = (s) => new TextEncoder().encode(t.slice(0, t.indexOf(s))).length;
  const len = (s) => new TextEncoder().encode(s).length;
  const events = [
    { id: "b", mention_start: at("Aleppo"), mention_end: at("Aleppo") + len("Aleppo") },
    { id: "a", mention_start: at("Ḥoms"), mention_end: at("Ḥoms") + len("Ḥoms") },
    { id: "overlap", mention_start: at("Aleppo") + 1, mention_end: at("Aleppo") + 3 },
    { id: "out", mention_start: 500, mention_end: 510 },
  ];
  const links = [];
  const nodes = mentionNodes(t, events, (p, s) => {
    links.push([p.id, s]);
    return { textContent: s };
  });
  assert.deepEqual(links, [["a", "Ḥoms"], ["b", "Aleppo"]]);
  assert.equal(text(nodes), t);
});

test("safeURL keeps only http(s) URLs", () => {
  assert.equal(safeURL("https://example.org/a"), "https://example.org/a");
  assert.equal(safeURL("javascript:alert(1)"), "");
  assert.equal(safeURL("/relative"), "");
});

test("the permalink round-trips and rejects bad values", () => {
  const st = stateFromURL("c=36.2,37.15&z=9&from=2024-01-01&to=2024-02-01&type=Battles&type=Protests&country=sy&subtype=Armed+clash&q=shelling&area=36,35,38,37&ev=e1&article=a1");
  assert.equal(st.subtype, "Armed clash");
  assert.deepEqual(st.center, [36.2, 37.15]);
  assert.equal(st.zoom, 9);
  assert.deepEqual(st.types, ["Battles", "Protests"]);
  assert.equal(st.country, "SY");
  assert.deepEqual(st.area, [36, 35, 38, 37]);
  const again = stateFromURL(stateToURL(st).slice(1));
  for (const k of ["center", "zoom", "from", "to", "types", "country", "subtype", "q", "area", "ev", "article", "coarse"]) assert.deepEqual(again[k], st[k], k);

  const bad = stateFromURL("c=999,1&z=99&from=2024-13-45&area=1,2,3&country=<script>&type=");
  assert.equal(bad.viewSet, false);
  assert.equal(bad.from, "");
  assert.equal(bad.area, null);
  assert.equal(bad.types, null);
  assert.match(bad.country, /^[A-Z]{0,2}$/);
});

test("filterParams carries the filters, and the dates only when asked", () => {
  const st = stateFromURL("from=2024-01-01&type=Riots&subtype=Mob+violence&q=x");
  assert.equal(filterParams(st).toString(), "from=2024-01-01&type=Riots&subtype=Mob+violence&q=x&max_precision=2");
  assert.equal(filterParams(st, { dates: false }).toString(), "type=Riots&subtype=Mob+violence&q=x&max_precision=2");
});

test("province- and country-level events: off by default, the switch in the permalink", () => {
  const st = stateFromURL("c=36.2,37.15&z=9");
  assert.equal(st.coarse, false);
  assert.equal(filterParams(st).get("max_precision"), "2");
  st.coarse = true;
  assert.equal(filterParams(st).has("max_precision"), false);
  assert.equal(stateFromURL(stateToURL(st).slice(1)).coarse, true);
  assert.equal(stateFromURL("coarse=yes").coarse, false);
  const a = stateFromURL("actor=Civilians+(Syria)");
  assert.equal(filterParams(a).get("actor"), "Civilians (Syria)");
  assert.equal(stateFromURL(stateToURL(a).slice(1)).actor, "Civilians (Syria)");
});

test("boxOf wraps longitudes and marks antimeridian crossings", () => {
  const bounds = (w, s, e, n) => ({ getWest: () => w, getSouth: () => s, getEast: () => e, getNorth: () => n });
  assert.deepEqual(boxOf(bounds(35, 32, 42, 37)), [35, 32, 42, 37]);
  assert.deepEqual(boxOf(bounds(170, -10, 190, 10)), [170, -10, -170, 10]); // crosses: minLon > maxLon
  assert.deepEqual(boxOf(bounds(-400, -95, 400, 95)), [-180, -90, 180, 90]);
  assert.deepEqual(boxOf(bounds(325, 0, 330, 1)), [-35, 0, -30, 1]);
});

test("placeLabels keeps the most important labels that overlap none kept before, up to the cap", () => {
  const at = (name, x, y, cls = "town") => ({ name, box: labelBox({ x, y }, name, cls) });
  const kept = placeLabels([at("Aleppo", 100, 100, "region"), at("Anadan", 105, 102), at("Hayan", 100, 130), at("Tall Rifat", 104, 128), at("Azaz", 300, 300)], 10);
  assert.deepEqual(kept.map((k) => k.name), ["Aleppo", "Hayan", "Azaz"]);
  assert.equal(placeLabels([at("A", 0, 0), at("B", 0, 50), at("C", 0, 100)], 2).length, 2);
  const [x0, , x1] = labelBox({ x: 0, y: 0 }, "Kafr Hamra", "town");
  assert.ok(x0 < 0 && x1 > 50, "a town's box runs right of its dot");
  assert.ok(townLimit(TOWN_ZOOM) < townLimit(12));
});

test("weekBins: a bar a week with types summed, gaps kept, long spans grouped, outliers left out", () => {
  const w = (week, byType) => ({ week, count: Object.values(byType).reduce((a, b) => a + b, 0), by_type: byType });
  const two = weekBins([w("2024-12-16", { Riots: 1 }), w("2024-12-02", { Battles: 2, Riots: 1 })]);
  assert.deepEqual(two.map((b) => [b.start, b.end, b.count]), [["2024-12-02", "2024-12-08", 3], ["2024-12-09", "2024-12-15", 0], ["2024-12-16", "2024-12-22", 1]]);
  assert.deepEqual(two[0].byType, { Battles: 2, Riots: 1 });
  assert.equal(two.weeks, 1);
  const years = [];
  for (let i = 0; i < 200; i++) years.push(w(new Date(Date.UTC(2021, 0, 4) + i * 7 * 86400000).toISOString().slice(0, 10), { Battles: 5 }));
  const grouped = weekBins(years);
  assert.ok(grouped.length <= 80 && grouped.weeks === 3, `${grouped.length} bars of ${grouped.weeks} weeks`);
  assert.equal(grouped.reduce((n, b) => n + b.count, 0), 1000);
  const outlier = weekBins([w("2015-01-05", { Protests: 1 }), ...years]);
  // The 2015 week goes, with the first 2021 week (both under 1%).
  assert.equal(outlier.before, 6);
  assert.equal(outlier[0].start, "2021-01-11");
  assert.deepEqual(weekBins([]), []);
});

test("dateaxis: outliers trimmed only when they squeeze the axis; equal bins keep gaps", () => {
  const d = (day, count) => ({ day, count });
  const year = Array.from({ length: 365 }, (_, i) => d(new Date(Date.UTC(2024, 0, 1) + i * DAY).toISOString().slice(0, 10), 10));
  const old = trimmed([d("2015-03-01", 2), ...year, d("2031-01-01", 3)], (x) => x.day);
  // up to 1% of the 3,655 events go at each end: the outlier and three days
  assert.equal(old.kept.length, 359);
  assert.deepEqual([old.before, old.after], [2 + 30, 3 + 30]);
  const near = trimmed([d("2023-12-01", 2), ...year], (x) => x.day);
  assert.equal(near.kept.length, 366, "an early date that does not squeeze the axis stays");
  assert.equal(near.before, 0);
  const big = trimmed([d("2015-03-01", 500), ...year], (x) => x.day);
  assert.equal(big.kept.length, 366, "over 1% of the events is no outlier");
  const { bins: grid, width } = equalBins([d("2024-01-01", 1), d("2024-01-02", 1), d("2024-01-05", 4)], (x) => x.day, DAY, 2);
  assert.equal(width, 3);
  assert.deepEqual(grid.map((b) => b.items.length), [2, 1]);
  assert.equal(new Date(grid[1].startMs).toISOString().slice(0, 10), "2024-01-04");
});

test("bins: daily bars, wider bars for long spans, outliers left out", () => {
  const daily = bins([{ day: "2024-01-03", count: 2 }, { day: "2024-01-01", count: 1 }]);
  assert.deepEqual(daily.map((b) => [b.start, b.end, b.count]), [["2024-01-01", "2024-01-01", 1], ["2024-01-02", "2024-01-02", 0], ["2024-01-03", "2024-01-03", 2]]);

  const days = [];
  for (let i = 0; i < 365; i++) days.push({ day: new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10), count: 1 });
  const year = bins(days);
  assert.ok(year.length <= 120, `${year.length} bars`);
  assert.equal(year.reduce((n, b) => n + b.count, 0), 365);

  const outlier = bins([{ day: "2015-01-01", count: 1 }, ...days]);
  // at most 1% of the events at each end are left out, the 2015 one among them
  assert.ok(outlier.before >= 1 && outlier.before <= 3.66, `before = ${outlier.before}`);
  assert.ok(outlier[0].start.startsWith("2024-01"), outlier[0].start);
  assert.equal(bins(days).before, 0, "no outliers: everything shown");
  assert.deepEqual(bins([]), []);
});

test("viewMode: each rule of CELL_RULES decides a view", () => {
  const cases = [
    [{ matched: 1_000_000, zoom: 16, limit: 2000 }, "street-level", "events"],
    [{ matched: 2000, zoom: 7, limit: 2000 }, "few-events", "events"],
    [{ matched: 0, zoom: 2, limit: 2000 }, "few-events", "events"],
    [{ matched: 2001, zoom: 7, limit: 2000 }, "many-events", "cells"],
    [{ matched: 1_000_000, zoom: 14, limit: 2000 }, "many-events", "cells"],
  ];
  for (const [view, rule, mode] of cases) assert.deepEqual(viewMode(view), { rule, mode }, JSON.stringify(view));
  for (const r of CELL_RULES) assert.ok(cases.some((c) => c[1] === r.name), `rule ${r.name} untested`);
});

test("guessMode: the last view's count scaled by the zoom, leaning to cells", () => {
  const cases = [
    ["first load", null, 7, "cells"],
    ["first load at street level", null, 16, "events"],
    ["same zoom, few", { matched: 900, zoom: 7 }, 7, "events"],
    ["same zoom, near the limit: cells", { matched: 1500, zoom: 7 }, 7, "cells"],
    ["zoom in quarters the count", { matched: 4000, zoom: 7 }, 8, "events"],
    ["zoom out multiplies it", { matched: 600, zoom: 8 }, 7, "cells"],
    ["a million zoomed in twice", { matched: 1_000_000, zoom: 6 }, 8, "cells"],
    ["an empty view", { matched: 0, zoom: 3 }, 2, "events"],
  ];
  for (const [name, last, zoom, want] of cases) assert.equal(guessMode(last, zoom, 2000), want, name);
});

test("cells: size grows with the count within bounds; short counts and labels", () => {
  assert.equal(cellSize(1), 22);
  assert.equal(cellSize(1e6), 46);
  assert.ok(cellSize(100) > cellSize(10) && cellSize(1e9) === 46 && cellSize(0) === 22);
  assert.deepEqual([7, 999, 1000, 4567, 12345, 999999, 1234567].map(shortCount), ["7", "999", "1.0k", "4.6k", "12k", "1.0M", "1.2M"]);
  assert.equal(cellLabel({ count: 1, fatalities: 0, type: "Battles" }), "1 event · mostly Battles");
  assert.equal(cellLabel({ count: 1234, fatalities: 1, type: "" }), "1,234 events · 1 fatality");
});

test("markerSize grows with fatalities, bounded; placeLabel drops repeats", () => {
  assert.equal(markerSize(0), 26);
  assert.equal(markerSize(undefined), 26);
  assert.equal(markerSize(1), 30);
  assert.ok(markerSize(10) > markerSize(3));
  assert.equal(markerSize(1e6), 40);
  assert.equal(placeLabel({ name: "Aleppo", admin1: "Aleppo", country_name: "Syria" }), "Aleppo, Syria");
  assert.equal(placeLabel({ name: "Homs", admin1: "", country_name: "" }), "Homs");
});

test("precisionOf maps ACLED geo_precision codes, unknown as exact", () => {
  assert.deepEqual([1, 2, 3, 0, "3", 9].map((c) => precisionOf(c).name), ["exact", "near", "region", "exact", "region", "exact"]);
  assert.equal(new Set(PRECISIONS.map((p) => p.name)).size, PRECISIONS.length);
});

test("newCount: only growth since the reader looked, nothing before the first total", () => {
  assert.equal(newCount(-1, 50), 0);
  assert.equal(newCount(50, 50), 0);
  assert.equal(newCount(50, 57), 7);
  assert.equal(newCount(50, 40), 0); // deletions are not "new"
});

test("sourcesList shows an incident's count at once, then its sources and how many more", async () => {
  const { sourcesList } = await import("../static/js/popup.js");
  const asked = [];
  globalThis.fetch = async (path) => {
    asked.push(path);
    return {
      ok: true,
      status: 200,
      headers: { get: () => "application/json" },
      json: async () => ({ id: "e1", sources: 103, more: 101, reports: [
        { event_id: "e1", article_id: "a1", title: "Strike on the market", source: "Wire", fatalities: 12 },
        { event_id: "e2", article_id: "a2", title: "", source: "Monitor", fatalities: 0 },
      ] }),
      text: async () => "",
    };
  };
  const box = sourcesList({ id: "e/1", sources: 103 }, () => {});
  assert.match(box.textContent, /^103 sources/);
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(asked, ["/api/incidents/e%2F1"]);
  assert.equal(box.textContent, "103 sources · lowest toll statedStrike on the market · Wire · 12 killedMonitor · Monitorand 101 more");
  delete globalThis.fetch;
});
