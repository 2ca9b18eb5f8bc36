// popup.js: the content of an event's popup and feed item, built as DOM
// nodes so every string from the API stays text.
import { getJSON } from "./api.js";
import { el, formatDate, sentenceNodes } from "./dom.js";
import { dot, typeStyle } from "./types.js";

// resolvedPlace is "Place, Admin1, Country" without empty or repeated parts.
export function resolvedPlace(p) {
  const parts = [];
  for (const s of [p.place_name, p.admin1, p.country]) {
    if (s && !parts.includes(s)) parts.push(s);
  }
  return parts.join(", ");
}

// popupContent returns the popup element of event p; onArticle(p) is called
// when its article link is followed.
export function popupContent(p, onArticle) {
  const t = typeStyle(p.type);
  const written = p.mention || p.place_name || "";
  const resolved = resolvedPlace(p);
  const box = el(
    "div",
    { class: "pop", "data-event": p.id },
    el("div", { class: "type" }, dot(p.type, "small"), el("span", {}, p.type || t.name, p.subtype ? el("small", {}, ` · ${p.subtype}`) : null)),
    el("h3", {}, written),
    resolved && resolved !== written ? el("p", { class: "resolved" }, `Resolved: ${resolved}`) : el("p", { class: "resolved" }, resolved),
    el("p", { class: "meta" }, formatDate(p.date, p.date_precision), p.date && (p.date_precision === "month" || p.date_precision === "year") ? ` (${p.date_precision} known)` : "", p.fatalities ? ` · ${p.fatalities} killed` : ""),
    p.sentence ? el("blockquote", { class: "sentence" }, sentenceNodes(p)) : null,
  );
  if (p.article_id) {
    const a = el("a", { class: "art", href: `#article=${encodeURIComponent(p.article_id)}` }, p.article_title || "Read the article");
    a.addEventListener("click", (e) => {
      e.preventDefault();
      onArticle(p);
    });
    box.append(a);
  }
  const src = [p.source, typeof p.score === "number" ? `score ${p.score.toFixed(2)}` : ""].filter(Boolean).join(" · ");
  if (src) box.append(el("p", { class: "meta" }, src));
  if (p.sources > 1) box.append(sourcesList(p, onArticle));
  return box;
}

// sourcesList is the "N sources" part of the popup of an incident that
// several articles report: the count at once, then each source (article,
// outlet, the toll it states) as /api/incidents lists them (at most 100,
// and how many more).
export function sourcesList(p, onArticle) {
  const list = el("ul", { class: "sources-list" });
  const box = el("div", { class: "sources", "data-sources": String(p.sources) }, el("p", { class: "meta" }, el("strong", {}, `${p.sources} sources`), " · lowest toll stated"), list);
  getJSON(`/api/incidents/${encodeURIComponent(p.id)}`)
    .then((inc) => {
      for (const r of inc.reports || []) {
        const a = el("a", { class: "art", href: `#article=${encodeURIComponent(r.article_id || "")}` }, r.title || r.source || "article");
        a.addEventListener("click", (e) => {
          e.preventDefault();
          onArticle({ ...p, article_id: r.article_id });
        });
        list.append(el("li", {}, a, [r.source, r.fatalities ? `${r.fatalities} killed` : ""].filter(Boolean).map((s) => ` · ${s}`).join("")));
      }
      if (inc.more > 0) list.append(el("li", { class: "more" }, `and ${inc.more} more`));
    })
    .catch(() => list.append(el("li", { class: "more" }, "sources unavailable")));
  return box;
}

// feedItem returns the feed row of event p.
export function feedItem(p) {
  const btn = el(
    "button",
    { type: "button", "data-event": p.id, "aria-label": `${p.place_name || p.mention || "Event"}, ${p.type || ""}, ${formatDate(p.date, p.date_precision)}` },
    el("span", { class: "ico" }, dot(p.type)),
    el("span", { class: "head" }, el("span", { class: "place" }, p.place_name || p.mention || "?"), el("span", { class: "date" }, formatDate(p.date, p.date_precision))),
    el("span", { class: "snip" }, p.sentence ? sentenceNodes(p) : p.type || ""),
    el("span", { class: "src" }, [p.type, p.fatalities ? `${p.fatalities} killed` : "", p.sources > 1 ? `${p.sources} sources` : "", p.article_title].filter(Boolean).join(" · ")),
  );
  return el("li", { "data-event": p.id }, btn);
}

// tooltipContent is the short hover label of event p.
export function tooltipContent(p) {
  return el("span", { class: "tip" }, el("strong", {}, p.place_name || p.mention || "?"), ` · ${p.type || ""} · ${formatDate(p.date, p.date_precision)}${p.fatalities ? ` · ${p.fatalities} killed` : ""}`);
}
