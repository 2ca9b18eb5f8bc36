// feedhealth.js: the health of the feeds the server follows, in the
// panel: each feed's status, last poll, articles and last error. The
// section stays hidden when the server follows no feeds. It is a module of
// its own (loaded by index.html), independent of the map's.
import { getJSON } from "./api.js";
import { clear, el } from "./dom.js";

// REFRESH_MS is how often the panel asks /api/feeds again.
const REFRESH_MS = 60000;

// ago says how long before now a time was, roughly ("3 min ago").
function ago(iso, now = Date.now()) {
  if (!iso) return "never";
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

// feedRow is one feed's line: a status dot, its title, what it last did.
function feedRow(f) {
  const ok = f.status === "ok";
  const title = f.title || f.url;
  const detail = [`${f.status}`, `polled ${ago(f.last_poll)}`, `${f.articles} articles`].join(" · ");
  return el(
    "li",
    { class: `feed-health ${ok ? "ok" : "bad"}`, "data-status": f.status, title: f.url },
    el("span", { class: "fh-dot", "aria-hidden": "true" }),
    el("span", { class: "fh-title" }, title),
    el("span", { class: "fh-detail" }, detail),
    f.last_error ? el("span", { class: "fh-error" }, f.last_error) : null,
  );
}

// showFeedHealth fills section (with its list) from /api/feeds now and
// every REFRESH_MS; a failed refresh keeps the last answer.
export function showFeedHealth(section) {
  const list = section.querySelector("ul");
  const summary = section.querySelector(".fh-summary");
  const refresh = async () => {
    let body;
    try {
      body = await getJSON("/api/feeds");
    } catch {
      return;
    }
    const feeds = (body && body.feeds) || [];
    section.hidden = feeds.length === 0;
    clear(list);
    for (const f of feeds) list.append(feedRow(f));
    const failing = feeds.filter((f) => f.status !== "ok").length;
    summary.textContent = failing ? `${feeds.length} followed, ${failing} failing` : `${feeds.length} followed`;
  };
  refresh();
  setInterval(refresh, REFRESH_MS);
}

const section = document.getElementById("feeds-health");
if (section) showFeedHealth(section);
