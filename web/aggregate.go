package web

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"geoevents/internal/store"
)

// MaxAggregateZoom is the largest map zoom /api/aggregate accepts (Leaflet
// maps go to 18; a few more levels are harmless).
const MaxAggregateZoom = 22

// aggregateLevelOverZoom is how many grid levels finer than the zoom the
// cells are: 2^2 cells across a 256-pixel tile, about 64 pixels each, room
// for a cluster's circle and label.
const aggregateLevelOverZoom = 2

// aggregateRules are the parameters of /api/aggregate: the event filters
// and the map zoom.
func aggregateRules() paramRules { return paramRules{filters: true, extra: []string{"zoom"}} }

// aggregate is GET /api/aggregate: the events matching the same filters as
// /api/events, grouped on the server into grid cells sized for the map's
// zoom (about 64 pixels across), as a GeoJSON FeatureCollection of points
// at each cell's mean position with count, fatalities and dominant type;
// numberMatched is the events in all the cells. The map draws these when a
// view holds more events than it can show one by one.
func (s *Server) aggregate(c echo.Context) error {
	q := c.QueryParams()
	f, err := parseFilter(q, aggregateRules())
	if err != nil {
		return err
	}
	level, err := aggregateLevel(q.Get("zoom"))
	if err != nil {
		return err
	}
	return s.respondCached(c, "/api/aggregate", q, mimeGeoJSON, func(ctx context.Context, _ string) ([]byte, error) {
		cells, err := s.st.Aggregate(ctx, f, level)
		if err != nil {
			return nil, err
		}
		return appendCells(make([]byte, 0, 64+160*len(cells)), cells, level), nil
	})
}

// aggregateLevel turns the zoom parameter into a grid level.
func aggregateLevel(zoom string) (int, error) {
	if zoom == "" {
		return 0, paramErr("zoom", "required: the map zoom (0 to %d) the cells are sized for", MaxAggregateZoom)
	}
	z, err := strconv.Atoi(zoom)
	if err != nil || z < 0 || z > MaxAggregateZoom {
		return 0, paramErr("zoom", "expected a whole number from 0 to %d, got %q", MaxAggregateZoom, truncate(zoom, 40))
	}
	return min(z+aggregateLevelOverZoom, store.MaxAggregateLevel), nil
}

// appendCells writes the cells as a GeoJSON FeatureCollection, with the
// totals over all cells: numberMatched, fatalities and by_type.
func appendCells(b []byte, cells []store.Cell, level int) []byte {
	var total, fatal int64
	byType := map[string]int64{}
	for _, c := range cells {
		total += c.Count
		fatal += c.Fatalities
		for t, n := range c.Types {
			byType[t] += n
		}
	}
	b = append(b, `{"type":"FeatureCollection","level":`...)
	b = strconv.AppendInt(b, int64(level), 10)
	b = append(b, `,"numberMatched":`...)
	b = strconv.AppendInt(b, total, 10)
	b = append(b, `,"fatalities":`...)
	b = strconv.AppendInt(b, fatal, 10)
	b = append(b, `,"by_type":`...)
	b = appendCounts(b, byType)
	b = append(b, `,"numberReturned":`...)
	b = strconv.AppendInt(b, int64(len(cells)), 10)
	b = append(b, `,"features":[`...)
	for i, c := range cells {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"type":"Feature","geometry":{"type":"Point","coordinates":[`...)
		b = appendCoord(b, c.Lon)
		b = append(b, ',')
		b = appendCoord(b, c.Lat)
		b = append(b, `]},"properties":{"count":`...)
		b = strconv.AppendInt(b, c.Count, 10)
		b = append(b, `,"fatalities":`...)
		b = strconv.AppendInt(b, c.Fatalities, 10)
		b = append(b, `,"type":`...)
		b = appendString(b, c.Type)
		b = append(b, `,"types":`...)
		b = appendCounts(b, c.Types)
		b = append(b, `,"bbox":[`...)
		for j, v := range []float64{c.Bounds.MinLon, c.Bounds.MinLat, c.Bounds.MaxLon, c.Bounds.MaxLat} {
			if j > 0 {
				b = append(b, ',')
			}
			b = appendCoord(b, v)
		}
		b = append(b, "]}}"...)
	}
	return append(b, "]}\n"...)
}

// appendCounts writes counts by name as a JSON object, names sorted.
func appendCounts(b []byte, counts map[string]int64) []byte {
	b = append(b, '{')
	for i, name := range slices.Sorted(maps.Keys(counts)) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, name)
		b = append(b, ':')
		b = strconv.AppendInt(b, counts[name], 10)
	}
	return append(b, '}')
}

// appendString writes s as a JSON string (types come from imported
// files: any text).
func appendString(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // a string always encodes
	return append(b, q...)
}

// appendCoord writes a degree value at the micro-degree precision served.
func appendCoord(b []byte, v float64) []byte { return strconv.AppendFloat(b, v, 'f', -1, 64) }
