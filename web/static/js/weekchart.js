// weekchart.js: the chart of events per week by type (from /api/weekly,
// counted on the server) drawn as stacked SVG bars in the types' colours;
// dragging across it (or clicking a bar) picks the date range, whole weeks
// Monday to Sunday, as the day timeline does (the axis, the grouping into
// bars and the brush are dateaxis.js's).
import { DAY, dayStr, equalBins, finishChart, trimmed } from "./dateaxis.js";
import { clear, el, svg } from "./dom.js";
import { TYPES, typeStyle } from "./types.js";

const WEEK = 7 * DAY;
const MAX_BARS = 80;
const W = 352;
const H = 72;
const AXIS = 12;

// weekBins turns the API's weeks into at most MAX_BARS bars of equal
// length from the first week to the last, each with its start (a Monday),
// end (a Sunday), count and counts by type. Weeks holding under 1% of the
// events at either end are left out when keeping them would squeeze the
// rest into a few bars (dateaxis.js trimmed: one old event does not
// stretch the axis); the list carries before and after, the events left
// out, and weeks, how many weeks a bar spans.
export function weekBins(weeks) {
  const all = (weeks || []).filter((w) => w && /^\d{4}-\d{2}-\d{2}$/.test(w.week) && w.count > 0).sort((a, b) => (a.week < b.week ? -1 : 1));
  if (all.length === 0) return [];
  const { kept, before, after } = trimmed(all, (w) => w.week);
  const { bins: grid, width } = equalBins(kept, (w) => w.week, WEEK, MAX_BARS);
  const out = grid.map((b) => {
    const byType = {};
    for (const w of b.items) for (const [t, n] of Object.entries(w.by_type || {})) byType[t] = (byType[t] || 0) + n;
    return { start: dayStr(b.startMs), end: dayStr(b.startMs + width * WEEK - DAY), count: b.items.reduce((n, w) => n + w.count, 0), byType };
  });
  out.before = before;
  out.after = after;
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
    this.brush = finishChart(chart, this.bins, { w: W, h: H, axisH: AXIS }, this.onRange);
    this.box.append(chart);
  }
}
