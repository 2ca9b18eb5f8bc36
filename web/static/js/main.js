// main.js: the geoevents web map. It wires the map, the event markers, the
// feed, the filters, the area query, the article view and the permalink
// together; one load() per change keeps map, feed and counts in step.
import { Query, getJSON, eventOf } from "./api.js";
import { AreaSelect } from "./area.js";
import { ArticleView } from "./article.js";
import { CellLayer } from "./cells.js";
import { addLabels, addOfflineBasemap, addTiles } from "./basemap.js";
import { addProvinces } from "./provinces.js";
import { debounce, el } from "./dom.js";
import { Feed } from "./feed.js";
import { Live } from "./live.js";
import { PlaceSearch } from "./places.js";
import { Filters } from "./filters.js";
import { popupContent, tooltipContent } from "./popup.js";
import { clusterClick, reveal } from "./reveal.js";
import { bboxParam, boxOf, filterParams, stateFromURL, stateToURL } from "./state.js";
import { clusterIcon, legendControl, markerIcon } from "./types.js";
import { ViewQuery } from "./viewquery.js";

// notice shows a message over the map (kind "error" for failures).
function notice(text, kind = "") {
  const n = document.getElementById("notice");
  n.textContent = text;
  n.className = `notice ${kind}`.trim();
  n.hidden = !text;
}

class App {
  constructor(L, st) {
    this.L = L;
    this.st = st;
    this.markers = new Map(); // event id → Leaflet marker
    this.events = [];
    this.seq = 0;
    this.updating = false; // a marker update is running
    this.reopen = ""; // event whose popup that update closed
    this.view = new ViewQuery();
    this.statsQuery = new Query();
    this.weeklyQuery = new Query();
    this.statsURL = ""; // the timeline's current stats query
    this.countEl = document.getElementById("count");
    document.body.dataset.busy = "1";
    document.body.dataset.loads = "0";

    const map = L.map("map", { center: st.center, zoom: st.zoom, minZoom: 2, maxZoom: 18, worldCopyJump: true, zoomControl: true });
    this.map = map;
    map.attributionControl.addAttribution("Places: GeoNames");
    this.cluster = L.markerClusterGroup({
      chunkedLoading: true,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      zoomToBoundsOnClick: false,
      // Synchronous (un)spiderfying lets load() reopen a popup that a
      // marker update closed.
      animate: false,
      maxClusterRadius: 48,
      iconCreateFunction: (c) => clusterIcon(L, c),
    }).addTo(map);
    // A cluster of events at one place cannot split by zooming: spread it.
    this.cluster.on("clusterclick", (e) => clusterClick(map, e.layer));
    this.cells = new CellLayer(L, map);
    this.layers = L.control.layers({}, { Events: this.cluster, "Event density": this.cells.group }, { collapsed: true, position: "topright" }).addTo(map);
    legendControl(L).addTo(map);
    L.control.scale({ imperial: false }).addTo(map);

    this.area = new AreaSelect(L, map, (b) => this.setArea(boxOf(b)));
    this.feed = new Feed(document.getElementById("feed"), document.getElementById("feed-more"), document.getElementById("feed-note"), {
      hover: (id, on) => this.highlight(id, on),
      select: (p) => this.selectEvent(p),
    });
    this.filters = new Filters(st, {
      changed: () => this.changed(),
      area: (cmd) => this.areaCommand(cmd),
    });
    this.area.onArm = (on) => this.filters.armed(on);
    this.places = new PlaceSearch(document.getElementById("place-search"), (p) => this.goTo(p));
    this.live = new Live(document.getElementById("live-badge"), () => {
      this.statsURL = ""; // the timeline too
      this.load();
    });
    this.article = new ArticleView(
      (p) => this.selectById(p.id),
      () => {
        this.st.article = "";
        this.saveURL();
      },
    );

    // A change of view or filters makes any answer in flight stale at
    // once, not only when the next load starts (250 ms later): otherwise
    // an answer for the old view or filters, arriving in that gap, would
    // be drawn, counted and reported loaded as if it were the new one's.
    const later = debounce(() => this.load(), 250);
    this.reload = () => {
      this.seq++;
      document.body.dataset.busy = "1";
      later();
    };
    map.on("moveend", () => {
      const c = map.getCenter();
      this.st.center = [c.lat, c.lng];
      this.st.zoom = map.getZoom();
      this.saveURL();
      if (!this.st.area) this.reload();
    });
    map.on("popupopen", (e) => {
      const id = e.popup._source && e.popup._source.options.evId;
      if (!id) return;
      this.st.ev = id;
      this.feed.select(id);
      this.saveURL();
    });
    map.on("popupclose", (e) => {
      const id = e.popup._source && e.popup._source.options.evId;
      if (id && this.updating) {
        this.reopen = id; // closed by a marker update, not by the user
        return;
      }
      if (id && this.st.ev === id) {
        this.st.ev = "";
        this.feed.select("");
        this.saveURL();
      }
    });
  }

