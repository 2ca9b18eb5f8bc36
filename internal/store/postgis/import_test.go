package postgis

import (
	"context"
	"testing"
)

// TestImportRefreshesStatistics: a large import leaves the planner with
// the table's statistics (pg_class.reltuples is -1 until a table is
// analysed), so the first queries after a copy do not plan for an empty
// table.
func TestImportRefreshesStatistics(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	n, err := s.ImportEvents(ctx, benchEvents(analyzeAfter))
	if err != nil || n != analyzeAfter {
		t.Fatalf("import: %d, %v", n, err)
	}
	var tuples float64
	if err := s.pool.QueryRow(ctx, "SELECT reltuples FROM pg_class WHERE relname = 'events'").Scan(&tuples); err != nil {
		t.Fatal(err)
	}
	if tuples < analyzeAfter {
		t.Errorf("reltuples = %v after importing %d events: not analysed", tuples, analyzeAfter)
	}
}
