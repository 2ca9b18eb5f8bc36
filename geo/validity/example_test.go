package validity_test

import (
	"fmt"

	"github.com/paulmach/orb"

	"geoevents/geo/validity"
)

func ExamplePolygon() {
	square := orb.Polygon{{{0, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}}}
	bowTie := orb.Polygon{{{0, 0}, {2, 2}, {2, 0}, {0, 2}, {0, 0}}}
	fmt.Println(validity.Polygon(square))
	fmt.Println(validity.Polygon(bowTie))
	// Output:
	// <nil>
	// ring 1 crosses or touches itself: edges from positions 1 and 3 meet near [1, 1]
}
