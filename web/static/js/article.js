// article.js: the article view, an overlay showing an article's text with
// every mention highlighted and linked to its event on the map. Mention
// offsets are UTF-8 byte offsets into the text.
import { getJSON, eventOf } from "./api.js";
import { Bytes, clear, el, safeURL } from "./dom.js";
import { typeStyle } from "./types.js";

// mentionNodes cuts text into text nodes and links for the events' byte
// spans (sorted, overlaps dropped); link(p, text) makes one link.
export function mentionNodes(text, events, link) {
  const b = new Bytes(text);
  const spans = events
    .filter((p) => Number.isInteger(p.mention_start) && Number.isInteger(p.mention_end) && p.mention_start >= 0 && p.mention_end > p.mention_start && p.mention_end <= b.length)
    .sort((x, y) => x.mention_start - y.mention_start || y.mention_end - x.mention_end);
  const out = [];
  let at = 0;
  for (const p of spans) {
    if (p.mention_start < at) continue;
    out.push(b.slice(at, p.mention_start));
    out.push(link(p, b.slice(p.mention_start, p.mention_end)));
    at = p.mention_end;
  }
  out.push(b.slice(at));
  return out;
}

// ArticleView shows one article at a time in the #article overlay.
export class ArticleView {
  constructor(onEvent, onClose) {
    this.box = document.getElementById("article");
    this.title = document.getElementById("article-title");
    this.meta = document.getElementById("article-meta");
    this.text = document.getElementById("article-text");
    this.onEvent = onEvent;
    this.onClose = onClose;
    this.id = "";
    document.getElementById("article-close").addEventListener("click", () => this.close());
    this.box.addEventListener("keydown", (e) => {
      if (e.key === "Escape") this.close();
    });
    this.box.addEventListener("click", (e) => {
      if (e.target === this.box) this.close();
    });
  }

  // open loads and shows article id; it rejects when the API fails.
  async open(id) {
    const body = await getJSON(`/api/articles/${encodeURIComponent(id)}`);
    const a = body.article || body;
    const events = (body.events || a.events || []).map(eventOf);
    this.id = id;
    this.title.textContent = a.title || "(untitled)";
    clear(this.meta);
    const when = a.published ? new Date(a.published).toISOString().slice(0, 10) : "";
    const bits = [a.source, when].filter(Boolean).join(" · ");
    if (bits) this.meta.append(bits);
    const url = safeURL(a.url);
    if (url) this.meta.append(bits ? " · " : "", el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, "original"));
    clear(this.text);
    this.text.append(
      ...mentionNodes(a.text || "", events, (p, s) => {
        const t = typeStyle(p.type);
        const link = el("a", { class: "mention", href: `#ev=${encodeURIComponent(p.id)}`, "data-event": p.id, title: `${p.type || t.name}: ${p.place_name || s}` }, s);
        link.style.borderBottomColor = t.color;
        link.addEventListener("click", (e) => {
          e.preventDefault();
          this.close();
          this.onEvent(p);
        });
        return link;
      }),
    );
    this.box.hidden = false;
    this.box.querySelector(".close").focus();
  }

  // close hides the view.
  close() {
    if (this.box.hidden) return;
    this.box.hidden = true;
    this.id = "";
    this.onClose();
  }
}
