package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"testing"
)

func TestDecodeArcs(t *testing.T) {
	topo := &topology{
		Type:      "Topology",
		Transform: &transform{Scale: [2]float64{0.5, 2}, Translate: [2]float64{10, -5}},
		Arcs:      [][][2]float64{{{0, 0}, {2, 1}, {-1, 3}}},
	}
	arcs, err := decodeArcs(topo)
	if err != nil {
		t.Fatal(err)
	}
	want := [][2]float64{{10, -5}, {11, -3}, {10.5, 3}}
	for i, p := range arcs[0] {
		if p != want[i] {
			t.Errorf("point %d = %v, want %v", i, p, want[i])
		}
	}
	if _, err := decodeArcs(&topology{Type: "FeatureCollection"}); !errors.Is(err, errFormat) {
		t.Errorf("non-topology: err = %v, want errFormat", err)
	}
}

func TestRing(t *testing.T) {
	arcs := [][][2]float64{
		{{0, 0}, {1, 0}, {1, 1}},
		{{0, 0}, {0, 1}, {1, 1}},
	}
	tests := []struct {
		name string
		idx  []int
		want [][2]float64
		err  bool
	}{
		{"forward then reversed", []int{0, ^1}, [][2]float64{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}, false},
		{"reversed only", []int{^0}, [][2]float64{{1, 1}, {1, 0}, {0, 0}}, false},
		{"out of range", []int{7}, nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ring(arcs, tc.idx)
			if (err != nil) != tc.err {
				t.Fatalf("err = %v, want error %v", err, tc.err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
}

func TestSimplify(t *testing.T) {
	line := [][2]float64{{0, 0}, {1, 0.001}, {2, 0}, {3, 1}, {4, 0}}
	tests := []struct {
		tol  float64
		want int
	}{
		{0, 5},
		{0.01, 4}, // the 0.001 wiggle goes, the 1-degree peak stays
		{2, 2},
	}
	for _, tc := range tests {
		got := simplify(line, tc.tol)
		if len(got) != tc.want {
			t.Errorf("tol %g: %d points %v, want %d", tc.tol, len(got), got, tc.want)
		}
		if got[0] != line[0] || got[len(got)-1] != line[len(line)-1] {
			t.Errorf("tol %g: ends not kept: %v", tc.tol, got)
		}
	}
}

func TestWriteCountries(t *testing.T) {
	topo := &topology{
		Type: "Topology",
		Arcs: [][][2]float64{
			{{0, 0}, {1, 0}, {1, 1}},
			{{1, 1}, {0, 1}, {0, 0}},
			{{5, 5}, {5.0001, 5}, {5.0001, 5.0001}, {5, 5}}, // collapses when rounded
		},
		Objects: map[string]collection{"countries": {Geometries: []geometry{
			{Type: "Polygon", Arcs: json.RawMessage(`[[0,1]]`), ID: "001", Properties: map[string]string{"name": "Square <1>"}},
			{Type: "Polygon", Arcs: json.RawMessage(`[[2]]`), ID: "002", Properties: map[string]string{"name": "Speck"}},
		}}},
	}
	var buf bytes.Buffer
	n, err := writeCountries(&buf, topo, 0, 3)
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("wrote %d countries, want 1 (the speck collapses)", n)
	}
	var fc struct {
		Type     string
		Features []struct {
			Properties map[string]string
			Geometry   struct {
				Type        string
				Coordinates [][][][2]float64
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &fc); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, buf.String())
	}
	f := fc.Features[0]
	if f.Properties["name"] != "Square <1>" || f.Geometry.Type != "MultiPolygon" {
		t.Errorf("feature = %+v", f)
	}
	if r := f.Geometry.Coordinates[0][0]; len(r) != 5 || r[0] != r[4] {
		t.Errorf("ring = %v, want 5 points, closed", r)
	}
}

func TestReadLabels(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/points.tsv"
	tsv := "name\tname_en\tlabel_x\tlabel_y\n" +
		"Syria\tSyrian Arab Republic\t38.28\t35.01\n" +
		"\tNoShort\t1\t2\n" +
		"\t\t3\t4\n" + // no name: skipped
		"Bad\tBad\tx\t1\n" + // no point: skipped
		"Far\tFar\t200\t1\n" // out of range: skipped
	if err := os.WriteFile(path, []byte(tsv), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := readLabels(path, []string{"name", "name_en"}, "label_x", "label_y")
	if err != nil {
		t.Fatal(err)
	}
	want := []label{{"Syria", 38.28, 35.01}, {"NoShort", 1.0, 2.0}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("label %d = %v, want %v", i, got[i], want[i])
		}
	}
	if _, err := readLabels(path, []string{"nom"}, "label_x", "label_y"); !errors.Is(err, errFormat) {
		t.Errorf("missing column: err = %v, want errFormat", err)
	}
}
