package sqlite

// Schema 7 (migration 7) rebuilds the full-text index with the porter
// stemmer in front of unicode61: "airstrike" finds "airstrikes", "kill"
// finds "killed", "shelling" finds "shell". The stemmer runs on the
// indexed text and on the query alike, so parseText needs no change;
// a word split across a token ("air-strikes") is still checked word for
// word in the text (geo_phrase), without stemming.
//
// The triggers of schema 6 name events_fts, not its options, so they keep
// working on the new table; the rebuild reads every event's title and
// sentence once (about 10 s per million events).
const schema7SQL = `
DROP TABLE events_fts;
` + ftsTableSQL7 + `
INSERT INTO events_fts(events_fts) VALUES ('rebuild');
`

// ftsTableSQL7 is the full-text index from schema 7 on: ftsTableSQL with
// the porter stemmer. ftsTableSQL stays as migration 6 released it.
const ftsTableSQL7 = `
CREATE VIRTUAL TABLE events_fts USING fts5(
	article_title, sentence,
	content='events', content_rowid='rowid',
	tokenize='porter unicode61 remove_diacritics 2',
	detail=none, columnsize=0
);`
