package gazetteer

import "testing"

// TestSeat: a province's seat is its capital town, under whatever name.
func TestSeat(t *testing.T) {
	g := loadT(t)
	adm1 := func(name, country string) *Place {
		for _, c := range g.Lookup(name) {
			if c.Place.FeatureCode == "ADM1" && c.Place.CountryCode == country {
				return c.Place
			}
		}
		t.Fatalf("no province %q in %s", name, country)
		return nil
	}
	for _, c := range []struct{ province, country, seat string }{
		{"Osun", "NG", "Osogbo"},
		{"Idlib", "SY", "Idlib"},
		{"Hama", "SY", "Ḩamāh"},
		{"Kasserine", "TN", "Kasserine"},
	} {
		p := adm1(c.province, c.country)
		s, ok := g.SeatOf(p.CountryCode, p.Admin1)
		if !ok || s.Name != c.seat {
			t.Errorf("Seat(%s, %s) = %v %v, want %s", c.province, c.country, s, ok, c.seat)
		}
	}
	if _, ok := g.SeatOf("SY", "Nowhere"); ok {
		t.Error("SeatOf an unknown province: want none")
	}
}

// TestCapitalOf: a country's capital is its most populous PPLC.
func TestCapitalOf(t *testing.T) {
	g := loadT(t)
	for _, c := range []struct{ country, capital string }{
		{"SO", "Mogadishu"},
		{"SY", "Damascus"},
		{"YE", "Sanaa"},
		{"CD", "Kinshasa"},
	} {
		p, ok := g.CapitalOf(c.country)
		if !ok || p.Name != c.capital {
			t.Errorf("CapitalOf(%s) = %v %v, want %s", c.country, p, ok, c.capital)
		}
	}
	if _, ok := g.CapitalOf("ZZ"); ok {
		t.Error("CapitalOf an unknown country: want none")
	}
}
