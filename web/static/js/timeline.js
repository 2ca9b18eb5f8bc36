// timeline.js: the histogram of events per day (from /api/stats by_day)
// drawn as SVG bars; dragging across it (or clicking a bar) picks the
// date range. The date inputs stay the keyboard way to set it.
import { clear, el, svg } from "./dom.js";

const DAY = 86400000;
const MAX_BARS = 120;
const W = 352;
const H = 64;
const AXIS = 12;

function dayMs(s) {
  return Date.parse(`${s}T00:00:00Z`);
}

function dayStr(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

// focus returns the part of the sorted days the chart shows: all of them,
// unless a few outlying dates (under 1% of events at either end) would
// squeeze the rest into a few bars; it also says how many it left out.
function focus(days) {
  const total = days.reduce((n, d) => n + d.count, 0);
  let lo = 0;
  let hi = days.length - 1;
  for (let acc = 0; lo < hi && acc + days[lo].count <= total * 0.01; lo++) acc += days[lo].count;
  for (let acc = 0; hi > lo && acc + days[hi].count <= total * 0.01; hi--) acc += days[hi].count;
  const full = dayMs(days[days.length - 1].day) - dayMs(days[0].day);
  const kept = dayMs(days[hi].day) - dayMs(days[lo].day);
  if (kept >= full * 0.5) return { days, before: 0, after: 0 };
  const sum = (list) => list.reduce((n, d) => n + d.count, 0);
  return { days: days.slice(lo, hi + 1), before: sum(days.slice(0, lo)), after: sum(days.slice(hi + 1)) };
}

// bins groups day counts into at most MAX_BARS equal bins from the first
// day to the last (outliers aside, see focus); each bin has inclusive start
// and end days. The list carries before and after: events left out.
export function bins(byDay) {
  const all = (byDay || []).filter((d) => d && /^\d{4}-\d{2}-\d{2}$/.test(d.day) && d.count > 0).sort((a, b) => (a.day < b.day ? -1 : 1));
  if (all.length === 0) return [];
  const { days, before, after } = focus(all);
  const first = dayMs(days[0].day);
  const last = dayMs(days[days.length - 1].day);
  const span = Math.round((last - first) / DAY) + 1;
  const width = Math.max(1, Math.ceil(span / MAX_BARS));
  const n = Math.ceil(span / width);
  const out = [];
  for (let i = 0; i < n; i++) {
    const s = first + i * width * DAY;
    out.push({ start: dayStr(s), end: dayStr(Math.min(last, s + (width - 1) * DAY)), count: 0 });
  }
  for (const d of days) out[Math.floor(Math.round((dayMs(d.day) - first) / DAY) / width)].count += d.count;
  out.before = before;
  out.after = after;
  return out;
}

// Timeline draws into box and calls onRange(from, to) when the user brushes.
export class Timeline {
  constructor(box, onRange) {
    this.box = box;
    this.onRange = onRange;
    this.bins = [];
  }

  render(byDay, from, to) {
    this.bins = bins(byDay);
    clear(this.box);
    if (this.bins.length === 0) {
      this.box.append(el("p", { class: "feed-note" }, "No dated events for these filters."));
      return;
    }
    const max = Math.max(...this.bins.map((b) => b.count), 1);
    const bw = W / this.bins.length;
    const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: "none", role: "img", "aria-label": `Events per day, ${this.bins[0].start} to ${this.bins[this.bins.length - 1].end}` });
    this.bins.forEach((b, i) => {
      const h = b.count ? Math.max(2, ((H - AXIS - 2) * b.count) / max) : 0;
      const inRange = (!from || b.end >= from) && (!to || b.start <= to) && (from || to);
      const label = b.start === b.end ? `${b.start}: ${b.count}` : `${b.start} – ${b.end}: ${b.count}`;
      chart.append(svg("rect", { class: `bar-rect${inRange ? " in" : ""}`, x: (i * bw + 0.5).toFixed(2), y: (H - AXIS - h).toFixed(2), width: Math.max(0.5, bw - 1).toFixed(2), height: h.toFixed(2) }, svg("title", {}, label)));
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
      const hi = Math.max(a, b);
      this.brush.setAttribute("x", (lo * bw).toFixed(2));
      this.brush.setAttribute("width", ((hi - lo + 1) * bw).toFixed(2));
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
