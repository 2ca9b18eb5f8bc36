package gazetteer

import "testing"

// TestTownNamedLike: a district spelled one way has its town under
// another spelling nearby; a name spelled like no town near the point has
// none.
func TestTownNamedLike(t *testing.T) {
	g := loadT(t)
	town, ok := g.TownNamedLike("IQ", "Mahmoudiya", 44.32959, 33.06806, 40)
	if !ok || town.FeatureClass != "P" || Normalize(town.Name) == Normalize("Mahmoudiya") {
		t.Fatalf("TownNamedLike(Mahmoudiya) = %+v, %v", town, ok)
	}
	if _, ok := g.TownNamedLike("IQ", "Mahmoudiya", 40.0, 30.0, 40); ok {
		t.Errorf("a town 400 km off was found")
	}
}
