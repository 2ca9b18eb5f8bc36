package web

import (
	"context"
	"net/http"

	"github.com/paulmach/orb"

	"geoevents/geo"
	"geoevents/internal/store"
)

// A polygon search tests every event in the polygon's bound against every
// vertex, so its cost is (events in the bound) × (vertices + a fixed cost
// per event). Before running one, the server counts the events in the
// bound (the index answers that without testing any) and refuses the
// search when the product is over the budget: the work of a search is
// bounded by its cost, not by its vertex count alone, so a detailed
// outline of a quiet area passes and a crude one over a million events
// passes too, but not both at once. The figures are measured
// (TestPolygonCostOnBigStore, README).
const (
	// polygonEventCost is one event's fixed cost in vertex tests
	// (reading its row and calling the polygon function).
	polygonEventCost = 40
	// DefaultPolygonBudget is the most vertex tests one search may cost.
	DefaultPolygonBudget = 12_000_000
)

// polygonCostRule is one reason a polygon search is refused.
type polygonCostRule struct {
	name   string
	refuse func(vertices, events, budget int64) bool
	why    string
}

// polygonCostRules are checked in order (the vertex cap itself is
// ParsePolygon's).
var polygonCostRules = []polygonCostRule{
	{"over budget", func(v, n, budget int64) bool { return n*(v+polygonEventCost) > budget },
		"too many vertices for the number of events in its bound"},
}

// vertexCount counts the positions of a Polygon or MultiPolygon.
func vertexCount(mp orb.MultiPolygon) int64 {
	var n int64
	for _, p := range mp {
		for _, r := range p {
			n += int64(len(r))
		}
	}
	return n
}

// checkPolygonCost counts the events (mentions too: the polygon test runs
// on them before other filters) in the bound of the polygon as the store
// will read it (normalised, so one crossing the antimeridian is bounded
// by its own width, not the map's) and applies polygonCostRules. A
// polygon the store cannot read is left for the store to refuse.
func (s *Server) checkPolygonCost(ctx context.Context, g orb.Geometry) error {
	mp, ok := geo.MultiPolygonOf(g)
	if !ok || len(mp) == 0 {
		return nil
	}
	norm, err := geo.NormalizeMultiPolygon(mp)
	if err != nil {
		return nil
	}
	bound := geo.MultiPolygonBound(norm)
	page, err := s.st.Events(ctx, store.Filter{BBox: &bound, Mentions: true, Limit: 1})
	if err != nil {
		return err
	}
	v, n := vertexCount(mp), page.NumberMatched
	for _, r := range polygonCostRules {
		if r.refuse(v, n, s.cfg.PolygonBudget) {
			return apiErr(http.StatusBadRequest, "PolygonTooComplex",
				"polygon refused: %s (%d vertices, %d events in its bound; a search may test at most %d event-vertex pairs); simplify the polygon or search a smaller area",
				r.why, v, n, s.cfg.PolygonBudget)
		}
	}
	return nil
}
