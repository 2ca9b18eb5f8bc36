// Package storetest is the contract every store.Store backend must meet,
// as one suite run against each (in the manner of litestream's replica
// client tests): a backend's tests call Run with a function opening a
// fresh, empty store. What the suite asserts is what the HTTP API, the
// exports and the CLI rely on; behaviour only one backend has is tested
// beside that backend.
package storetest

import (
	"testing"

	"geoevents/internal/store"
)

// Options say what a backend under test can do beyond the contract's
// common core.
type Options struct {
	// Stemming: the full-text search matches inflected forms ("killed"
	// finds "kills"). The contract asks for it; a backend whose index
	// predates it (SQLite before its stemming migration) sets false.
	Stemming bool
	// Size returns the bytes the store takes on disk (data, indexes and
	// full-text index, as a reader of its files would count them); nil
	// skips the cases that measure it.
	Size func(testing.TB, store.Store) int64
}

// Run runs the contract suite; open returns a new, empty store, closed by
// the caller's cleanup (t.Cleanup inside open).
func Run(t *testing.T, open func(t testing.TB) store.Store, opts Options) {
	tests := []struct {
		name string
		fn   func(*testing.T, func(testing.TB) store.Store, Options)
	}{
		{"SaveArticleIdempotent", testSaveArticleIdempotent},
		{"SaveArticleReplacesSameURL", testSaveArticleReplacesSameURL},
		{"SaveArticleRederives", testSaveArticleRederives},
		{"SaveArticleErrors", testSaveArticleErrors},
		{"SaveArticlesAllOrNone", testSaveArticlesAllOrNone},
		{"EventRoundTrip", testEventRoundTrip},
		{"ImportDedupes", testImportDedupes},
		{"ImportRollsBack", testImportRollsBack},
		{"ImportKeepsKnownArticleIDs", testImportKeepsKnownArticleIDs},
		{"Filters", testFilters},
		{"Paging", testPaging},
		{"NumberMatchedRandom", testNumberMatchedRandom},
		{"EachEventOrder", testEachEventOrder},
		{"Stats", testStats},
		{"Aggregate", testAggregate},
		{"Weekly", testWeekly},
		{"CountsFollowWrites", testCountsFollowWrites},
		{"Extent", testExtent},
		{"Text", testText},
		{"InvalidFilters", testInvalidFilters},
		{"NotFound", testNotFound},
		{"Articles", testArticles},
		{"Places", testPlaces},
		{"SentenceStoredOnce", testSentenceStoredOnce},
		{"Incidents", testIncidents},
		{"IncidentTwoPoints", testIncidentTwoPoints},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open, opts) })
	}
}
