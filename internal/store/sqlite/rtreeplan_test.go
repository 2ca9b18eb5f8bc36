package sqlite

import (
	"context"
	"database/sql"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"geoevents/geo"
	"geoevents/internal/event"
	"geoevents/internal/store"
)

// rtreePlanIDs runs p's R*Tree plan (count and page) and returns the page's ids.
func rtreePlanIDs(ctx context.Context, t *testing.T, s *Store, p *plan, matched int64) []string {
	t.Helper()
	tx, err := s.r.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	rtx := cachedTx{tx: tx, cache: s.stmts}
	n, err := p.rtCount(ctx, rtx)
	if err != nil {
		t.Fatal(err)
	}
	if n != matched {
		t.Errorf("R*Tree plan counts %d, want %d", n, matched)
	}
	if err := p.rtKey(ctx, rtx); err != nil {
		t.Fatal(err)
	}
	got := rtreePage(ctx, t, rtx, p)
	if !p.rtIDs.Valid {
		t.Fatalf("no candidate rowids from the count")
	}
	query, args := pageByIDsSQL(p.f, p.order, p.orderArgs, p.rtIDs.String)
	var byIDs []string
	if err := eachRow(ctx, rtx, query, args, func(e *event.Event) error { byIDs = append(byIDs, e.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(byIDs, got) {
		t.Errorf("page %v by candidate rowids, %v by last key", byIDs, got)
	}
	// The last key found apart from the count, as when many match.
	last := p.rtLast
	p.rtLast, p.rtLastKnown = sql.NullFloat64{}, false
	if err := p.rtKey(ctx, rtx); err != nil {
		t.Fatal(err)
	}
	if p.rtLast != last {
		t.Errorf("last key %v from the count, %v alone", last, p.rtLast)
	}
	if apart := rtreePage(ctx, t, rtx, p); !slices.Equal(apart, got) {
		t.Errorf("page %v with the last key from the count, %v with it alone", got, apart)
	}
	return got
}

func rtreePage(ctx context.Context, t *testing.T, rtx cachedTx, p *plan) []string {
	t.Helper()
	query, args := p.rt.pageSQL(p.f, p.order, p.orderArgs, p.rtLast)
	var got []string
	if err := eachRow(ctx, rtx, query, args, func(e *event.Event) error { got = append(got, e.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	return got
}

// TestNearEdgeAtRadius pins near filters at the radius: events whose
// micro-degree R*Tree position is on the other side of the radius than
// their exact position are judged by their exact position, in counts and
// pages, whichever plan runs.
func TestNearEdgeAtRadius(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	evs := []event.Event{
		{ID: "a-below", PlaceName: "a", Lon: 37, Lat: 36.0999996}, // rounds to 36.1
		{ID: "b-on", PlaceName: "b", Lon: 37, Lat: 36.1},
		{ID: "c-above", PlaceName: "c", Lon: 37, Lat: 36.1000004}, // rounds to 36.1
		{ID: "d-centre", PlaceName: "d", Lon: 37, Lat: 36},
	}
	if _, err := s.ImportEvents(ctx, seqOf(evs)); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lat  float64 // the radius reaches exactly this latitude north of (37, 36)
		want []string
	}{
		{36.0999996, []string{"d-centre", "a-below"}},
		{36.1, []string{"d-centre", "a-below", "b-on"}},
		{36.1000004, []string{"d-centre", "a-below", "b-on", "c-above"}},
	}
	for _, tt := range tests {
		c := &geo.Circle{Lon: 37, Lat: 36, RadiusKm: geo.DistanceKm(37, 36, 37, tt.lat)}
		for _, limit := range []int{0, 1, 2} {
			p, err := s.Events(ctx, store.Filter{Near: c, Limit: limit})
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want
			if limit > 0 {
				want = want[:min(limit, len(want))]
			}
			if got := ids(p.Events); p.NumberMatched != int64(len(tt.want)) || !slices.Equal(got, want) {
				t.Errorf("radius to %v limit %d: %d matched, %v; want %d, %v", tt.lat, limit, p.NumberMatched, got, len(tt.want), want)
			}
		}
	}
}

// TestHaversineSQLWithinSlack checks the R*Tree distance against
// geo.DistanceKm on random points: within nearSlackKm, anywhere on earth.
func TestHaversineSQLWithinSlack(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		lon0, lat0 := r.Float64()*360-180, r.Float64()*180-90
		lon, lat := r.Float64()*360-180, r.Float64()*180-90
		if i%2 == 0 { // near the centre, where radii usually are
			lon, lat = max(-180, min(180, lon0+r.NormFloat64()*0.1)), max(-90, min(90, lat0+r.NormFloat64()*0.1))
		}
		expr, args := haversineSQL(lon0, lat0)
		var h float64
		q := "SELECT " + expr + " FROM (SELECT ? AS min_lon, ? AS min_lat)"
		if err := s.r.QueryRowContext(ctx, q, append(args, micro(lon), micro(lat))...).Scan(&h); err != nil {
			t.Fatal(err)
		}
		want := geo.DistanceKm(lon, lat, lon0, lat0)
		if got := distanceOf(h); math.Abs(got-want) > nearSlackKm/2 {
			t.Fatalf("(%v,%v) to (%v,%v): R*Tree distance %v km, exact %v km", lon, lat, lon0, lat0, got, want)
		}
	}
}

// TestMigrationAddsDays opens a database whose R*Tree has no day keys yet
// (schema 3) and checks that migration 4 fills them: day-limited box
// queries then agree with the brute-force reference. An update of an
// event's date keeps its day key in step.
func TestMigrationAddsDays(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v3.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var all []event.Event
	for e := range genEvents(1000, 3) {
		all = append(all, e)
	}
	if _, err := s.ImportEvents(ctx, seqOf(all)); err != nil {
		t.Fatal(err)
	}
	// Back to schema 3's R*Tree.
	if _, err := s.w.ExecContext(ctx, `DROP TABLE events_rtree;
		CREATE VIRTUAL TABLE events_rtree USING rtree_i32(id, min_lon, max_lon, min_lat, max_lat);
		INSERT INTO events_rtree SELECT rowid, `+e6("lon")+`, `+e6("lon")+`, `+e6("lat")+`, `+e6("lat")+` FROM events;
		ALTER TABLE events DROP COLUMN explain;
		ALTER TABLE articles DROP COLUMN extractor;
		PRAGMA user_version = 3;`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		for _, f := range []store.Filter{
			{BBox: boxAround(37.16, 36.2, 2), From: time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC), Limit: 10},
			{BBox: boxAround(37.16, 36.2, 2), Limit: 10, Offset: 3},
		} {
			p, err := s.Events(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			want := reference(all, f)
			if len(want) <= f.Offset+f.Limit {
				t.Fatalf("%s: %d matches, not a useful case", when, len(want))
			}
			if got, w := ids(p.Events), ids(want[min(f.Offset, len(want)):min(f.Offset+f.Limit, len(want))]); p.NumberMatched != int64(len(want)) || !slices.Equal(got, w) {
				t.Errorf("%s: %d matched, %v; want %d, %v", when, p.NumberMatched, got, len(want), w)
			}
		}
	}
	check("after migration")
	// Move the newest events in the box into 2017, as an UPDATE would.
	newest, err := s.Events(ctx, store.Filter{BBox: boxAround(37.16, 36.2, 2), Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	moved := time.Date(2017, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, e := range newest.Events {
		if _, err := s.w.ExecContext(ctx, "UPDATE events SET date = ? WHERE id = ?", moved.Unix(), e.ID); err != nil {
			t.Fatal(err)
		}
		for i := range all {
			if all[i].ID == e.ID {
				all[i].Date = moved
			}
		}
	}
	check("after update")
}
