package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"geoevents/internal/feeds/feedtest"
)

// strikeStories are three outlets' reports of one air strike on
// Maarat al-Numan on Monday, told in their own words with their own tolls.
var strikeStories = []struct {
	outlet, text string
	toll         int
}{
	{"Wire", "An air strike hit the town of Maarat al-Numan in Idlib province on Monday, killing 12 civilians, rescue workers said.", 12},
	{"Local", "Warplanes carried out an air strike on Maarat al-Numan on Monday. At least 9 civilians were killed, according to the civil defence.", 9},
	{"Monitor", "The monitor said an air strike struck a market in Maarat al-Numan on Monday, killing 15 civilians and wounding dozens more.", 15},
}

// filler makes a story long enough to be read as an article (no page
// fetch), in words no rule reads as an event.
const filler = "\n\nResidents described scenes of confusion as families searched for relatives among the stalls. " +
	"Aid groups appealed for access to the area and for supplies to reach the hospital, which serves several villages nearby. " +
	"Local officials said schools would stay closed for the rest of the week while crews cleared the streets and checked the buildings. " +
	"Humanitarian agencies said they were working with partners on the ground to assess needs and to organise the delivery of food and water."

// TestIncidentFromThreeFeeds is issue 16's "the same event from three
// feeds is one incident with three sources": three local feeds (RSS, Atom,
// JSON Feed) each carry another outlet's article about the same air
// strike; after a watch, the API shows one event with sources 3 and the
// lowest of the three tolls, /api/incidents lists the three articles, and
// `incidents split` makes one report an event of its own again.
func TestIncidentFromThreeFeeds(t *testing.T) {
	bin := binary(t)
	site := feedtest.New()
	t.Cleanup(site.Close)
	var list strings.Builder
	for i, s := range strikeStories {
		path := fmt.Sprintf("/%s/feed", strings.ToLower(s.outlet))
		story := feedtest.Story{ID: "strike-" + s.outlet, Title: s.outlet + ": air strike on Maarat al-Numan", Text: s.text + filler,
			Byline: s.outlet + " reporter", Published: watchDay.Add(-2 * 3600e9)}
		site.SetFeed(path, feedtest.Feed{Title: s.outlet, Format: feedtest.Format(i % 3), Stories: []feedtest.Story{story}})
		fmt.Fprintf(&list, "%s\n", site.URL(path))
	}
	feeds := filepath.Join(t.TempDir(), "feeds.txt")
	if err := os.WriteFile(feeds, []byte(list.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "events.db")
	watchOnce(t, bin, db, feeds)
	if articles, _, _ := dbCounts(t, db); articles != 3 {
		t.Fatalf("%d articles stored, want the 3 reports", articles)
	}

	base, stop := serveDB(t, bin, db)
	var fc struct {
		NumberMatched int `json:"numberMatched"`
		Features      []struct {
			ID         string         `json:"id"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	getJSON(t, base+"/api/events", &fc)
	if fc.NumberMatched != 1 || len(fc.Features) != 1 || fc.Features[0].Properties["sources"] != 3.0 || fc.Features[0].Properties["fatalities"] != 9.0 {
		t.Fatalf("GET /api/events: %d matched, %+v; want one event with sources 3 and 9 dead", fc.NumberMatched, fc.Features)
	}
	var inc struct {
		Sources int `json:"sources"`
		Reports []struct {
			EventID    string `json:"event_id"`
			ArticleID  string `json:"article_id"`
			Source     string `json:"source"`
			Fatalities int    `json:"fatalities"`
		} `json:"reports"`
	}
	getJSON(t, base+"/api/incidents/"+fc.Features[0].ID, &inc)
	tolls := map[int]bool{}
	articles := map[string]bool{}
	for _, r := range inc.Reports {
		tolls[r.Fatalities], articles[r.ArticleID] = true, true
	}
	if inc.Sources != 3 || len(inc.Reports) != 3 || len(articles) != 3 || !tolls[12] || !tolls[9] || !tolls[15] {
		t.Fatalf("GET /api/incidents: %+v; want the three articles with 12, 9 and 15 dead", inc)
	}
	stop()

	split := inc.Reports[1].EventID
	out, err := exec.Command(bin, "--db", db, "incidents", "split", split).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "split 1 of 1") {
		t.Fatalf("incidents split: %v\n%s", err, out)
	}
	out, err = exec.Command(bin, "--db", db, "incidents", "show", inc.Reports[0].EventID).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "2 sources") {
		t.Errorf("incidents show after the split: %v\n%s", err, out)
	}
	if out, err := exec.Command(bin, "--db", db, "check").CombinedOutput(); err != nil {
		t.Errorf("check after the split: %v\n%s", err, out)
	}
}

// serveDB serves db on a free port and returns its base URL and a stop
// function (also run at the end of the test).
func serveDB(t *testing.T, bin, db string) (string, func()) {
	t.Helper()
	addr := freeAddr(t)
	cmd := exec.Command(bin, "--db", db, "serve", "--addr", addr, "--tiles", "none")
	var logs bytes.Buffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			_ = cmd.Process.Signal(syscall.SIGTERM)
			_ = cmd.Wait()
		}
	}
	t.Cleanup(stop)
	base := "http://" + addr
	waitHealthy(t, base, &logs)
	return base, stop
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}
