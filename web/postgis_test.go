package web

import (
	"context"
	"testing"

	"geoevents/internal/event"
	"geoevents/internal/store"
	_ "geoevents/internal/store/all"
	"geoevents/internal/testenv"
)

// openPostGIS opens a store on a fresh PostgreSQL database holding evs.
func openPostGIS(t testing.TB, evs []event.Event) store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), testenv.PostgresDSN(t))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	if len(evs) > 0 {
		n, err := st.ImportEvents(context.Background(), seqOf(evs))
		if err != nil || n != len(evs) {
			t.Fatalf("import: %d of %d, %v", n, len(evs), err)
		}
	}
	return st
}

// TestOnPostGIS runs the API's oracle, order and golden-file tests, HTTP
// paging and GDAL's OGC API – Features reader with the server on PostGIS:
// the same bytes as on SQLite.
func TestOnPostGIS(t *testing.T) {
	testenv.PostgresDSN(t) // skip (or, in CI, fail) early without a server
	for name, fn := range map[string]func(*testing.T, storeOpener){
		"EventsFilters":          testEventsFilters,
		"EventsSortBy":           testEventsSortBy,
		"EventsPagingLinks":      testEventsPagingLinks,
		"QueryablesItemsAndItem": testQueryablesItemsAndItem,
		"PagingOverHTTP":         testPagingOverHTTP,
		"OgrinfoOAPIF":           testOgrinfoOAPIF,
		"AggregateEndpoint":      testAggregateEndpoint,
		"FeedsAndMetrics":        testFeedsAndMetrics,
		"Incidents":              testAPIIncidents,
	} {
		t.Run(name, func(t *testing.T) { fn(t, openPostGIS) })
	}
}