  async start() {
    if (this.st.area) this.area.show(this.boundsOf(this.st.area));
    this.filters.showArea(!!this.st.area);
    const first = this.load();
    const outlines = addOfflineBasemap(this.L, this.map, first);
    // Labels after the first view: the first town labels load the
    // server's gazetteer (most of a CPU-second), which must not share the
    // two cores with the view's aggregate.
    Promise.all([outlines, first])
      .then(() => addLabels(this.L, this.map))
      .then((labels) => addTiles(this.L, this.map, this.layers, labels))
      .catch((err) => notice(`Basemap unavailable: ${err.message}`, "error"));
    // Province borders also wait for the first view: they are detail, and
    // each country's file is fetched only once it is in view.
    Promise.all([outlines, first])
      .then(() => addProvinces(this.L, this.map, getJSON))
      .catch(() => {});
    await first;
    // The country list counts every event: asked after the first view and
    // after the timeline and the weekly chart, one request at a time, so
    // they never share the CPU with the view's own queries or each other.
    await this.background;
    getJSON("/api/stats?mentions=true")
      .then((s) => this.filters.setTotals(s))
      .catch(() => {});
    if (this.st.ev) await this.selectById(this.st.ev, { fly: false });
    if (this.st.article) this.openArticle(this.st.article);
  }

  boundsOf(box) {
    return this.L.latLngBounds([box[1], box[0]], [box[3], box[2]]);
  }

  // query returns the API query string (without "?") for the current view,
  // area and filters.
  query() {
    const p = filterParams(this.st);
    p.set("bbox", bboxParam(this.st.area || boxOf(this.map.getBounds())));
    return p;
  }

  changed() {
    this.saveURL();
    this.reload();
  }

  saveURL() {
    history.replaceState(null, "", stateToURL(this.st));
  }

  // load fetches the aggregate of the current view and filters, then
  // either draws its cells (many events) or loads the events themselves
  // (few), and updates the markers, the feed, the count and the download
  // link together. The aggregate also gives the view's exact totals.
  async load() {
    const seq = ++this.seq;
    document.body.dataset.busy = "1";
    // New filters: the timeline's and the chart's answers in flight are
    // for the old ones; stop them, so that the view has the server to
    // itself (they are asked again after it).
    if (`/api/stats?${this.statsParams()}` !== this.statsURL) {
      this.statsQuery.abort();
      this.weeklyQuery.abort();
    }
    const q = this.query();
    document.getElementById("download").href = `/api/export.geojson?${q}`;
    document.getElementById("download-csv").href = `/api/export.csv?${q}`;
    const started = performance.now();
    let view;
    try {
      performance.mark(`ge:load ${seq}`);
      view = await this.view.run(q, this.map.getZoom());
      performance.mark(`ge:events ${seq}`);
    } catch (err) {
      notice(`Could not load events: ${err.message}`, "error");
      if (seq === this.seq) document.body.dataset.busy = "0";
      return;
    }
    if (view === null || seq !== this.seq) return; // superseded
    const { agg, fc, mode } = view;
    notice("");
    this.events = (fc.features || []).map(eventOf);
    this.updating = true;
    this.reopen = "";
    try {
      if (mode.mode === "cells") {
        this.cells.show(agg.features || []);
        this.showMarkers([]);
      } else {
        this.cells.clear();
        this.showMarkers(this.events);
      }
    } finally {
      this.updating = false;
    }
    const m = this.reopen && this.reopen === this.st.ev && this.markers.get(this.reopen);
    if (m) reveal(this.map, this.cluster, m, { fly: false }).then(() => m.openPopup());
    this.feed.render(this.events, this.st.ev);
    this.showCount(fc, q.toString(), agg, mode);
    this.filters.viewCounts(agg.by_type);
    document.body.dataset.mode = mode.mode;
    document.body.dataset.modeRule = mode.rule;
    performance.mark(`ge:drawn ${seq}`);
    document.body.dataset.loadMs = String(Math.round(performance.now() - started));
    document.body.dataset.busy = "0";
    document.body.dataset.loads = String(Number(document.body.dataset.loads) + 1);
    // The timeline and the weekly chart after the view, one after the
    // other: they cover all places and need not hold the view up.
    this.background = this.statsNow();
  }

