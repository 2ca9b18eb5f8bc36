// area.js: selecting a rectangular area on the map by dragging, either in
// "Select area" mode or with shift-drag at any time (Leaflet's shift-drag
// box zoom is turned off for this).

// AreaSelect lets the user drag a rectangle; onSelect(bounds) gets the result.
export class AreaSelect {
  constructor(L, map, onSelect) {
    this.L = L;
    this.map = map;
    this.onSelect = onSelect;
    this.armed = false;
    this.start = null;
    this.rect = null;
    this.shown = L.rectangle([[0, 0], [0, 0]], { color: "#c0392b", weight: 2, dashArray: "6 4", fillOpacity: 0.06, interactive: false });
    map.boxZoom.disable();
    const c = map.getContainer();
    c.addEventListener("pointerdown", (e) => this.down(e), true);
    c.addEventListener("pointermove", (e) => this.move(e), true);
    c.addEventListener("pointerup", (e) => this.up(e), true);
    this.onArm = () => {};
  }

  // arm turns the drag-to-select mode on or off.
  arm(on) {
    this.armed = on;
    document.body.classList.toggle("drawing", on);
    if (on) this.map.dragging.disable();
    else this.map.dragging.enable();
    this.onArm(on);
  }

  // show draws the selected area (bounds) or removes it (null).
  show(bounds) {
    if (bounds) {
      this.shown.setBounds(bounds);
      if (!this.map.hasLayer(this.shown)) this.shown.addTo(this.map);
    } else if (this.map.hasLayer(this.shown)) {
      this.map.removeLayer(this.shown);
    }
  }

  down(e) {
    if (e.button !== 0 || !(this.armed || e.shiftKey)) return;
    if (e.target.closest && e.target.closest(".leaflet-control, .leaflet-popup")) return;
    e.preventDefault();
    e.stopPropagation();
    this.map.dragging.disable();
    this.start = this.map.mouseEventToLatLng(e);
    this.rect = this.L.rectangle([this.start, this.start], { color: "#c0392b", weight: 2, fillOpacity: 0.1, interactive: false }).addTo(this.map);
    this.map.getContainer().setPointerCapture(e.pointerId);
  }

  move(e) {
    if (!this.start) return;
    e.preventDefault();
    e.stopPropagation();
    this.rect.setBounds(this.L.latLngBounds(this.start, this.map.mouseEventToLatLng(e)));
  }

  up(e) {
    if (!this.start) return;
    e.preventDefault();
    e.stopPropagation();
    const b = this.L.latLngBounds(this.start, this.map.mouseEventToLatLng(e));
    this.map.removeLayer(this.rect);
    this.rect = null;
    this.start = null;
    this.arm(false);
    const a = this.map.latLngToContainerPoint(b.getSouthWest());
    const z = this.map.latLngToContainerPoint(b.getNorthEast());
    if (Math.abs(a.x - z.x) < 4 || Math.abs(a.y - z.y) < 4) return; // a click, not a drag
    this.onSelect(b);
  }
}
