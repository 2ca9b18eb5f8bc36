package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"modernc.org/sqlite"
)

// Actors are packed in the more column (packed.go), which no index reads.
// The actor filter reads them from event_actors instead: one row per
// event and actor key (actorKey), keyed by actor, so "the events of these
// actors" is a few index seeks that give row ids, and the default path
// (no actor filter) never touches it. New events are added to it in one
// statement per write (addActors); triggers keep it in step when events
// are deleted or their packed fields change.
const actorsTableSQL = `
CREATE TABLE event_actors (
	actor TEXT NOT NULL,
	rid   INTEGER NOT NULL,
	PRIMARY KEY (actor, rid)
) WITHOUT ROWID;
CREATE TRIGGER events_actors_ad AFTER DELETE ON events BEGIN
	DELETE FROM event_actors WHERE rid = old.rowid AND actor IN (SELECT value FROM json_each(event_actor_keys(old.more)));
END;
CREATE TRIGGER events_actors_au AFTER UPDATE OF more ON events BEGIN
	DELETE FROM event_actors WHERE rid = old.rowid AND actor IN (SELECT value FROM json_each(event_actor_keys(old.more)));
	INSERT OR IGNORE INTO event_actors (actor, rid) SELECT value, new.rowid FROM json_each(event_actor_keys(new.more));
END;
INSERT OR IGNORE INTO event_actors (actor, rid)
	SELECT j.value, e.rowid FROM events e, json_each(event_actor_keys(e.more)) j;
`

// actorKey is the form actors are matched in: trimmed, case folded
// ("Islamic State" = "islamic state").
func actorKey(a string) string { return strings.ToLower(strings.TrimSpace(a)) }

// addActors adds the actors of the events inserted after rowid last.
func addActors(ctx context.Context, tx *sql.Tx, last int64) error {
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO event_actors (actor, rid)
		SELECT j.value, e.rowid FROM events e, json_each(event_actor_keys(e.more)) j WHERE e.rowid > ?`, last); err != nil {
		return fmt.Errorf("actors: %w", err)
	}
	return nil
}

// actorCondition is the row condition of an actor filter on alias e.
func actorCondition(q *query, actors []string) {
	keys := make([]string, 0, len(actors))
	for _, a := range actors {
		if k := actorKey(a); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		q.add("0") // only blanks: no actor matches
		return
	}
	var in query
	addIn(&in, "actor", keys)
	q.add("e.rowid IN (SELECT rid FROM event_actors WHERE "+in.where[0]+")", in.args...)
}

// actorKeysJSON is the SQL function event_actor_keys(more): the distinct
// actor keys of packed fields as a JSON array ("[]" for none).
func actorKeysJSON(more []byte) (string, error) {
	var keys []string
	if v, ok := packedField(more, tagActors); ok {
		actors, err := unpackStrs(v)
		if err != nil {
			return "[]", nil // a malformed row must not fail a write
		}
		for _, a := range actors {
			if k := actorKey(a); k != "" && !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	if len(keys) == 0 {
		return "[]", nil
	}
	b, err := json.Marshal(keys)
	return string(b), err
}

func init() {
	sqlite.MustRegisterFunction("event_actor_keys", &sqlite.FunctionImpl{
		NArgs: 1, Deterministic: true,
		Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			b, _ := args[0].([]byte)
			return actorKeysJSON(b)
		},
	})
}
