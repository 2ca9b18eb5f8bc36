// live.js: live mode. The server tells (Server-Sent Events, /api/live)
// how many events it holds whenever the number changes; new ones show as
// an "N new" badge over the map instead of the map moving under the
// reader. Activating the badge loads them into the current view.
import { el } from "./dom.js";

// newCount is how many events arrived since the reader last looked.
export function newCount(baseline, total) {
  return baseline >= 0 && total > baseline ? total - baseline : 0;
}

// Live connects to /api/live and keeps badge in step; show() is called
// when the reader asks for the new events.
export class Live {
  constructor(badge, show) {
    this.badge = badge;
    this.show = show;
    this.baseline = -1;
    this.total = -1;
    badge.addEventListener("click", () => {
      this.baseline = this.total;
      this.render();
      this.show();
    });
    if (typeof EventSource !== "function") return;
    this.source = new EventSource("/api/live");
    this.source.addEventListener("total", (e) => {
      let d;
      try {
        d = JSON.parse(e.data);
      } catch {
        return;
      }
      this.total = Number(d.total);
      if (this.baseline < 0) this.baseline = this.total;
      this.render();
    });
  }

  render() {
    const n = newCount(this.baseline, this.total);
    this.badge.hidden = n === 0;
    this.badge.dataset.n = String(n);
    this.badge.replaceChildren(el("strong", {}, n.toLocaleString("en")), n === 1 ? " new event" : " new events", el("span", { class: "sr" }, " — show them"));
  }
}
