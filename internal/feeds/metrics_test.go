package feeds

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestMetricsExposition(t *testing.T) {
	m := newMetrics()
	m.poll("ok")
	m.poll("ok")
	m.poll("error")
	m.fail(KindTimeout)
	m.item("full-text")
	m.observeFetch("feed", 300*time.Millisecond)
	m.observeFetch("feed", 20*time.Second)
	m.ingested(true, 3, 2*time.Hour)
	m.ingested(false, 3, 0)
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"# TYPE geoevents_feed_polls_total counter\n",
		`geoevents_feed_polls_total{result="error"} 1` + "\n",
		`geoevents_feed_polls_total{result="ok"} 2` + "\n",
		`geoevents_feed_errors_total{kind="timeout"} 1` + "\n",
		`geoevents_feed_items_total{rule="full-text"} 1` + "\n",
		"geoevents_feed_articles_ingested_total 1\n",
		"geoevents_feed_events_ingested_total 3\n",
		`geoevents_feed_fetch_seconds_bucket{what="feed",le="0.25"} 0` + "\n",
		`geoevents_feed_fetch_seconds_bucket{what="feed",le="0.5"} 1` + "\n",
		`geoevents_feed_fetch_seconds_bucket{what="feed",le="+Inf"} 2` + "\n",
		`geoevents_feed_fetch_seconds_count{what="feed"} 2` + "\n",
		`geoevents_feed_fetch_seconds_count{what="page"} 0` + "\n",
		`geoevents_feed_ingest_lag_seconds_bucket{le="3600"} 0` + "\n",
		`geoevents_feed_ingest_lag_seconds_bucket{le="21600"} 1` + "\n",
		"geoevents_feed_ingest_lag_seconds_sum 7200\n",
		"geoevents_feed_last_ingest_lag_seconds 7200\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("metrics lack %q:\n%s", want, out)
		}
	}
	// Every sample line is "name{labels} value" or "name value".
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		if f := strings.Fields(line); len(f) != 2 || !strings.HasPrefix(f[0], "geoevents_feed_") {
			t.Errorf("bad sample line %q", line)
		}
	}
}
