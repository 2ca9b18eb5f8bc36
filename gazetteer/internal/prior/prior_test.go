package prior

import "testing"

func TestFlagsAndMerge(t *testing.T) {
	tests := []struct {
		name       string
		a, b, want uint8
	}{
		{"own and alternate keep own", KindName, KindAlt, KindName},
		{"doubled survives a better kind", KindAlt | Doubled, KindName, KindName | Doubled},
		{"neither doubled", KindAdj, KindAlt, KindAlt},
		{"both doubled", KindAlt | Doubled, KindAlt | Doubled, KindAlt | Doubled},
	}
	for _, tt := range tests {
		if got := Merge(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: Merge(%d, %d) = %d, want %d", tt.name, tt.a, tt.b, got, tt.want)
		}
		if got := Merge(tt.b, tt.a); got != tt.want {
			t.Errorf("%s: Merge(%d, %d) = %d, want %d (order)", tt.name, tt.b, tt.a, got, tt.want)
		}
	}
	if got := Flags(KindAlt, "sada", "saada"); got != KindAlt|Doubled {
		t.Errorf("Flags of a doubled name = %d, want %d", got, KindAlt|Doubled)
	}
	if got := Flags(KindName, "sada", "sada"); got != KindName {
		t.Errorf("Flags of a plain name = %d, want %d", got, KindName)
	}
	if Quality(KindName|Doubled) != Quality(KindName) || Quality(KindAlt|Doubled) != Quality(KindAlt) {
		t.Error("the doubled flag changed a quality")
	}
}
