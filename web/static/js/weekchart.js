// weekchart.js: the chart of events per week by type (from /api/weekly,
// counted on the server) drawn as stacked SVG bars in the types' colours;
// dragging across it (or clicking a bar) picks the date range, whole weeks
// Monday to Sunday, as the day timeline does.
import { clear, el, svg } from "./dom.js";
import { TYPES, typeStyle } from "./types.js";

const DAY = 86400000;
const WEEK = 7 * DAY;
const MAX_BARS = 80;
const W = 352;
const H = 72;
const AXIS = 12;

function dayMs(s) {
  return Date.parse(`${s}T00:00:00Z`);
}

function dayStr(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

// weekBins turns the API's weeks into at most MAX_BARS bars of equal
// length from the first week to the last, each with its start (a Monday),
// end (a Sunday), count and counts by type. Weeks holding under 1% of the
// events at either end are left out when keeping them would squeeze the
// rest into a few bars (one old event does not stretch the axis); the
// list carries before and after, the events left out.
export function weekBins(weeks) {
  const all = (weeks || []).filter((w) => w && /^\d{4}-\d{2}-\d{2}$/.test(w.week) && w.count > 0).sort((a, b) => (a.week < b.week ? -1 : 1));
  if (all.length === 0) return [];
  const total = all.reduce((n, w) => n + w.count, 0);
  let lo = 0;
  let hi = all.length - 1;
  for (let acc = 0; lo < hi && acc + all[lo].count <= total * 0.01; lo++) acc += all[lo].count;
  for (let acc = 0; hi > lo && acc + all[hi].count <= total * 0.01; hi--) acc += all[hi].count;
  const full = dayMs(all[all.length - 1].week) - dayMs(all[0].week);
  if (dayMs(all[hi].week) - dayMs(all[lo].week) >= full * 0.5) [lo, hi] = [0, all.length - 1];
  const sum = (list) => list.reduce((n, w) => n + w.count, 0);
  const kept = all.slice(lo, hi + 1);
  const first = dayMs(kept[0].week);
  const span = Math.round((dayMs(kept[kept.length - 1].week) - first) / WEEK) + 1;
  const width = Math.max(1, Math.ceil(span / MAX_BARS));
  const out = [];
  for (let i = 0; i < Math.ceil(span / width); i++) {
    const s = first + i * width * WEEK;
    out.push({ start: dayStr(s), end: dayStr(s + width * WEEK - DAY), count: 0, byType: {} });
  }
  for (const w of kept) {
    const b = out[Math.floor(Math.round((dayMs(w.week) - first) / WEEK) / width)];
    b.count += w.count;
    for (const [t, n] of Object.entries(w.by_type || {})) b.byType[t] = (b.byType[t] || 0) + n;
  }
  out.before = sum(all.slice(0, lo));
  out.after = sum(all.slice(hi + 1));
  out.weeks = width;
  return out;
}

// stackOrder is the order types stack in, bottom up: the legend's, then
// any other type by name.
function stackOrder(byType) {
  const known = TYPES.map((t) => t.name).filter((n) => byType[n]);
  const other = Object.keys(byType).filter((n) => !known.includes(n)).sort();
  return known.concat(other);
}

// WeekChart draws into box and calls onRange(from, to) when the user brushes.
export class WeekChart {
  constructor(box, onRange) {
    this.box = box;
    this.onRange = onRange;
    this.bins = [];
  }

  render(weeks, from, to) {
    this.bins = weekBins(weeks);
    clear(this.box);
    if (this.bins.length === 0) {
      this.box.append(el("p", { class: "feed-note" }, "No dated events for these filters."));
      return;
    }
    const max = Math.max(...this.bins.map((b) => b.count), 1);
    const bw = W / this.bins.length;
    const per = this.bins.weeks === 1 ? "week" : `${this.bins.weeks} weeks`;
    const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: "none", role: "img", "aria-label": `Events per ${per} by type, ${this.bins[0].start} to ${this.bins[this.bins.length - 1].end}` });
    this.bins.forEach((b, i) => {
      const inRange = (from || to) && (!from || b.end >= from) && (!to || b.start <= to);
      const g = svg("g", { class: `week${inRange ? " in" : ""}`, "data-start": b.start, "data-count": String(b.count) });
      const parts = stackOrder(b.byType).map((t) => `${t} ${b.byType[t]}`);
      g.append(svg("title", {}, `${b.start} – ${b.end}: ${b.count}${parts.length ? ` (${parts.join(", ")})` : ""}`));
      let y = H - AXIS;
      for (const t of stackOrder(b.byType)) {
        const h = ((H - AXIS - 2) * b.byType[t]) / max;
        y -= h;
        const r = svg("rect", { class: "seg", "data-type": t, x: (i * bw + 0.5).toFixed(2), y: y.toFixed(2), width: Math.max(0.5, bw - 1).toFixed(2), height: Math.max(0.5, h).toFixed(2) });
        r.style.fill = typeStyle(t).color;
        g.append(r);
      }
      chart.append(g);
    });
    const first = this.bins[0].start + (this.bins.before ? ` (+${this.bins.before} earlier)` : "");
    const last = (this.bins.after ? `(+${this.bins.after} later) ` : "") + this.bins[this.bins.length - 1].end;
    chart.append(svg("text", { class: "axis", x: 0, y: H - 2 }, first));
    chart.append(svg("text", { class: "axis", x: W, y: H - 2, "text-anchor": "end" }, last));
    this.brush = svg("rect", { class: "brush", x: 0, y: 0, width: 0, height: H - AXIS, visibility: "hidden" });
    chart.append(this.brush);
    this.attach(chart, bw);
    this.box.append(chart);
  }

  attach(chart, bw) {
    let start = -1;
    const index = (e) => {
      const r = chart.getBoundingClientRect();
      const x = ((e.clientX - r.left) / r.width) * W;
      return Math.max(0, Math.min(this.bins.length - 1, Math.floor(x / bw)));
    };
    const show = (a, b) => {
      const lo = Math.min(a, b);
      this.brush.setAttribute("x", (lo * bw).toFixed(2));
      this.brush.setAttribute("width", ((Math.abs(a - b) + 1) * bw).toFixed(2));
      this.brush.setAttribute("visibility", "visible");
    };
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
      this.onRange(this.bins[lo].start, this.bins[hi].end);
    });
  }
}
