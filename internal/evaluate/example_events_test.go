package evaluate_test

import (
	"context"
	"fmt"
	"strings"

	"geoevents/internal/evaluate"
	"geoevents/internal/event"
)

// ExampleScoreEvents scores a toy extractor, which puts one battle at
// Kafr Nabl in every article, against two coded events of one report.
func ExampleScoreEvents() {
	gold := `{"text":"On 12 March 2024, SAA forces shelled Kafr Nabl and Hass, killing 2 civilians.","date":"2024-03-12","event_type":"Remote violence","lat":35.61376,"lon":36.56125,"location":"Kafr Nabl","country":"Syria","fatalities":1}
{"text":"On 12 March 2024, SAA forces shelled Kafr Nabl and Hass, killing 2 civilians.","date":"2024-03-12","event_type":"Remote violence","lat":35.6375,"lon":36.57167,"location":"Hass","country":"Syria","fatalities":1}
`
	extract := func(_ context.Context, a event.Article) ([]event.Event, error) {
		return []event.Event{{ID: "1", Type: "Battles", Lat: 35.61376, Lon: 36.56125, Date: a.Published}}, nil
	}
	rep, err := evaluate.ScoreEvents(context.Background(), strings.NewReader(gold), extract, evaluate.EventsOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("detect", rep.Detect, "loc_recall25", rep.LocRecall25, "loc_precision25", rep.LocPrecision25)
	fmt.Println("type_acc", rep.TypeAcc, "fatal_exact", rep.FatalExact, "date_exact", rep.DateExact)
	// Output:
	// detect 1 loc_recall25 1 loc_precision25 1
	// type_acc 0 fatal_exact 0 date_exact 1
}
