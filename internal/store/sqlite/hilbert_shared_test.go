package sqlite

import (
	"math/rand/v2"
	"testing"

	"geoevents/internal/store/hilbert"
)

// TestHilbertMatchesShared: the store's own grid (the h column, its cells
// and bounds) is the shared grid of package hilbert that the other
// backends aggregate on, so both give the same cells in the same order.
func TestHilbertMatchesShared(t *testing.T) {
	if hilbertLevel != hilbert.MaxLevel {
		t.Fatalf("h column at level %d, shared grid's finest %d", hilbertLevel, hilbert.MaxLevel)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		x, y := r.Int64N(spanX+1)+minX, r.Int64N(spanY+1)+minY
		if got, want := pointHilbert(x, y), hilbert.PointIndex(x, y, hilbert.MaxLevel); got != want {
			t.Fatalf("point %d,%d: h %d, shared %d", x, y, got, want)
		}
		level := r.IntN(hilbertLevel + 1)
		cx, cy := cellX(x, level), cellY(y, level)
		if cx != hilbert.Column(x, level) || cy != hilbert.Row(y, level) {
			t.Fatalf("point %d,%d level %d: cell %d,%d, shared %d,%d", x, y, level, cx, cy, hilbert.Column(x, level), hilbert.Row(y, level))
		}
		d := hilbertIndex(cx, cy, level)
		if d != hilbert.Index(cx, cy, level) {
			t.Fatalf("cell %d,%d level %d: index %d, shared %d", cx, cy, level, d, hilbert.Index(cx, cy, level))
		}
		if gx, gy := hilbert.Cell(d, level); gx != cx || gy != cy {
			t.Fatalf("index %d level %d: shared cell %d,%d, want %d,%d", d, level, gx, gy, cx, cy)
		}
		if b, sb := (cell{level, cx, cy}).bounds(), hilbert.CellBox(cx, cy, level); b != microBox(sb) {
			t.Fatalf("cell %d,%d level %d: bounds %+v, shared %+v", cx, cy, level, b, sb)
		}
	}
}