  // statsNow refreshes the timeline, then the weekly chart: events per
  // day (per week) for the type, country and text filters over all
  // places, or over the selected area. (Not per view: panning does not
  // redraw them.)
  async statsNow() {
    const p = this.statsParams();
    const url = `/api/stats?${p}`;
    if (url === this.statsURL) return;
    this.statsURL = url;
    document.getElementById("weekly").dataset.busy = "1";
    let s;
    let failed = false;
    try {
      s = await this.statsQuery.run(url);
    } catch {
      failed = true;
    }
    if (url !== this.statsURL) return; // a newer call took over: it asks for its own chart
    if (s === null) {
      this.statsURL = ""; // stopped for a new view, which asks again
      return;
    }
    if (failed) {
      this.statsURL = "";
      this.filters.timeline([]);
    } else {
      this.filters.timeline(s.by_day || []);
    }
    await this.weeklyNow(p);
  }

  // statsParams are the parameters of the timeline and the weekly chart.
  statsParams() {
    const p = filterParams(this.st, { dates: false });
    if (this.st.area) p.set("bbox", bboxParam(this.st.area));
    return p;
  }

  // weeklyNow refreshes the chart of events per week by type for the same
  // parameters as the timeline (counted on the server, /api/weekly).
  async weeklyNow(p) {
    const chart = document.getElementById("weekly");
    chart.dataset.busy = "1";
    try {
      const w = await this.weeklyQuery.run(`/api/weekly?${p}`);
      if (!w) return; // superseded
      this.filters.weekly(w.weeks || []);
      chart.dataset.query = p.toString();
    } catch {
      this.statsURL = "";
      this.filters.weekly([]);
    }
    chart.dataset.busy = "0";
  }

  // showCount writes the view's totals (events and fatalities, exact from
  // the aggregate) and says how they are drawn.
  showCount(fc, query, agg, mode) {
    const matched = Number(agg.numberMatched ?? fc.numberMatched ?? this.events.length);
    const returned = Number(fc.numberReturned ?? this.events.length);
    const fatalities = Number(agg.fatalities) || 0;
    const c = this.countEl;
    c.dataset.query = query;
    c.dataset.matched = String(matched);
    c.dataset.fatalities = String(fatalities);
    c.replaceChildren(el("strong", { id: "count-n" }, matched.toLocaleString("en")), matched === 1 ? " event" : " events");
    if (fatalities > 0) c.append(" · ", el("strong", { id: "count-fatalities" }, fatalities.toLocaleString("en")), fatalities === 1 ? " fatality" : " fatalities");
    c.append(this.st.area ? " in area" : " in view");
    const cells = (agg.features || []).length;
    const cap = document.getElementById("capped");
    if (mode.mode === "cells") {
      c.append(el("span", { class: "capped" }, ` · in ${cells.toLocaleString("en")} groups`));
      cap.hidden = false;
      cap.textContent = `${matched.toLocaleString("en")} events here are drawn as ${cells.toLocaleString("en")} groups counted on the server: zoom in or narrow the filters to see single events.`;
    } else {
      if (returned < matched) c.append(el("span", { class: "capped" }, ` · showing ${returned.toLocaleString("en")}`));
      cap.hidden = returned >= matched;
      cap.textContent = cap.hidden ? "" : `The map shows the newest ${returned.toLocaleString("en")} of ${matched.toLocaleString("en")} events here: zoom in or narrow the filters to see them all.`;
    }
    this.feed.note(matched, returned, !!this.st.area);
  }

  // showMarkers updates the cluster layer to the events, keeping markers
  // that stay (so an open popup survives a reload) and the selected one.
  showMarkers(events) {
    const want = new Map(events.map((p) => [p.id, p]));
    const drop = [];
    for (const [id, m] of this.markers) {
      if (!want.has(id) && id !== this.st.ev) {
        drop.push(m);
        this.markers.delete(id);
      }
    }
    const add = [];
    for (const p of events) {
      if (this.markers.has(p.id) || !Number.isFinite(p.lat) || !Number.isFinite(p.lon)) continue;
      const m = this.marker(p);
      this.markers.set(p.id, m);
      add.push(m);
    }
    if (drop.length) this.cluster.removeLayers(drop);
    if (add.length) this.cluster.addLayers(add);
  }

