package gazetteer

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestReadDumpGood(t *testing.T) {
	for _, file := range []string{"SY_good.txt", "SY.zip"} {
		t.Run(file, func(t *testing.T) {
			places, alt, err := ReadDump(context.Background(), filepath.Join("testdata", file))
			if err != nil {
				t.Fatalf("ReadDump: %v", err)
			}
			if len(places) != 3 {
				t.Fatalf("%d places, want 3", len(places))
			}
			want := Place{ID: 99990001, Name: "Jabal az Zāwiyah", ASCIIName: "Jabal az Zawiyah", Lat: 35.71667, Lon: 36.53333,
				Attrs: &Attrs{FeatureClass: "T", FeatureCode: "MTS", CountryCode: "SY", CountryName: "Syria", Admin1: "Idlib"}}
			if !reflect.DeepEqual(places[0], want) {
				t.Errorf("place 0 = %+v, want %+v", places[0], want)
			}
			if places[1].Admin1 != "Homs" || places[1].Population != 51323 {
				t.Errorf("place 1 = %+v, want Tadmur in Homs, population 51323", places[1])
			}
			if got := strings.Join(alt[99990001], "|"); got != "Jebel Zawiya|Jabal al-Zawiya|جبل الزاوية" {
				t.Errorf("alternate names of 99990001 = %q", got)
			}
		})
	}
}

func TestReadDumpAlternateNames(t *testing.T) {
	for _, file := range []string{"alternateNamesV2.txt", "alternateNamesV2.zip"} {
		t.Run(file, func(t *testing.T) {
			places, alt, err := ReadDump(context.Background(), filepath.Join("testdata", file))
			if err != nil {
				t.Fatalf("ReadDump: %v", err)
			}
			if len(places) != 0 {
				t.Errorf("%d places from an alternate-names file, want 0", len(places))
			}
			// The link and the IATA code are dropped.
			if got := strings.Join(alt[99990002], "|"); got != "Ikhtibar Hamlet" {
				t.Errorf("alternate names of 99990002 = %q, want Ikhtibar Hamlet", got)
			}
			if got := strings.Join(alt[169389], "|"); got != "إدلب الخضراء" {
				t.Errorf("alternate names of 169389 = %q", got)
			}
		})
	}
}

// TestReadDumpRejects: corrupt and truncated files are rejected whole, with
// the file and line in the message.
func TestReadDumpRejects(t *testing.T) {
	tests := []struct {
		file string
		want string // in the error message, after the file name
	}{
		{"SY_truncated.txt", "line 3: 8 columns, want 19"},
		{"SY_corrupt.txt", `line 2: latitude "north"`},
		{"SY_latrange.txt", `line 3: latitude "134.10000"`},
		{"SY_truncated.zip", "not a valid zip file"},
		{"missing.txt", "no such file"},
		{"alternateNames_wrong.txt", "line 1: 19 columns, want 10"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			places, alt, err := ReadDump(context.Background(), path)
			if err == nil {
				t.Fatal("ReadDump accepted a bad file")
			}
			if places != nil || alt != nil {
				t.Errorf("ReadDump kept %d places, %d alternate-name lists of a bad file", len(places), len(alt))
			}
			if !errors.Is(err, ErrBadDump) {
				t.Errorf("error %v does not wrap ErrBadDump", err)
			}
			var de *DumpError
			if !errors.As(err, &de) || !strings.HasPrefix(de.File, path) {
				t.Errorf("error %v is not a *DumpError naming %s", err, path)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, path) || !strings.Contains(msg, tt.want) {
				t.Errorf("error %q, want %q after the file name", msg, tt.want)
			}
		})
	}
}

func TestReadDumpCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// The small fixture finishes before the first context check; a canceled
	// context must at least never corrupt the result.
	places, _, err := ReadDump(ctx, filepath.Join("testdata", "SY_good.txt"))
	if err == nil && len(places) != 3 {
		t.Errorf("%d places", len(places))
	}
}

// TestAddDump imports the dump into a fresh gazetteer: new places become
// findable under all their names, a same-id row replaces the built-in one.
func TestAddDump(t *testing.T) {
	g, err := Load() // a private copy: Add mutates
	if err != nil {
		t.Fatal(err)
	}
	n := g.Len()
	tadmur, _ := g.ByID(163808)
	places, alt, err := ReadDump(context.Background(), filepath.Join("testdata", "SY.zip"))
	if err != nil {
		t.Fatal(err)
	}
	_, alt2, err := ReadDump(context.Background(), filepath.Join("testdata", "alternateNamesV2.zip"))
	if err != nil {
		t.Fatal(err)
	}
	for id, names := range alt2 {
		alt[id] = append(alt[id], names...)
	}
	g.Add(places, alt)
	if g.Len() != n+2 {
		t.Errorf("Len() = %d after Add, want %d", g.Len(), n+2)
	}
	for _, tt := range []struct {
		name string
		id   int64
	}{
		{"Jabal az Zawiyah", 99990001}, {"Jebel Zawiya", 99990001}, {"Jabal al-Zawiya", 99990001}, {"جبل الزاوية", 99990001},
		{"Qaryat Ikhtibar", 99990002}, {"Ikhtibar Hamlet", 99990002},
		{"Idlib", 169389}, {"إدلب الخضراء", 169389}, {"Aleppo", 170063}, {"Palmyra", 163808},
	} {
		cs := g.Lookup(tt.name)
		if indexOf(cs, tt.id) < 0 {
			t.Errorf("after Add, Lookup(%q) lacks %d (%d candidates)", tt.name, tt.id, len(cs))
		}
	}
	if cs := g.Lookup("Aleppo"); indexOf(cs, 170063) < 0 || !cs[indexOf(cs, 170063)].Doubled {
		t.Error("after Add, Aleppo lost its doubled flag")
	}
	p, ok := g.ByID(163808)
	if !ok || p.Population != 51323 {
		t.Errorf("ByID(163808) = %+v, want the imported population 51323", p)
	}
	if p != tadmur {
		t.Error("replacing a place moved it: old pointers no longer see it")
	}
	if got := g.Lookup("Palmyra")[0]; got.Place.ID != 163808 {
		t.Errorf("Palmyra first = %d after Add, want 163808", got.Place.ID)
	}
	if p, d := g.Nearest(35.71667, 36.53333); p == nil || p.ID != 99990001 || d > 0.01 {
		t.Errorf("Nearest at the imported mountain = %v, %.3f km", p, d)
	}
	if g.Add(nil, nil); g.Len() != n+2 {
		t.Error("empty Add changed the gazetteer")
	}
}
