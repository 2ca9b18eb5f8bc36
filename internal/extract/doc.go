// Package extract turns a geoparsed article into ACLED-style events: it
// splits the text into sentences, decides what each sentence says happened
// (type and sub-type), where (the place the event happened, not every place
// named), when (with ACLED's time precision), who (actors) and how many
// died, and records why for each decision. Its decision logic lives in
// named rule tables, each rule tested on its own.
package extract
