package postgis

import (
	"strconv"
	"strings"
)

// countTable is a table of event counts by key that statement triggers on
// events keep exact: the count grid (grid.go) and the day counts
// (days.go). Each write adds the buckets of its new rows and subtracts
// those of its old rows, in key order, as one statement per trigger.
type countTable struct {
	table   string   // the table: event_grid, event_days
	alias   string   // the table's alias in the delta statements
	sub     string   // the alias of the recount in a subtraction
	name    string   // the functions' and triggers' word: grid, days
	keys    []string // the key columns, the recount's first columns
	recount string   // SELECT keys…, count(*) AS n FROM events e …
	cols    []string // the events' columns the keys are computed from
}

// deltaSQL adds (sign +) or subtracts (sign -) the buckets of the events
// of table src.
func (c countTable) deltaSQL(src, sign string) string {
	keys := strings.Join(c.keys, ", ")
	sel := strings.Replace(c.recount, "FROM events e", "FROM "+src+" e", 1)
	if sign == "+" {
		order := make([]string, len(c.keys))
		for i := range order {
			order[i] = strconv.Itoa(i + 1)
		}
		return "INSERT INTO " + c.table + " AS " + c.alias + " (" + keys + ", n) " + sel + " ORDER BY " + strings.Join(order, ", ") +
			" ON CONFLICT (" + keys + ") DO UPDATE SET n = " + c.alias + ".n + excluded.n;"
	}
	return "UPDATE " + c.table + " AS " + c.alias + " SET n = " + c.alias + ".n - " + c.sub + ".n FROM (" + sel + ") " + c.sub +
		" WHERE " + c.tuple(c.alias) + " = " + c.tuple(c.sub) + ";"
}

// tuple is the key columns of alias a as a row value: (a.k1, a.k2, …).
func (c countTable) tuple(a string) string {
	cols := make([]string, len(c.keys))
	for i, k := range c.keys {
		cols[i] = a + "." + k
	}
	return "(" + strings.Join(cols, ", ") + ")"
}

// triggersSQL creates the trigger functions and the statement triggers on
// events, then fills the table from the events stored.
func (c countTable) triggersSQL() string {
	fn := func(name, body string) string {
		return "CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n" + body + "\nRETURN NULL;\nEND $$;\n"
	}
	f := "geoevents_" + c.name + "_"
	t := "events_" + c.name + "_"
	return fn(f+"insert", c.deltaSQL("new_rows", "+")) +
		fn(f+"delete", c.deltaSQL("old_rows", "-")) +
		fn(f+"update", c.deltaSQL("old_rows", "-")+"\n"+c.deltaSQL("new_rows", "+")) +
		fn(f+"truncate", "DELETE FROM "+c.table+";") + `
CREATE TRIGGER ` + t + `insert AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION ` + f + `insert();
CREATE TRIGGER ` + t + `delete AFTER DELETE ON events REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION ` + f + `delete();
CREATE TRIGGER ` + t + `update AFTER UPDATE ON events REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION ` + f + `update();
CREATE TRIGGER ` + t + `truncate AFTER TRUNCATE ON events
	FOR EACH STATEMENT EXECUTE FUNCTION ` + f + `truncate();
` + c.deltaSQL("events", "+") + "\n"
}

// changedSQL is the rows of transition table src whose counted columns
// (or id) no row of transition table other has: the rows an update moved
// to other buckets, the only ones its delta needs.
func (c countTable) changedSQL(src, other string) string {
	s, o := make([]string, len(c.cols)), make([]string, len(c.cols))
	for i, col := range c.cols {
		s[i], o[i] = "s."+col, "o."+col
	}
	return "(SELECT s.* FROM " + src + " s WHERE NOT EXISTS (SELECT 1 FROM " + other + " o WHERE o.id = s.id AND (" +
		strings.Join(o, ", ") + ") IS NOT DISTINCT FROM (" + strings.Join(s, ", ") + ")))"
}

// updateChangedSQL replaces the update trigger's function (triggersSQL)
// with one that counts only the rows whose counted columns changed
// (schema 5): a join updates its primary's toll and source count, which
// no count reads, and the full delta subtracted and added back every
// bucket of the row (a fifth of a join's cost).
func (c countTable) updateChangedSQL() string {
	return "CREATE OR REPLACE FUNCTION geoevents_" + c.name + "_update() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n" +
		c.deltaSQL(c.changedSQL("old_rows", "new_rows"), "-") + "\n" + c.deltaSQL(c.changedSQL("new_rows", "old_rows"), "+") +
		"\nRETURN NULL;\nEND $$;\n"
}
