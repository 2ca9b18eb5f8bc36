package sqlite

import (
	"context"
	"database/sql"
)

// The coarse-kinds migration (appended after schema 7) stores the events
// of geo_precision 3 and above (a province or country standing for an
// unknown place in it) as kinds of their own (kindCoarse, grid.go), so a
// filter leaving them out, as the map does by default, is read from the
// space indexes and counted by the count grid without reading a row.
//
// Only the coarse rows change. The update trigger is dropped while they
// do (it would re-index each one's text, which does not change, and move
// its grid counts one by one) and the grid is rebuilt once after.
const schemaCoarseSQL = `
DROP TRIGGER events_au;
UPDATE events SET kind = kind | 2 WHERE event_precision(more) >= 3;
` + eventsAUTriggerSQL

// schemaCoarseRun recounts the grid under the new kinds.
func schemaCoarseRun(ctx context.Context, tx *sql.Tx) error {
	return rebuildGrid(ctx, tx)
}
