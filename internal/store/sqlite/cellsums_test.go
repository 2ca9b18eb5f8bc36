package sqlite

import (
	"context"
	"testing"

	"geoevents/geo"
	"geoevents/internal/store"
	"geoevents/internal/store/hilbert"
)

// TestCellSumsSmallBox: a box of exactly 2 × 2 cells of the cell sums
// (its h ranges found at a finer level) counts each event once, from the
// sums alone or, for a box a little larger, with the strips around them
// walked, at the sums' level and coarser.
func TestCellSumsSmallBox(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	cx, cy := hilbert.Column(37_100_000, cellSumsLevel), hilbert.Row(36_100_000, cellSumsLevel)
	lo, hi := hilbert.CellBox(cx, cy, cellSumsLevel), hilbert.CellBox(cx+1, cy+1, cellSumsLevel)
	lon, lat := float64(lo.MinX+hi.MaxX)/2e6, float64(lo.MinY+hi.MaxY)/2e6
	a, evs := article("https://example.org/cells", "cells", 40, lon, lat)
	for i := range evs {
		evs[i].Lon = float64(lo.MinX+int64(i)*(hi.MaxX-lo.MinX)/39) / 1e6
		evs[i].Lat = float64(lo.MinY+int64(i)*(hi.MaxY-lo.MinY)/39) / 1e6
	}
	if _, err := s.SaveArticle(ctx, a, evs); err != nil {
		t.Fatal(err)
	}
	for _, b := range []geo.BBox{
		{MinLon: float64(lo.MinX) / 1e6, MinLat: float64(lo.MinY) / 1e6, MaxLon: float64(hi.MaxX) / 1e6, MaxLat: float64(hi.MaxY) / 1e6},
		{MinLon: float64(lo.MinX)/1e6 - 0.01, MinLat: float64(lo.MinY)/1e6 - 0.01, MaxLon: float64(hi.MaxX)/1e6 + 0.01, MaxLat: float64(hi.MaxY)/1e6 + 0.01},
	} {
		if _, _, _, _, _, ok := innerCells(microBox{micro(b.MinLon), micro(b.MinLat), micro(b.MaxLon), micro(b.MaxLat)}); !ok {
			t.Fatalf("box %+v covers no whole cell", b)
		}
		for _, level := range []int{cellSumsLevel, cellSumsLevel - 3} {
			cells, err := s.Aggregate(ctx, store.Filter{BBox: &b}, level)
			if err != nil {
				t.Fatal(err)
			}
			var n int64
			for _, c := range cells {
				n += c.Count
			}
			if n != int64(len(evs)) {
				t.Errorf("box %+v at level %d: %d events in the cells, want %d", b, level, n, len(evs))
			}
		}
	}
}
