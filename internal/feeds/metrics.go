package feeds

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"
)

// fetchBuckets are the upper bounds, in seconds, of the fetch latency
// histogram; lagBuckets those of the ingest lag (publication to storage).
var (
	fetchBuckets = []float64{0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30}
	lagBuckets   = []float64{60, 300, 900, 3600, 6 * 3600, 24 * 3600, 7 * 24 * 3600}
)

// histogram is a Prometheus histogram: cumulative counts per bucket.
type histogram struct {
	bounds []float64
	counts []uint64 // per bucket, not cumulative; the last is +Inf
	sum    float64
	n      uint64
}

func newHistogram(bounds []float64) *histogram {
	return &histogram{bounds: bounds, counts: make([]uint64, len(bounds)+1)}
}

func (h *histogram) observe(v float64) {
	i := sort.SearchFloat64s(h.bounds, v)
	h.counts[i]++
	h.sum += v
	h.n++
}

// Metrics counts what the watcher does, written in the Prometheus text
// exposition format. It is safe for concurrent use.
type Metrics struct {
	mu       sync.Mutex
	polls    map[string]uint64 // by result: ok, not-modified, error
	errors   map[string]uint64 // by kind
	items    map[string]uint64 // by item rule
	articles uint64
	events   uint64
	fetch    map[string]*histogram // by what was fetched: feed, page
	lag      *histogram
	lastLag  float64
}

func newMetrics() *Metrics {
	return &Metrics{
		polls:  map[string]uint64{},
		errors: map[string]uint64{},
		items:  map[string]uint64{},
		fetch:  map[string]*histogram{"feed": newHistogram(fetchBuckets), "page": newHistogram(fetchBuckets)},
		lag:    newHistogram(lagBuckets),
	}
}

func (m *Metrics) poll(result string) { m.mu.Lock(); m.polls[result]++; m.mu.Unlock() }
func (m *Metrics) fail(kind string)   { m.mu.Lock(); m.errors[kind]++; m.mu.Unlock() }
func (m *Metrics) item(rule string)   { m.mu.Lock(); m.items[rule]++; m.mu.Unlock() }

func (m *Metrics) observeFetch(what string, d time.Duration) {
	m.mu.Lock()
	m.fetch[what].observe(d.Seconds())
	m.mu.Unlock()
}

// ingested counts an article stored with its events; lag is the time from
// its publication to now (negative or unknown lags are not observed).
func (m *Metrics) ingested(created bool, events int, lag time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if created {
		m.articles++
		m.events += uint64(events)
	}
	if lag > 0 {
		m.lag.observe(lag.Seconds())
		m.lastLag = lag.Seconds()
	}
}

// WriteTo writes the metrics in the Prometheus text format (version 0.0.4).
func (m *Metrics) WriteTo(w io.Writer) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var b strings.Builder
	counterVec(&b, "geoevents_feed_polls_total", "Feed polls by result.", "result", m.polls)
	counterVec(&b, "geoevents_feed_errors_total", "Feed and page errors by kind.", "kind", m.errors)
	counterVec(&b, "geoevents_feed_items_total", "Feed items by the rule that decided them.", "rule", m.items)
	scalar(&b, "geoevents_feed_articles_ingested_total", "counter", "Articles stored from feeds.", float64(m.articles))
	scalar(&b, "geoevents_feed_events_ingested_total", "counter", "Events derived from the articles stored from feeds.", float64(m.events))
	fmt.Fprintf(&b, "# HELP geoevents_feed_fetch_seconds Fetch latency of feeds and pages.\n# TYPE geoevents_feed_fetch_seconds histogram\n")
	for _, what := range sortedKeys(m.fetch) {
		writeHistogram(&b, "geoevents_feed_fetch_seconds", `what="`+what+`",`, m.fetch[what])
	}
	fmt.Fprintf(&b, "# HELP geoevents_feed_ingest_lag_seconds Time from an item's publication to its storage.\n# TYPE geoevents_feed_ingest_lag_seconds histogram\n")
	writeHistogram(&b, "geoevents_feed_ingest_lag_seconds", "", m.lag)
	scalar(&b, "geoevents_feed_last_ingest_lag_seconds", "gauge", "Ingest lag of the last article stored.", m.lastLag)
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

func counterVec(b *strings.Builder, name, help, label string, v map[string]uint64) {
	fmt.Fprintf(b, "# HELP %s %s\n# TYPE %s counter\n", name, help, name)
	for _, k := range sortedKeys(v) {
		fmt.Fprintf(b, "%s{%s=%q} %d\n", name, label, k, v[k])
	}
}

func scalar(b *strings.Builder, name, typ, help string, v float64) {
	fmt.Fprintf(b, "# HELP %s %s\n# TYPE %s %s\n%s %g\n", name, help, name, typ, name, v)
}

func writeHistogram(b *strings.Builder, name, labels string, h *histogram) {
	var cum uint64
	for i, le := range h.bounds {
		cum += h.counts[i]
		fmt.Fprintf(b, "%s_bucket{%sle=\"%g\"} %d\n", name, labels, le, cum)
	}
	cum += h.counts[len(h.bounds)]
	fmt.Fprintf(b, "%s_bucket{%sle=\"+Inf\"} %d\n", name, labels, cum)
	l := strings.TrimSuffix(labels, ",")
	if l != "" {
		l = "{" + l + "}"
	}
	fmt.Fprintf(b, "%s_sum%s %g\n%s_count%s %d\n", name, l, h.sum, name, l, h.n)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
