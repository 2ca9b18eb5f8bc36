package sqlite

import (
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/paulmach/orb"
	"modernc.org/sqlite"

	"geoevents/geo"
)

// The SQL functions below are registered once with the driver, like the
// driver itself registers with database/sql; they are pure and hold no state.
//
//	geo_distance_km(lon, lat, lon2, lat2) → great-circle km (geo.DistanceKm)
//	geo_in_polygon(lon, lat, polygon)     → 1 when the point is inside (or on
//	                                        the edge of) the encoded MultiPolygon,
//	                                        normalised (geo.Region)
func init() {
	sqlite.MustRegisterFunction("geo_distance_km", &sqlite.FunctionImpl{
		NArgs: 4, Deterministic: true,
		Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			var v [4]float64
			for i, a := range args {
				f, ok := toFloat(a)
				if !ok {
					return nil, nil
				}
				v[i] = f
			}
			return geo.DistanceKm(v[0], v[1], v[2], v[3]), nil
		},
	})
	regions := &regionCache{m: map[string]*geo.Region{}}
	sqlite.MustRegisterFunction("geo_in_polygon", &sqlite.FunctionImpl{
		NArgs: 3, Deterministic: true, VolatileArgs: true,
		Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			lon, ok1 := toFloat(args[0])
			lat, ok2 := toFloat(args[1])
			blob, ok3 := args[2].([]byte)
			if !ok1 || !ok2 || !ok3 {
				return nil, nil
			}
			r, err := regions.get(blob)
			if err != nil {
				return nil, err
			}
			if r.Contains(lon, lat) {
				return int64(1), nil
			}
			return int64(0), nil
		},
	})
}

// regionCache holds the regions of the polygon blobs queried last. A
// polygon search calls geo_in_polygon once per event in the polygon's
// bound, always with the same blob; decoding it on every call cost more
// than the point tests (64 s and 22 GB allocated for a 2,000-vertex
// polygon over 640,000 events). SQLite functions are registered for the
// whole process, so the cache is too; it is small and only ever cleared.
type regionCache struct {
	mu sync.Mutex
	m  map[string]*geo.Region
}

// maxCachedRegions bounds the cache: concurrent polygon queries are few.
const maxCachedRegions = 8

func (c *regionCache) get(blob []byte) (*geo.Region, error) {
	c.mu.Lock()
	r, ok := c.m[string(blob)]
	c.mu.Unlock()
	if ok {
		return r, nil
	}
	mp, err := decodePolygon(blob)
	if err != nil {
		return nil, err
	}
	r = geo.NewRegion(mp)
	c.mu.Lock()
	if len(c.m) >= maxCachedRegions {
		clear(c.m)
	}
	c.m[string(blob)] = r
	c.mu.Unlock()
	return r, nil
}

func toFloat(v driver.Value) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int64:
		return float64(x), true
	}
	return 0, false
}

// encodePolygon packs a MultiPolygon as little-endian counts and float64
// positions: nPolys, then per polygon nRings, per ring nPoints and points.
func encodePolygon(mp orb.MultiPolygon) []byte {
	b := binary.LittleEndian.AppendUint32(nil, uint32(len(mp)))
	for _, p := range mp {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(p)))
		for _, r := range p {
			b = binary.LittleEndian.AppendUint32(b, uint32(len(r)))
			for _, pt := range r {
				b = binary.LittleEndian.AppendUint64(b, math.Float64bits(pt[0]))
				b = binary.LittleEndian.AppendUint64(b, math.Float64bits(pt[1]))
			}
		}
	}
	return b
}

var errBadPolygonBlob = errors.New("geo_in_polygon: malformed polygon blob")

// decodePolygon is the inverse of encodePolygon.
func decodePolygon(b []byte) (orb.MultiPolygon, error) {
	u32 := func() (int, error) {
		if len(b) < 4 {
			return 0, errBadPolygonBlob
		}
		v := binary.LittleEndian.Uint32(b)
		b = b[4:]
		if int(v) > len(b) { // every element takes at least 4 bytes
			return 0, errBadPolygonBlob
		}
		return int(v), nil
	}
	np, err := u32()
	if err != nil {
		return nil, err
	}
	mp := make(orb.MultiPolygon, np)
	for i := range mp {
		nr, err := u32()
		if err != nil {
			return nil, err
		}
		mp[i] = make(orb.Polygon, nr)
		for j := range mp[i] {
			n, err := u32()
			if err != nil {
				return nil, err
			}
			if len(b) < 16*n {
				return nil, fmt.Errorf("%w: ring of %d points truncated", errBadPolygonBlob, n)
			}
			r := make(orb.Ring, n)
			for k := range r {
				r[k] = orb.Point{
					math.Float64frombits(binary.LittleEndian.Uint64(b)),
					math.Float64frombits(binary.LittleEndian.Uint64(b[8:])),
				}
				b = b[16:]
			}
			mp[i][j] = r
		}
	}
	return mp, nil
}
