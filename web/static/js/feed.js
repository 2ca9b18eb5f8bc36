// feed.js: the side panel listing the events of the current view (or
// area), newest first. Only PAGE rows at a time enter the DOM; hovering or
// focusing a row highlights its marker, activating it selects the event.
import { clear, el } from "./dom.js";
import { feedItem } from "./popup.js";

const PAGE = 100;

// Feed renders events into list; handlers.hover(id, on) and
// handlers.select(event) connect it to the map.
export class Feed {
  constructor(list, more, noteEl, handlers) {
    this.list = list;
    this.more = more;
    this.noteEl = noteEl;
    this.handlers = handlers;
    this.events = [];
    this.byId = new Map();
    this.shown = 0;
    this.selected = "";
    more.addEventListener("click", () => this.page());
    const row = (e) => e.target.closest && e.target.closest("li[data-event]");
    list.addEventListener("click", (e) => {
      const li = row(e);
      if (li && this.byId.has(li.dataset.event)) handlers.select(this.byId.get(li.dataset.event));
    });
    for (const [type, on] of [["mouseover", true], ["mouseout", false], ["focusin", true], ["focusout", false]]) {
      list.addEventListener(type, (e) => {
        const li = row(e);
        if (li) handlers.hover(li.dataset.event, on);
      });
    }
  }

  // render replaces the list with events (already newest first).
  render(events, selected) {
    this.events = events;
    this.byId = new Map(events.map((p) => [p.id, p]));
    this.selected = selected || "";
    this.shown = 0;
    clear(this.list);
    if (events.length === 0) {
      this.list.append(el("li", { class: "empty" }, "No events here with these filters. Zoom out, move the map or widen the filters."));
    }
    this.page();
    const li = this.selected && this.list.querySelector(`li[data-event="${CSS.escape(this.selected)}"]`);
    if (li) li.scrollIntoView({ block: "nearest" });
  }

  page() {
    const next = this.events.slice(this.shown, this.shown + PAGE);
    for (const p of next) {
      const li = feedItem(p);
      if (p.id === this.selected) li.classList.add("selected");
      this.list.append(li);
    }
    this.shown += next.length;
    this.more.hidden = this.shown >= this.events.length;
    this.more.textContent = `Show more (${(this.events.length - this.shown).toLocaleString("en")} left)`;
  }

  // select marks event id's row (or none for "").
  select(id) {
    this.selected = id;
    for (const li of this.list.querySelectorAll("li.selected")) li.classList.remove("selected");
    if (!id) return;
    const li = this.list.querySelector(`li[data-event="${CSS.escape(id)}"]`);
    if (li) {
      li.classList.add("selected");
      li.scrollIntoView({ block: "nearest" });
    }
  }

  // note says how many events the list holds of how many matched.
  note(matched, returned, area) {
    const where = area ? "in the selected area" : "in view";
    this.noteEl.textContent = returned < matched ? `· newest ${returned.toLocaleString("en")} of ${matched.toLocaleString("en")} ${where}` : `· ${matched.toLocaleString("en")} ${where}, newest first`;
  }
}
