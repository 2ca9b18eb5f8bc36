package evaluate

import (
	"encoding/json"
	"fmt"
	"strings"
)

// EventsReport holds the figures of the reference event scorer
// (../shared/eval/score_events.py), under the same JSON names and in the
// same order, followed by figures the scorer does not have. Shares are
// rounded to 3 decimals and fatal_mae to 2, as the scorer prints them.
// "Typed" events are those whose type is not Mention; "text" is one
// distinct (text, date) of the gold file, ingested as one article.
type EventsReport struct {
	Texts       int `json:"texts"`
	GoldEvents  int `json:"gold_events"`
	TypedEvents int `json:"typed_events"`
	// MentionEvents counts the Mention events (places named where nothing happens).
	MentionEvents int `json:"mention_events"`

	// Detect is the share of texts with at least one typed event.
	Detect float64 `json:"detect"`
	// LocRecall25 is the share of gold events with a typed event of the
	// same text within 25 km.
	LocRecall25 float64 `json:"loc_recall25"`
	// AnyPlaceWithin25 is the share of gold events with any exported
	// event of the text within 25 km. The default export leaves plain
	// mentions out, so, as the scorer reads it, this counts typed events
	// only; GeoparserReach25 is the share with mentions included.
	AnyPlaceWithin25 float64 `json:"any_place_within25"`
	// NamedShare is the share of gold events whose location is named in
	// the text (case, accents, spaces and punctuation folded).
	NamedShare float64 `json:"named_share"`
	// LocRecall25Named is LocRecall25 over the named gold events.
	LocRecall25Named float64 `json:"loc_recall25_named"`
	LocRecall161     float64 `json:"loc_recall161"`
	// LocPrecision25 is the share of typed events within 25 km of a gold
	// event of their text; LocPrecision161 the same within 161 km.
	LocPrecision25  float64 `json:"loc_precision25"`
	LocPrecision161 float64 `json:"loc_precision161"`
	// TypeAcc is, over the TypeN texts whose first typed event (by
	// mention_start) lies within 161 km of a gold event, the share whose
	// type agrees (TypeMap) with one of those gold events.
	TypeAcc float64 `json:"type_acc"`
	TypeN   int     `json:"type_n"`
	// The fatality figures compare, per text, the most deaths any typed
	// event carries with the sum over the gold rows; texts saying their
	// figure was "coded as" a convention are left out. FatalExact: equal;
	// FatalZeroAgree: both zero or both not; FatalNonzeroFound: share of
	// deadly texts given deaths; FatalMAE: mean absolute difference.
	FatalExact        float64 `json:"fatal_exact"`
	FatalZeroAgree    float64 `json:"fatal_zero_agree"`
	FatalNonzeroFound float64 `json:"fatal_nonzero_found"`
	FatalMAE          float64 `json:"fatal_mae"`
	// DateExact is the share of dated typed events dated on the text's
	// gold "date" (the publication date in ACLED's notes).
	DateExact float64 `json:"date_exact"`
	// EventsPerText and GoldPerText are typed events and gold rows per text.
	EventsPerText float64 `json:"events_per_text"`
	GoldPerText   float64 `json:"gold_per_text"`

	// Beyond the reference scorer:

	// ExtractedMentions counts the plain mentions extraction produced (not
	// exported by default); GeoparserReach25 is the share of gold events
	// with any place the geoparser found in the text, mentions included,
	// within 25 km: the ceiling extraction works under.
	ExtractedMentions int     `json:"extracted_mentions"`
	GeoparserReach25  float64 `json:"geoparser_reach25"`

	// EventDateExact, when some gold row has an "event_date", is the share
	// of dated typed events dated on the event_date (else the date) of the
	// gold event nearest to them, at that event's time_precision: the same
	// day (1), within 3 days of the coded middle of the week (2), the same
	// month (3).
	EventDateExact *float64 `json:"event_date_exact,omitempty"`
	// Actor1Found, when gold rows name an actor 1, is the share of the
	// texts typed (see TypeAcc) whose first typed event names the actor 1
	// of the nearest-listed gold event within 161 km, its regime's years
	// set aside ("Military Forces of Somalia (2012-)" is "Military Forces
	// of Somalia").
	Actor1Found *float64 `json:"actor1_found,omitempty"`
	// NegativeTexts counts texts marked as reporting no event (they are
	// left out of every figure above); FalseEvents counts those given a
	// typed event, FalseEventRate is their share and NegativeTypedEvents
	// the typed events they were given. Absent when the file marks no
	// negative text.
	NegativeTexts       int      `json:"negative_texts,omitempty"`
	FalseEvents         *int     `json:"false_events,omitempty"`
	FalseEventRate      *float64 `json:"false_event_rate,omitempty"`
	NegativeTypedEvents *int     `json:"negative_typed_events,omitempty"`
	// TypeConfusions are the 12 most frequent (gold label, our type)
	// pairs behind TypeAcc, agreements included.
	TypeConfusions []Confusion `json:"type_confusions"`
}

