// dom.js: building DOM nodes from data without ever parsing data as HTML,
// formatting event dates, and cutting UTF-8 byte spans out of JS strings.

const SVG_NS = "http://www.w3.org/2000/svg";

// el creates an element with attributes and children. Strings among the
// children become text nodes, so data is always rendered as text.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  append(node, children);
  return node;
}

// svg creates an SVG element with attributes (for static icons and charts).
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
}

// clear removes every child of node.
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// formatDate shows an event date only as precisely as it is known:
// day "2024-11-30", month "Nov 2024", year "2024".
export function formatDate(date, precision) {
  if (!date) return "date unknown";
  const d = new Date(date);
  if (Number.isNaN(d.getTime())) return "date unknown";
  const y = String(d.getUTCFullYear());
  switch (precision) {
    case "year":
      return y;
    case "month":
      return `${MONTHS[d.getUTCMonth()]} ${y}`;
    default:
      return d.toISOString().slice(0, 10);
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Bytes is a string with its UTF-8 encoding, so spans given as byte offsets
// (as the API gives them) can be cut without indexing the JS string.
export class Bytes {
  constructor(text) {
    this.bytes = encoder.encode(text || "");
  }
  get length() {
    return this.bytes.length;
  }
  // slice returns the text between byte offsets a and b, clamped to the text.
  slice(a, b = this.bytes.length) {
    const n = this.bytes.length;
    a = Math.max(0, Math.min(n, a | 0));
    b = Math.max(a, Math.min(n, b | 0));
    return decoder.decode(this.bytes.subarray(a, b));
  }
}

// highlight returns nodes for text with the byte span [start, end) wrapped
// in a <mark>; an invalid span gives the plain text.
export function highlight(text, start, end) {
  const b = new Bytes(text);
  if (!(Number.isInteger(start) && Number.isInteger(end)) || start < 0 || end <= start || end > b.length) {
    return [text || ""];
  }
  return [b.slice(0, start), el("mark", {}, b.slice(start, end)), b.slice(end)];
}

// sentenceNodes renders an event's sentence with its place highlighted; the
// offsets are UTF-8 byte offsets into the article, so the span inside the
// sentence is mention - sentence start.
export function sentenceNodes(p) {
  const s = p.sentence || "";
  const start = (p.mention_start ?? -1) - (p.sentence_start ?? 0);
  const end = (p.mention_end ?? -1) - (p.sentence_start ?? 0);
  return highlight(s, start, end);
}

// debounce delays fn until ms have passed without another call.
export function debounce(fn, ms) {
  let t = 0;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

// safeURL returns url when it is an absolute http(s) URL, else "".
export function safeURL(url) {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : "";
  } catch {
    return "";
  }
}
