package sqlite

import (
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"fmt"
	"math"

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
//	                                        normalised (geo.MultiPolygonContains)
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
	sqlite.MustRegisterFunction("geo_in_polygon", &sqlite.FunctionImpl{
		NArgs: 3, Deterministic: true, VolatileArgs: true,
		Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			lon, ok1 := toFloat(args[0])
			lat, ok2 := toFloat(args[1])
			blob, ok3 := args[2].([]byte)
			if !ok1 || !ok2 || !ok3 {
				return nil, nil
			}
			mp, err := decodePolygon(blob)
			if err != nil {
				return nil, err
			}
			if geo.MultiPolygonContains(mp, lon, lat) {
				return int64(1), nil
			}
			return int64(0), nil
		},
	})
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
