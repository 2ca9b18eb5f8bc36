package main

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// boundsMarginDeg widens every country's box: coarse 1:110m outlines and
// the extreme GeoNames places both fall a little short of the border.
const boundsMarginDeg = 0.5

// countryBounds holds a bounding box per ISO alpha-2 country code: the
// union of its Natural Earth 1:110m outline and of its GeoNames places
// (which reach the islands and territories 1:110m omits: Socotra, Gaza).
type countryBounds map[string][4]float64 // minLat, minLon, maxLat, maxLon

func (b countryBounds) extend(cc string, lat, lon float64) {
	if cc == "" || cc == "-99" {
		return
	}
	box, ok := b[cc]
	if !ok {
		b[cc] = [4]float64{lat, lon, lat, lon}
		return
	}
	b[cc] = [4]float64{math.Min(box[0], lat), math.Min(box[1], lon), math.Max(box[2], lat), math.Max(box[3], lon)}
}

// contains reports whether a point lies in the country's box (with the
// margin); a country without a box contains nothing.
func (b countryBounds) contains(cc string, lat, lon float64) bool {
	box, ok := b[cc]
	m := boundsMarginDeg
	return ok && lat >= box[0]-m && lat <= box[2]+m && lon >= box[1]-m && lon <= box[3]+m
}

// readCountryBounds reads the Natural Earth 1:110m countries (GeoJSON, with
// ISO_A2_EH properties) into b.
func readCountryBounds(path string, b countryBounds) error {
	fh, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer fh.Close()
	gz, err := gzip.NewReader(fh)
	if err != nil {
		return fmt.Errorf("gunzip %s: %w", path, err)
	}
	var fc struct {
		Features []struct {
			Properties struct {
				ISO string `json:"ISO_A2_EH"`
			} `json:"properties"`
			Geometry struct {
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.NewDecoder(gz).Decode(&fc); err != nil {
		return fmt.Errorf("decode %s: %w", path, err)
	}
	for _, f := range fc.Features {
		var coords any
		if err := json.Unmarshal(f.Geometry.Coordinates, &coords); err != nil {
			return fmt.Errorf("decode %s: %w", path, err)
		}
		eachPosition(coords, func(lon, lat float64) { b.extend(f.Properties.ISO, lat, lon) })
	}
	return nil
}

// eachPosition calls fn with every [lon, lat] position of nested GeoJSON
// coordinate arrays.
func eachPosition(c any, fn func(lon, lat float64)) {
	a, ok := c.([]any)
	if !ok || len(a) == 0 {
		return
	}
	if lon, ok := a[0].(float64); ok && len(a) >= 2 {
		if lat, ok := a[1].(float64); ok {
			fn(lon, lat)
		}
		return
	}
	for _, x := range a {
		eachPosition(x, fn)
	}
}

// nearestIndex finds the GeoNames place nearest a point within a country,
// on a grid of cells nearestCellDeg wide.
type nearestIndex struct {
	cells map[nearCell][]*record
}

type nearCell struct {
	cc       string
	row, col int
}

const (
	nearestCellDeg = 0.25
	nearestRings   = 4 // cells searched around the point's: up to about 1° away
)

func cellFor(lat, lon float64) (int, int) {
	return int(math.Floor(lat / nearestCellDeg)), int(math.Floor(lon / nearestCellDeg))
}

func newNearestIndex(places []*record) *nearestIndex {
	n := &nearestIndex{cells: map[nearCell][]*record{}}
	for _, r := range places {
		if r.admin1 == "" || r.fclass != "P" {
			continue
		}
		row, col := cellFor(r.lat, r.lon)
		k := nearCell{r.cc, row, col}
		n.cells[k] = append(n.cells[k], r)
	}
	return n
}

// admin1 returns the admin1 code of the nearest indexed place of country
// cc within about a degree of the point, or "".
func (n *nearestIndex) admin1(cc string, lat, lon float64) string {
	row, col := cellFor(lat, lon)
	var best *record
	bestD := math.Inf(1)
	found := -1 // the ring of the first place found; one more ring may hold a nearer one
	for ring := 0; ring <= nearestRings && (found < 0 || ring <= found+1); ring++ {
		for dr := -ring; dr <= ring; dr++ {
			for dc := -ring; dc <= ring; dc++ {
				if max(abs(dr), abs(dc)) != ring {
					continue
				}
				for _, r := range n.cells[nearCell{cc, row + dr, col + dc}] {
					dy, dx := r.lat-lat, (r.lon-lon)*math.Cos(lat*math.Pi/180)
					if d := dy*dy + dx*dx; d < bestD || d == bestD && r.id < best.id {
						best, bestD = r, d
						if found < 0 {
							found = ring
						}
					}
				}
			}
		}
	}
	if best == nil {
		return ""
	}
	return best.admin1
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// asciiFold strips diacritics and the ayn/hamza marks ("Nāţi‘" ->
// "Nati"), the ASCII name GeoNames would give.
func asciiFold(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'ʿ' || r == 'ʾ' || r == '‘' || r == '’':
			out = append(out, '\'')
		default:
			out = append(out, r)
		}
	}
	return string(out)
}
