package sqlite

import (
	"slices"
	"testing"

	"geoevents/internal/event"
)

// TestExplainEncoding round-trips reasons through the stored form, reads
// the object form older databases hold, and checks the stored form is the
// smaller.
func TestExplainEncoding(t *testing.T) {
	rs := []event.Reason{
		{Field: event.FieldType, Rule: "remote/weapon/air-strike", Text: "air strikes", Start: 31},
		{Field: event.FieldFatalities, Rule: "fatalities/killed-n", Text: `killing "at least" 12 <civilians>`, Start: 70, Value: "12 civilians"},
		{Field: "future-field", Rule: "x", Start: 0},
	}
	enc := encodeExplain(rs)
	got, err := decodeExplain(enc)
	if err != nil || !slices.Equal(got, rs) {
		t.Fatalf("round trip: %v %+v\n%s", err, got, enc)
	}
	legacy := string(event.AppendExplain(nil, rs))
	if got, err := decodeExplain(legacy); err != nil || !slices.Equal(got, rs) {
		t.Errorf("object form: %v %+v", err, got)
	}
	if len(enc) >= len(legacy) {
		t.Errorf("stored form %d bytes, object form %d", len(enc), len(legacy))
	}
	if encodeExplain(nil) != "" {
		t.Error("no reasons should store nothing")
	}
	if _, err := decodeExplain(`[["t","r"]]`); err == nil {
		t.Error("a short row decoded without error")
	}
}
