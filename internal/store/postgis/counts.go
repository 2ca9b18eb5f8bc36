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
