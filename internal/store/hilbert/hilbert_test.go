package hilbert

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestIndexCellInverse: Cell inverts Index on every cell of the small
// levels, Index numbers them 0 … 4^level-1 once each, and consecutive
// indices are neighbouring cells (the curve never jumps).
func TestIndexCellInverse(t *testing.T) {
	for level := range 7 {
		n := int64(1) << level
		seen := make([]bool, n*n)
		for cx := range n {
			for cy := range n {
				d := Index(cx, cy, level)
				if d < 0 || d >= n*n || seen[d] {
					t.Fatalf("level %d: cell %d,%d has index %d (out of range or repeated)", level, cx, cy, d)
				}
				seen[d] = true
				if x, y := Cell(d, level); x != cx || y != cy {
					t.Fatalf("level %d: Cell(Index(%d,%d)) = %d,%d", level, cx, cy, x, y)
				}
			}
		}
		for d := int64(1); d < n*n; d++ {
			x0, y0 := Cell(d-1, level)
			x1, y1 := Cell(d, level)
			if abs(x1-x0)+abs(y1-y0) != 1 {
				t.Fatalf("level %d: indices %d and %d are cells %d,%d and %d,%d, not neighbours", level, d-1, d, x0, y0, x1, y1)
			}
		}
	}
}

func abs(v int64) int64 { return max(v, -v) }

// TestHierarchy: a point's cell at a level is its finest cell's index
// shifted right by two bits a level, at every level, so a coarse cell is
// one range of fine indices.
func TestHierarchy(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	points := [][2]int64{{minX, minY}, {maxX, maxY}, {minX, maxY}, {maxX, minY}, {0, 0}, {-1, -1}, {179_999_999, 89_999_999}}
	for range 2000 {
		points = append(points, [2]int64{r.Int64N(spanX+1) + minX, r.Int64N(spanY+1) + minY})
	}
	for _, p := range points {
		fine := PointIndex(p[0], p[1], MaxLevel)
		for level := range MaxLevel + 1 {
			if got, want := PointIndex(p[0], p[1], level), fine>>(2*(MaxLevel-level)); got != want {
				t.Fatalf("point %v level %d: index %d, want %d", p, level, got, want)
			}
		}
	}
}

// TestCellBoxTiles: each cell's box holds exactly the coordinates whose
// column and row are the cell's: its edges are in it, one micro-degree
// beyond is in the next cell, the first and last reach the world's edges.
func TestCellBoxTiles(t *testing.T) {
	for _, level := range []int{0, 1, 3, 7, 11, MaxLevel} {
		n := int64(1) << level
		for _, c := range []int64{0, 1, n / 3, n / 2, n - 2, n - 1} {
			if c < 0 || c >= n {
				continue
			}
			b := CellBox(c, c, level) // a diagonal cell: column and row c
			if Column(b.MinX, level) != c || Column(b.MaxX, level) != c || Row(b.MinY, level) != c || Row(b.MaxY, level) != c {
				t.Errorf("level %d cell %d,%d: box %+v does not map back to the cell", level, c, c, b)
			}
			if c > 0 && (Column(b.MinX-1, level) != c-1 || Row(b.MinY-1, level) != c-1) {
				t.Errorf("level %d cell %d,%d: %d,%d is not in the cell before", level, c, c, b.MinX-1, b.MinY-1)
			}
			if c < n-1 && (Column(b.MaxX+1, level) != c+1 || Row(b.MaxY+1, level) != c+1) {
				t.Errorf("level %d cell %d,%d: %d,%d is not in the next cell", level, c, c, b.MaxX+1, b.MaxY+1)
			}
		}
		first, last := CellBox(0, 0, level), CellBox(n-1, n-1, level)
		if first.MinX != minX || first.MinY != minY || last.MaxX != maxX || last.MaxY != maxY {
			t.Errorf("level %d: first cell %+v, last %+v do not reach the world's edges", level, first, last)
		}
	}
}

// ExamplePointIndex: Aleppo's cell at level 4 (16 × 16 cells), its index
// along the curve and its bounds.
func ExamplePointIndex() {
	x, y := int64(37_161_170), int64(36_201_240)
	d := PointIndex(x, y, 4)
	cx, cy := Cell(d, 4)
	fmt.Println(d, cx, cy, CellBox(cx, cy, 4).Degrees())
	// Output: 140 9 11 22.5,33.75,44.999999,44.999999
}

func BenchmarkPointIndex(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		PointIndex(int64(i%360_000_000)-180_000_000, int64(i%180_000_000)-90_000_000, MaxLevel)
	}
}
