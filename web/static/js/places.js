// places.js: "Go to place". Typing asks the gazetteer (/api/places) for
// names starting with the text and offers them; choosing one (or pressing
// Enter on a name) jumps the map there.
import { Query } from "./api.js";
import { debounce, el } from "./dom.js";

// placeLabel is how a place is offered: "Aleppo, Aleppo, Syria".
export function placeLabel(p) {
  const parts = [p.name];
  for (const s of [p.admin1, p.country_name]) if (s && !parts.includes(s)) parts.push(s);
  return parts.join(", ");
}

// PlaceSearch binds the place form; go(place) is called with the chosen
// place (id, name, lat, lon, feature_class, feature_code, population).
export class PlaceSearch {
  constructor(form, go) {
    this.form = form;
    this.input = form.querySelector("input");
    this.list = form.querySelector("datalist");
    this.go = go;
    this.query = new Query();
    this.offered = [];
    this.input.addEventListener("input", debounce(() => this.suggest(), 200));
    // Picking a suggestion from the list sets the input's value to its label.
    this.input.addEventListener("change", () => this.choose());
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.choose(true);
    });
  }

  async suggest() {
    const text = this.input.value.trim();
    if (text.length < 2) return;
    try {
      const res = await this.query.run(`/api/places?q=${encodeURIComponent(text.slice(0, 200))}&limit=8`);
      if (!res) return;
      this.offered = res.places || [];
      this.list.replaceChildren(...this.offered.map((p) => el("option", { value: placeLabel(p) })));
    } catch {
      this.offered = [];
    }
  }

  // choose jumps to the offered place whose label is the input's text, or
  // (submit) to the first place the gazetteer has for it.
  async choose(submit = false) {
    const text = this.input.value.trim();
    let p = this.offered.find((o) => placeLabel(o) === text);
    if (!p && submit && text) {
      try {
        const res = await this.query.run(`/api/places?q=${encodeURIComponent(text.slice(0, 200))}&limit=1`);
        p = res && (res.places || [])[0];
      } catch {
        p = null;
      }
    }
    if (p) {
      this.form.dataset.place = p.id;
      this.go(p);
    }
  }
}
