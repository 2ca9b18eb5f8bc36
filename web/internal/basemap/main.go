// Command basemap writes the web map's offline basemap: the country outlines
// of Natural Earth (via the world-atlas TopoJSON, public domain data), with
// shared borders simplified once and coordinates rounded, as a compact
// GeoJSON FeatureCollection, and the country and region name labels drawn
// over it. `go generate ./web` runs it.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"strconv"
	"strings"
)

func main() {
	in := flag.String("in", "", "world-atlas countries TopoJSON (.topo.json or .topo.json.gz)")
	out := flag.String("out", "static/data/countries.geojson", "GeoJSON file to write")
	tol := flag.Float64("tolerance", 0.02, "simplification tolerance in degrees")
	digits := flag.Int("digits", 3, "decimal places kept in coordinates")
	admin0 := flag.String("admin0", "", "Natural Earth admin-0 label points TSV (.tsv.gz); with -admin1 writes -labels")
	admin1 := flag.String("admin1", "", "Natural Earth admin-1 label points TSV (.tsv.gz)")
	labelsOut := flag.String("labels", "static/data/labels.json", "labels JSON file to write")
	flag.Parse()
	if err := run(*in, *out, *tol, *digits); err != nil {
		slog.Error("basemap", "err", err)
		os.Exit(1)
	}
	if *admin0 != "" && *admin1 != "" {
		n, err := writeLabels(*labelsOut, *admin0, *admin1)
		if err != nil {
			slog.Error("basemap labels", "err", err)
			os.Exit(1)
		}
		slog.Info("labels written", "out", *labelsOut, "labels", n)
	}
}

func run(in, out string, tol float64, digits int) error {
	if in == "" {
		return fmt.Errorf("-in is required")
	}
	f, err := os.Open(in)
	if err != nil {
		return fmt.Errorf("open %s: %w", in, err)
	}
	defer f.Close()
	var r io.Reader = bufio.NewReader(f)
	if strings.HasSuffix(in, ".gz") {
		gz, err := gzip.NewReader(r)
		if err != nil {
			return fmt.Errorf("gunzip %s: %w", in, err)
		}
		defer gz.Close()
		r = gz
	}
	var t topology
	if err := json.NewDecoder(r).Decode(&t); err != nil {
		return fmt.Errorf("decode %s: %w", in, err)
	}
	w, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("create %s: %w", out, err)
	}
	bw := bufio.NewWriter(w)
	n, err := writeCountries(bw, &t, tol, digits)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	slog.Info("basemap written", "out", out, "countries", n)
	return nil
}

// writeCountries writes the "countries" object of t as a GeoJSON
// FeatureCollection, one feature per line, and returns how many it wrote.
func writeCountries(w io.Writer, t *topology, tol float64, digits int) (int, error) {
	arcs, err := decodeArcs(t)
	if err != nil {
		return 0, err
	}
	for i := range arcs {
		arcs[i] = simplify(arcs[i], tol)
	}
	coll, ok := t.Objects["countries"]
	if !ok {
		return 0, fmt.Errorf("%w: no countries object", errFormat)
	}
	if _, err := io.WriteString(w, `{"type":"FeatureCollection","attribution":"Made with Natural Earth","features":[`); err != nil {
		return 0, err
	}
	n := 0
	for _, g := range coll.Geometries {
		polys, err := polygons(arcs, g)
		if err != nil {
			return n, fmt.Errorf("%s: %w", g.Properties["name"], err)
		}
		coords := encodePolygons(polys, digits)
		if coords == "" {
			continue
		}
		props, err := json.Marshal(map[string]string{"name": g.Properties["name"], "id": g.ID})
		if err != nil {
			return n, err
		}
		sep := ",\n"
		if n == 0 {
			sep = "\n"
		}
		if _, err := fmt.Fprintf(w, `%s{"type":"Feature","properties":%s,"geometry":{"type":"MultiPolygon","coordinates":%s}}`, sep, props, coords); err != nil {
			return n, err
		}
		n++
	}
	_, err = io.WriteString(w, "\n]}\n")
	return n, err
}

// encodePolygons renders polygons as GeoJSON MultiPolygon coordinates with
// rounded numbers, dropping repeated points and rings that collapse below
// four points; it returns "" when nothing is left.
func encodePolygons(polys [][][][2]float64, digits int) string {
	var b strings.Builder
	scale := math.Pow(10, float64(digits))
	np := 0
	b.WriteByte('[')
	for _, p := range polys {
		var rings []string
		for ri, r := range p {
			s, ok := encodeRing(r, scale, digits)
			if !ok {
				if ri == 0 {
					break // outer ring gone: drop the polygon
				}
				continue
			}
			rings = append(rings, s)
		}
		if len(rings) == 0 {
			continue
		}
		if np > 0 {
			b.WriteByte(',')
		}
		b.WriteString("[" + strings.Join(rings, ",") + "]")
		np++
	}
	b.WriteByte(']')
	if np == 0 {
		return ""
	}
	return b.String()
}

func encodeRing(r [][2]float64, scale float64, digits int) (string, bool) {
	var pts [][2]float64
	for _, p := range r {
		q := [2]float64{math.Round(p[0]*scale) / scale, math.Round(p[1]*scale) / scale}
		if len(pts) > 0 && pts[len(pts)-1] == q {
			continue
		}
		pts = append(pts, q)
	}
	if len(pts) > 0 && pts[0] != pts[len(pts)-1] {
		pts = append(pts, pts[0])
	}
	if len(pts) < 4 {
		return "", false
	}
	var b strings.Builder
	b.WriteByte('[')
	for i, p := range pts {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		b.WriteString(strconv.FormatFloat(p[0], 'f', -1, 64))
		b.WriteByte(',')
		b.WriteString(strconv.FormatFloat(p[1], 'f', -1, 64))
		b.WriteByte(']')
	}
	b.WriteByte(']')
	return b.String(), true
}
