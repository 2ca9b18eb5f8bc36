// filters.js: the filter controls (date range with its timeline, event
// types and sub-type, country, actor, the switch for province- and country-level
// events, free-text search) and the area buttons. Each edits the
// shared state and calls handlers.changed().
import { debounce, el } from "./dom.js";
import { Timeline } from "./timeline.js";
import { WeekChart } from "./weekchart.js";
import { DEFAULT_TYPES, SUBTYPES, TYPES, dot } from "./types.js";

const $ = (id) => document.getElementById(id);

// Filters binds the controls to state st.
export class Filters {
  constructor(st, handlers) {
    this.st = st;
    this.handlers = handlers;
    this.byDay = [];
    this.from = $("from");
    this.to = $("to");
    this.from.value = st.from;
    this.to.value = st.to;
    const dates = () => {
      let [f, t] = [this.from.value, this.to.value];
      if (f && t && f > t) [f, t] = [t, f];
      this.setRange(f, t);
    };
    this.from.addEventListener("change", dates);
    this.to.addEventListener("change", dates);
    $("dates-clear").addEventListener("click", () => this.setRange("", ""));
    this.line = new Timeline($("timeline"), (f, t) => this.setRange(f, t));
    this.weeks = [];
    this.weekChart = new WeekChart($("weekly"), (f, t) => this.setRange(f, t));

    this.typeBoxes = new Map();
    const box = $("types");
    for (const t of TYPES) {
      const cb = el("input", { type: "checkbox", value: t.name });
      cb.checked = (st.types || DEFAULT_TYPES).includes(t.name);
      cb.addEventListener("change", () => this.typesChanged(cb));
      const n = el("span", { class: "n" });
      this.typeBoxes.set(t.name, { cb, n });
      box.append(el("label", { title: t.name }, cb, dot(t.name, "small"), el("span", { class: "name" }, t.short), n));
    }

    this.subtype = $("subtype");
    for (const [type, subs] of Object.entries(SUBTYPES)) {
      this.subtype.append(el("optgroup", { label: type }, ...subs.map((sub) => el("option", { value: sub }, sub))));
    }
    if (st.subtype && !Object.values(SUBTYPES).some((subs) => subs.includes(st.subtype))) this.subtype.append(el("option", { value: st.subtype }, st.subtype));
    this.subtype.value = st.subtype;
    this.subtype.addEventListener("change", () => {
      this.st.subtype = this.subtype.value;
      this.handlers.changed();
    });

    this.country = $("country");
    if (st.country) this.country.append(el("option", { value: st.country }, st.country));
    this.country.value = st.country;
    this.country.addEventListener("change", () => {
      this.st.country = this.country.value;
      this.handlers.changed();
    });

    // The actor: a whole ACLED-style name, any case (the API's actor=).
    const actor = $("actor");
    actor.value = st.actor;
    const setActor = () => {
      const v = actor.value.trim().slice(0, 200);
      if (v === this.st.actor) return;
      this.st.actor = v;
      this.handlers.changed();
    };
    actor.addEventListener("input", debounce(setActor, 500));
    actor.addEventListener("change", setActor);

    this.coarse = $("coarse");
    this.coarse.checked = st.coarse;
    this.coarse.addEventListener("change", () => {
      this.st.coarse = this.coarse.checked;
      this.handlers.changed();
    });

    const q = $("q");
    q.value = st.q;
    const search = () => {
      const v = q.value.trim().slice(0, 200);
      if (v === this.st.q) return;
      this.st.q = v;
      this.handlers.changed();
    };
    q.addEventListener("input", debounce(search, 400));
    $("search").addEventListener("submit", (e) => {
      e.preventDefault();
      search();
    });

    $("area-draw").addEventListener("click", () => handlers.area("draw"));
    $("area-view").addEventListener("click", () => handlers.area("view"));
    $("area-clear").addEventListener("click", () => handlers.area("clear"));
  }

  setRange(from, to) {
    this.st.from = from;
    this.st.to = to;
    this.from.value = from;
    this.to.value = to;
    this.line.render(this.byDay, from, to);
    this.weekChart.render(this.weeks, from, to);
    this.handlers.changed();
  }

  typesChanged(cb) {
    const on = [...this.typeBoxes].filter(([, b]) => b.cb.checked).map(([name]) => name);
    if (on.length === 0) {
      cb.checked = true; // at least one type stays selected
      return;
    }
    const isDefault = on.length === DEFAULT_TYPES.length && DEFAULT_TYPES.every((t) => on.includes(t));
    this.st.types = isDefault ? null : on; // null: the server's default, events without mentions
    this.handlers.changed();
  }

  // viewCounts shows each type's events in the current view with the
  // current filters and search (an unticked type shows none).
  viewCounts(byType) {
    for (const [name, b] of this.typeBoxes) {
      const n = (byType || {})[name];
      b.n.textContent = n ? n.toLocaleString("en") : "";
      b.n.dataset.n = String(n || 0);
    }
  }

  // setTotals fills the country list from all-data stats.
  setTotals(stats) {
    let names = null;
    try {
      names = new Intl.DisplayNames(["en"], { type: "region" });
    } catch {
      names = null;
    }
    const label = (code) => {
      try {
        return (names && names.of(code)) || code;
      } catch {
        return code;
      }
    };
    const entries = Object.entries(stats.by_country || {})
      .filter(([code]) => /^[A-Z]{2}$/.test(code))
      .sort((a, b) => b[1] - a[1]);
    const cur = this.st.country;
    this.country.replaceChildren(el("option", { value: "" }, "All countries"));
    for (const [code, n] of entries) this.country.append(el("option", { value: code }, `${label(code)} (${n.toLocaleString("en")})`));
    if (cur && !entries.some(([code]) => code === cur)) this.country.append(el("option", { value: cur }, label(cur)));
    this.country.value = cur;
  }

  // timeline redraws the histogram from by_day counts.
  timeline(byDay) {
    this.byDay = byDay;
    this.line.render(byDay, this.st.from, this.st.to);
  }

  // weekly redraws the chart of events per week by type.
  weekly(weeks) {
    this.weeks = weeks;
    this.weekChart.render(weeks, this.st.from, this.st.to);
  }

  showArea(on) {
    $("area-clear").hidden = !on;
  }

  armed(on) {
    $("area-draw").setAttribute("aria-pressed", on ? "true" : "false");
  }
}
