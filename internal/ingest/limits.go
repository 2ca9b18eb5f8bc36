package ingest

import (
	"time"

	"geoevents/internal/event"
)

// Limits on the work and storage one article may cost.

// DefaultMaxEventsPerArticle is the default cap on the events stored for
// one article. A long news report yields a few dozen; the cap bounds what
// a hostile or broken text (a list of 100,000 place names) can cost in
// storage and in every later query.
const DefaultMaxEventsPerArticle = 1000

func (in *Ingester) maxEvents() int {
	if in.MaxEventsPerArticle > 0 {
		return in.MaxEventsPerArticle
	}
	return DefaultMaxEventsPerArticle
}

// capEvents keeps at most max of events, typed events before plain
// mentions, each in text order, and says how many it dropped. events is
// in text order (extract.Build's order) and is not modified.
func capEvents(events []event.Event, max int) ([]event.Event, int) {
	if len(events) <= max {
		return events, 0
	}
	typed := 0
	for i := range events {
		if events[i].Type != event.TypeMention {
			typed++
		}
	}
	room := map[bool]int{true: min(typed, max)} // typed → how many more may be kept
	room[false] = max - room[true]
	kept := make([]event.Event, 0, max)
	for _, e := range events {
		isTyped := e.Type != event.TypeMention
		if room[isTyped] > 0 {
			room[isTyped]--
			kept = append(kept, e)
		}
	}
	return kept, len(events) - len(kept)
}

// DefaultBuildBudget is the default time event building may spend on one
// article. A 100 KB report takes well under 100 ms; only a hostile text
// (megabytes of sentences that each name a place and a happening) runs
// into it, and then keeps the events of the part read in time.
const DefaultBuildBudget = 2 * time.Second

func (in *Ingester) buildBudget() time.Duration {
	if in.BuildBudget > 0 {
		return in.BuildBudget
	}
	return DefaultBuildBudget
}
