// timeline.js: the histogram of events per day (from /api/stats by_day)
// drawn as SVG bars; dragging across it (or clicking a bar) picks the
// date range. The date inputs stay the keyboard way to set it. The axis,
// the grouping into bars and the brush are dateaxis.js's.
import { DAY, dayMs, dayStr, equalBins, finishChart, trimmed } from "./dateaxis.js";
import { clear, el, svg } from "./dom.js";

const MAX_BARS = 120;
const W = 352;
const H = 64;
const AXIS = 12;

// bins groups day counts into at most MAX_BARS equal bins from the first
// day to the last (outliers aside, see trimmed); each bin has inclusive
// start and end days. The list carries before and after: events left out.
export function bins(byDay) {
  const all = (byDay || []).filter((d) => d && /^\d{4}-\d{2}-\d{2}$/.test(d.day) && d.count > 0).sort((a, b) => (a.day < b.day ? -1 : 1));
  if (all.length === 0) return [];
  const { kept, before, after } = trimmed(all, (d) => d.day);
  const { bins: grid, width } = equalBins(kept, (d) => d.day, DAY, MAX_BARS);
  const last = dayMs(kept[kept.length - 1].day);
  const out = grid.map((b) => ({
    start: dayStr(b.startMs),
    end: dayStr(Math.min(last, b.startMs + (width - 1) * DAY)),
    count: b.items.reduce((n, d) => n + d.count, 0),
  }));
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
    this.brush = finishChart(chart, this.bins, { w: W, h: H, axisH: AXIS }, this.onRange);
    this.box.append(chart);
  }
}