  marker(p) {
    const m = this.L.marker([p.lat, p.lon], { icon: markerIcon(this.L, p.type, p.id, p.fatalities, p.geo_precision), evId: p.id, evType: p.type, ev: p, keyboard: true, title: p.place_name || p.mention || "" });
    m.bindPopup(() => popupContent(p, (ev) => this.openArticle(ev.article_id)), { maxWidth: 340, autoPanPadding: [30, 30] });
    m.bindTooltip(() => tooltipContent(p), { direction: "top", offset: [0, -12], opacity: 0.95 });
    return m;
  }

  // highlight marks the marker of event id, or the cluster holding it;
  // the mark is remembered, not looked up again, because the clusters may
  // have been redrawn between hovering a feed row and leaving it.
  highlight(id, on) {
    if (this.hot) {
      this.hot.classList.remove("hot");
      this.hot = null;
    }
    if (!on) return;
    const m = this.markers.get(id);
    if (!m) return;
    const shown = this.cluster.getVisibleParent(m);
    const node = shown && shown.getElement && shown.getElement();
    if (node) {
      node.classList.add("hot");
      this.hot = node;
    }
  }

  // selectEvent flies to event p and opens its popup, adding its marker
  // when the current view did not load it.
  selectEvent(p, { fly = true } = {}) {
    this.st.ev = p.id;
    this.feed.select(p.id);
    this.saveURL();
    let m = this.markers.get(p.id);
    if (!m) {
      if (!Number.isFinite(p.lat) || !Number.isFinite(p.lon)) return;
      m = this.marker(p);
      this.markers.set(p.id, m);
      this.cluster.addLayer(m);
    }
    reveal(this.map, this.cluster, m, { fly }).then(() => {
      if (this.st.ev === p.id) m.openPopup();
    });
  }

  // selectById selects an event by id, fetching it when no marker has it.
  async selectById(id, opts) {
    const m = this.markers.get(id);
    if (m) return this.selectEvent(m.options.ev, opts);
    try {
      this.selectEvent(eventOf(await getJSON(`/api/events/${encodeURIComponent(id)}`)), opts);
    } catch (err) {
      notice(`Could not load the event: ${err.message}`, "error");
      this.st.ev = "";
      this.saveURL();
    }
  }

  async openArticle(id) {
    if (!id) return;
    this.map.closePopup();
    try {
      await this.article.open(id);
      this.st.article = id;
      this.saveURL();
    } catch (err) {
      notice(`Could not load the article: ${err.message}`, "error");
      this.st.article = "";
      this.saveURL();
    }
  }

  // goTo jumps the map to a gazetteer place, framed for its kind.
  goTo(p) {
    this.map.setView([p.lat, p.lon], placeZoom(p));
  }

  setArea(box) {
    this.st.area = box;
    this.area.show(box ? this.boundsOf(box) : null);
    this.filters.showArea(!!box);
    this.changed();
  }

  areaCommand(cmd) {
    if (cmd === "draw") this.area.arm(!this.area.armed);
    else if (cmd === "view") this.setArea(boxOf(this.map.getBounds()));
    else if (cmd === "clear") this.setArea(null);
  }
}

// PLACE_ZOOMS frame a place by its GeoNames feature class and code: the
// first rule that matches gives the zoom.
const PLACE_ZOOMS = [
  { test: (p) => p.feature_class === "A" && p.feature_code === "PCLI", zoom: 6 },
  { test: (p) => p.feature_class === "A" && p.feature_code === "ADM1", zoom: 8 },
  { test: (p) => p.feature_class === "A", zoom: 9 },
  { test: (p) => p.feature_class === "P" && p.population >= 1e6, zoom: 11 },
  { test: (p) => p.feature_class === "P", zoom: 13 },
  { test: () => true, zoom: 10 },
];

function placeZoom(p) {
  return PLACE_ZOOMS.find((r) => r.test(p)).zoom;
}

function main() {
  performance.mark("ge:main");
  const L = window.L;
  if (!L || !L.markerClusterGroup) {
    notice("The map libraries are missing from this build: run `npm ci --prefix web && npm run --prefix web build`, then rebuild geoevents.", "error");
    document.getElementById("count").textContent = "Map unavailable";
    document.body.dataset.busy = "0";
    return;
  }
  const st = stateFromURL(location.hash.slice(1));
  if (!st.viewSet && window.innerWidth < 600) st.zoom -= 1; // the whole region on a phone
  const app = new App(L, st);
  // The API menu closes on a click elsewhere or Escape.
  const menu = document.getElementById("api-menu");
  document.addEventListener("click", (e) => {
    if (menu.open && !menu.contains(e.target)) menu.open = false;
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && menu.open) menu.open = false;
  });
  app.start();
  // A hand-edited or pasted permalink fragment restarts from that state.
  window.addEventListener("hashchange", () => location.reload());
}

main();
