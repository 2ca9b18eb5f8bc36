package sqlite

import (
	"context"
	"database/sql"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

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