// report turns the counts into figures.
func (t *tally) report() EventsReport {
	rep := EventsReport{
		Texts: t.n, GoldEvents: t.gTot, TypedEvents: t.pTot, MentionEvents: t.mentions,
		Detect:      ratio(t.detect, t.n),
		LocRecall25: ratio(t.g25, t.gTot), AnyPlaceWithin25: ratio(t.any25, t.gTot),
		NamedShare: ratio(t.reach, t.gTot), LocRecall25Named: ratio(t.reach25, t.reach), LocRecall161: ratio(t.g161, t.gTot),
		LocPrecision25: ratio(t.p25, t.pTot), LocPrecision161: ratio(t.p161, t.pTot),
		TypeAcc: ratio(t.typeOK, t.typedN), TypeN: t.typedN,
		FatalExact: ratio(t.fatExact, t.fatN), FatalZeroAgree: ratio(t.fatZeroAgree, t.fatN),
		FatalNonzeroFound: ratio(t.fatPosHit, t.fatPos),
		DateExact:         ratio(t.dateOK, t.dateN),
		EventsPerText:     ratio(t.perTextPred, t.n), GoldPerText: ratio(t.perTextGold, t.n),
		TypeConfusions:    t.conf.top(12),
		ExtractedMentions: t.extractedMentions, GeoparserReach25: ratio(t.reachAll25, t.gTot),
	}
	if t.fatN > 0 {
		rep.FatalMAE = roundTo(t.fatAbs/float64(t.fatN), 2)
	}
	if t.evDateRows > 0 {
		v := ratio(t.evDateOK, t.evDateN)
		rep.EventDateExact = &v
	}
	if t.actorN > 0 {
		v := ratio(t.actorOK, t.actorN)
		rep.Actor1Found = &v
	}
	if t.negTexts > 0 {
		v, f, k := ratio(t.negFalse, t.negTexts), t.negFalse, t.negTypedEvts
		rep.NegativeTexts, rep.FalseEvents, rep.FalseEventRate, rep.NegativeTypedEvents = t.negTexts, &f, &v, &k
	}
	if rep.TypeConfusions == nil {
		rep.TypeConfusions = []Confusion{}
	}
	return rep
}

// Figures returns the report as a name → value map in the scorer's JSON
// names (numbers only, type_confusions left out): the form the agreement
// test compares with the scorer's --json output.
func (r EventsReport) Figures() (map[string]float64, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	var all map[string]any
	if err := json.Unmarshal(b, &all); err != nil {
		return nil, err
	}
	out := map[string]float64{}
	for k, v := range all {
		if f, ok := v.(float64); ok {
			out[k] = f
		}
	}
	return out, nil
}

// String renders the report as an aligned table: the scorer's figures,
// the event date figure and the top type confusions, then the negatives
// line (alone when the file holds only negative texts).
func (r EventsReport) String() string {
	var b strings.Builder
	row := func(k string, v any) { fmt.Fprintf(&b, "%-22s %v\n", k, v) }
	if r.Texts > 0 || r.FalseEventRate == nil {
		r.writeFigures(&b, row)
	}
	if r.FalseEventRate != nil {
		row("false_event_rate", fmt.Sprintf("%.3f  (%d of %d negative texts given a typed event, %d events)",
			*r.FalseEventRate, *r.FalseEvents, r.NegativeTexts, *r.NegativeTypedEvents))
	}
	return b.String()
}

// writeFigures writes the scorer's figures, the event date figure and the
// type confusions.
func (r EventsReport) writeFigures(b *strings.Builder, row func(string, any)) {
	f3 := func(v float64) string { return fmt.Sprintf("%.3f", v) }
	row("texts", r.Texts)
	row("gold events", r.GoldEvents)
	row("typed events", r.TypedEvents)
	row("mention events", r.MentionEvents)
	row("detect", f3(r.Detect))
	row("loc_recall25", f3(r.LocRecall25))
	row("any_place_within25", f3(r.AnyPlaceWithin25))
	row("named_share", f3(r.NamedShare))
	row("loc_recall25_named", f3(r.LocRecall25Named))
	row("loc_recall161", f3(r.LocRecall161))
	row("loc_precision25", f3(r.LocPrecision25))
	row("loc_precision161", f3(r.LocPrecision161))
	row("type_acc", fmt.Sprintf("%.3f  (over %d texts)", r.TypeAcc, r.TypeN))
	row("fatal_exact", f3(r.FatalExact))
	row("fatal_zero_agree", f3(r.FatalZeroAgree))
	row("fatal_nonzero_found", f3(r.FatalNonzeroFound))
	row("fatal_mae", fmt.Sprintf("%.2f", r.FatalMAE))
	row("date_exact", f3(r.DateExact))
	if r.EventDateExact != nil {
		row("event_date_exact", f3(*r.EventDateExact))
	}
	if r.Actor1Found != nil {
		row("actor1_found", f3(*r.Actor1Found))
	}
	row("events_per_text", f3(r.EventsPerText))
	row("gold_per_text", f3(r.GoldPerText))
	row("extracted mentions", r.ExtractedMentions)
	row("geoparser_reach25", f3(r.GeoparserReach25))
	b.WriteString("top type confusions (gold -> ours):\n")
	for _, c := range r.TypeConfusions {
		fmt.Fprintf(b, "  %5d  %s -> %s\n", c.Count, c.Gold, c.Ours)
	}
}
