package store

import (
	"context"

	"geoevents/internal/event"
)

// Incidents across articles. Several outlets reporting one air strike
// give one incident, not one marker each: when an article is saved, each
// of its typed, dated events joins the incident of an event of ANOTHER
// article with the same type, the same date at the same date precision
// and the same gazetteer place (or, for points without a place id, within
// JoinRadiusKm), when the article's outlet (Article.Source) is known and
// no report of the incident has it yet: sources are independent outlets,
// and one outlet's two notes of a day and place are two incidents it
// tells apart (a monitor coding separate protests in one city). The incident's first report is its primary, an ordinary
// event row that every query, count and aggregate reads; the others are
// stored apart (joined rows no query selects), so the map and the API show
// the incident once. The primary carries the incident's source count
// (event.Event.Sources) and its toll, ACLED's rule across sources: the
// lowest figure any source states (LowestStated), never a sum.
//
// Bulk imports (ImportEvents) never group: imported events have no
// article. A database grouped nothing before it was migrated; only
// articles saved after join.

// JoinRadiusKm is how close two exact points without a place id must be
// to be one incident's place.
const JoinRadiusKm = 5

// MaxListedSources is how many sources an incident's listing holds at
// most (the count stays exact).
const MaxListedSources = 100

// JoinRule is the explain rule (field event.FieldIncident) of a report
// that joined an incident; its Value is the primary's id, and the
// distance when two points were compared.
const JoinRule = "incident/same-place-date-type"

// LowestStated is the toll of an incident of tolls a and b: the lower
// figure, a source that states none (0) saying nothing about it.
func LowestStated(a, b int) int {
	switch {
	case a <= 0:
		return max(b, 0)
	case b <= 0:
		return a
	}
	return min(a, b)
}

// Incidents is what a backend that groups reports into incidents offers
// beyond Store.
type Incidents interface {
	// IncidentSources returns the reports of the incident the event id
	// belongs to (any of its reports' ids will do): the primary first,
	// then the others in the order they were stored, at most limit (0:
	// all), and how many there are in all. Each report is as its article
	// told it: Fatalities its own figure, Sources 0 (the incident's count
	// and toll are its primary's, as Event returns it). An event alone is
	// an incident of one source; an unknown id is ErrNotFound.
	IncidentSources(ctx context.Context, id string, limit int) ([]event.Event, int, error)
	// SplitIncident takes the events ids out of their incidents for good:
	// each becomes an event of its own again (with its own toll), stays
	// so when its article is derived again, and no later report joins
	// it. When a primary is split off, the next report (the earliest
	// stored) becomes primary. It returns how many events left an
	// incident; an id unknown is ErrNotFound.
	SplitIncident(ctx context.Context, ids []string) (int, error)
}
