// dateaxis.js: what the day timeline (timeline.js) and the weekly chart
// (weekchart.js) share: their time axis, from grouping dated counts into
// bars of equal width with outliers left out, to the axis labels and the
// brush that picks a date range. Each chart keeps only what its bars are.
import { svg } from "./dom.js";

export const DAY = 86400000;

// dayMs is the UTC midnight of a "YYYY-MM-DD" day, in milliseconds.
export function dayMs(s) {
  return Date.parse(`${s}T00:00:00Z`);
}

// dayStr is the "YYYY-MM-DD" day of a time in milliseconds.
export function dayStr(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

function total(items) {
  return items.reduce((n, it) => n + it.count, 0);
}

// trimmed returns the part of the sorted items (each {count}, dated by
// dateOf) a chart shows: all of them, unless a few outlying dates (under
// 1% of the count at either end) would squeeze the rest into less than
// half the axis (one 2015 event does not flatten a 2024-25 corpus). It
// also says how much it left out before and after.
export function trimmed(items, dateOf) {
  const all = total(items);
  let lo = 0;
  let hi = items.length - 1;
  for (let acc = 0; lo < hi && acc + items[lo].count <= all * 0.01; lo++) acc += items[lo].count;
  for (let acc = 0; hi > lo && acc + items[hi].count <= all * 0.01; hi--) acc += items[hi].count;
  const span = (a, b) => dayMs(dateOf(items[b])) - dayMs(dateOf(items[a]));
  if (span(lo, hi) >= span(0, items.length - 1) * 0.5) return { kept: items, before: 0, after: 0 };
  return { kept: items.slice(lo, hi + 1), before: total(items.slice(0, lo)), after: total(items.slice(hi + 1)) };
}

// equalBins spreads the sorted items, dated by dateOf on a grid of step
// milliseconds (a day, a week), into at most maxBars bins of equal width
// from the first to the last, gaps kept: each bin {startMs, items}. width
// is how many steps a bin spans.
export function equalBins(items, dateOf, step, maxBars) {
  const first = dayMs(dateOf(items[0]));
  const span = Math.round((dayMs(dateOf(items[items.length - 1])) - first) / step) + 1;
  const width = Math.max(1, Math.ceil(span / maxBars));
  const bins = Array.from({ length: Math.ceil(span / width) }, (_, i) => ({ startMs: first + i * width * step, items: [] }));
  for (const it of items) bins[Math.floor(Math.round((dayMs(dateOf(it)) - first) / step) / width)].items.push(it);
  return { bins, width };
}

// finishChart adds the time axis under the bars of chart (a w × h
// viewBox, the axis the bottom axisH of it: the first and last day, with
// the counts left out by trimmed) and a brush: dragging across the bars,
// or clicking one, calls onRange(from, to) with the first day of the
// first bar and the last day of the last. bins are the bars, each with
// start and end days; bins.before and bins.after the counts left out.
export function finishChart(chart, bins, { w, h, axisH }, onRange) {
  const first = bins[0].start + (bins.before ? ` (+${bins.before} earlier)` : "");
  const last = (bins.after ? `(+${bins.after} later) ` : "") + bins[bins.length - 1].end;
  chart.append(svg("text", { class: "axis", x: 0, y: h - 2 }, first));
  chart.append(svg("text", { class: "axis", x: w, y: h - 2, "text-anchor": "end" }, last));
  const brush = svg("rect", { class: "brush", x: 0, y: 0, width: 0, height: h - axisH, visibility: "hidden" });
  chart.append(brush);
  const bw = w / bins.length;
  const index = (e) => {
    const r = chart.getBoundingClientRect();
    const x = ((e.clientX - r.left) / r.width) * w;
    return Math.max(0, Math.min(bins.length - 1, Math.floor(x / bw)));
  };
  const show = (a, b) => {
    brush.setAttribute("x", (Math.min(a, b) * bw).toFixed(2));
    brush.setAttribute("width", ((Math.abs(a - b) + 1) * bw).toFixed(2));
    brush.setAttribute("visibility", "visible");
  };
  let start = -1;
  chart.addEventListener("pointerdown", (e) => {
    start = index(e);
    chart.setPointerCapture(e.pointerId);
    show(start, start);
  });
  chart.addEventListener("pointermove", (e) => {
    if (start >= 0) show(start, index(e));
  });
  chart.addEventListener("pointerup", (e) => {
    if (start < 0) return;
    const end = index(e);
    const lo = Math.min(start, end);
    const hi = Math.max(start, end);
    start = -1;
    onRange(bins[lo].start, bins[hi].end);
  });
  return brush;
}
