package sqlite

import "geoevents/internal/store/gridwalk"

// The count grid's time buckets are the shared walk's (package gridwalk,
// which PostGIS's grid uses too): SQLite's grid keys are made of these
// granularities and period numbers, so both backends split time alike.
const (
	granAll   = gridwalk.GranAll
	granYear  = gridwalk.GranYear
	granMonth = gridwalk.GranMonth
)

// Dates the grid keeps in buckets (years 1 to 9999).
const (
	gridFirst = gridwalk.GridFirst
	gridEnd   = gridwalk.GridEnd
)

type (
	periodSpan = gridwalk.Span  // inclusive periods of one granularity
	timeRange  = gridwalk.Range // a half-open range of Unix seconds
	timeSplit  = gridwalk.Split // a time range as grid spans and slivers
)

// openTime is the range of a query without a time filter.
var openTime = gridwalk.Open

func monthPeriod(sec int64) (int64, bool) { return gridwalk.MonthPeriod(sec) }
func yearPeriod(sec int64) (int64, bool)  { return gridwalk.YearPeriod(sec) }
func monthStart(p int64) int64            { return gridwalk.MonthStart(p) }
func splitTime(r timeRange) timeSplit     { return gridwalk.SplitTime(r) }
