package geo

import (
	"errors"
	"math"
	"testing"
)

func TestParseBBox(t *testing.T) {
	tests := []struct {
		in      string
		want    BBox
		wantErr bool
	}{
		{"36,35,38,37", BBox{36, 35, 38, 37}, false},
		{" 36 , 35 , 38 , 37 ", BBox{36, 35, 38, 37}, false},
		{"170,-10,-170,10", BBox{170, -10, -170, 10}, false}, // crosses the antimeridian
		{"36,35,0,38,37,100", BBox{36, 35, 38, 37}, false},   // 3D box, heights ignored
		{"-180,-90,180,90", World, false},
		{"36,35,38", BBox{}, true},
		{"36,35,38,37,1", BBox{}, true},
		{"", BBox{}, true},
		{"a,b,c,d", BBox{}, true},
		{"NaN,0,1,1", BBox{}, true},
		{"Inf,0,1,1", BBox{}, true},
		{"1e400,0,1,1", BBox{}, true},
		{"0,50,10,40", BBox{}, true}, // minLat > maxLat
		{"-181,0,10,10", BBox{}, true},
		{"0,0,10,91", BBox{}, true},
		{"0x10,0,1,1", BBox{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseBBox(tt.in)
			if tt.wantErr {
				if err == nil || !errors.Is(err, ErrInvalid) {
					t.Fatalf("ParseBBox(%q) = %v, %v; want an ErrInvalid error", tt.in, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseBBox(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestBBoxContainsAndSplit(t *testing.T) {
	across := BBox{170, -10, -170, 10}
	tests := []struct {
		b        BBox
		lon, lat float64
		want     bool
	}{
		{BBox{36, 35, 38, 37}, 37.16, 36.2, true}, // Aleppo
		{BBox{36, 35, 38, 37}, 36.29, 33.51, false},
		{BBox{36, 35, 38, 37}, 36, 35, true}, // edge included
		{across, 175, 0, true},
		{across, -175, 0, true},
		{across, 180, 0, true},
		{across, 0, 0, false},
		{across, 175, 11, false},
	}
	for _, tt := range tests {
		if got := tt.b.Contains(tt.lon, tt.lat); got != tt.want {
			t.Errorf("%v.Contains(%v, %v) = %v, want %v", tt.b, tt.lon, tt.lat, got, tt.want)
		}
		// Split must agree with Contains.
		in := false
		for _, part := range tt.b.Split() {
			if part.CrossesAntimeridian() {
				t.Fatalf("Split part %v still crosses", part)
			}
			in = in || part.Contains(tt.lon, tt.lat)
		}
		if in != tt.want {
			t.Errorf("Split(%v) contains (%v, %v) = %v, want %v", tt.b, tt.lon, tt.lat, in, tt.want)
		}
	}
	if n := len(across.Split()); n != 2 {
		t.Errorf("antimeridian box splits into %d parts, want 2", n)
	}
}

func TestBBoxStringRoundTrip(t *testing.T) {
	b := BBox{36.123456, 35, -170.5, 37.25}
	got, err := ParseBBox(b.String())
	if err != nil || got != b {
		t.Fatalf("round trip of %v: %v, %v", b, got, err)
	}
}

func TestBBoxExtend(t *testing.T) {
	var b BBox
	b = b.Extend(37, 36, false)
	b = b.Extend(36, 33, true)
	b = b.Extend(38, 35, true)
	if want := (BBox{36, 33, 38, 36}); b != want {
		t.Fatalf("Extend = %v, want %v", b, want)
	}
}

func FuzzParseBBox(f *testing.F) {
	for _, s := range []string{"36,35,38,37", "170,-10,-170,10", "1,2,3", "NaN,1,2,3", "-180,-90,180,90", "1,2,3,4,5,6"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := ParseBBox(s)
		if err != nil {
			return
		}
		if err := b.Validate(); err != nil {
			t.Fatalf("ParseBBox(%q) accepted an invalid box %v: %v", s, b, err)
		}
		for _, v := range []float64{b.MinLon, b.MinLat, b.MaxLon, b.MaxLat} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("non-finite value in %v", b)
			}
		}
	})
}
