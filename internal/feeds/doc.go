// Package feeds follows news feeds (RSS 2.0, Atom, JSON Feed) and ingests
// their items as articles, exactly once.
//
// A Watcher polls each feed on its own interval with conditional GET
// (ETag, Last-Modified), a jittered schedule, exponential back-off on
// errors and a per-host rate limit; every fetch has a timeout, a size cap,
// a redirect limit and a clear User-Agent. When an item carries only a
// teaser, the article's page is fetched and its text extracted with a
// readability extractor (title, byline, publication time, canonical URL).
//
// What the watcher knows between polls (ETags, last poll, failures, the
// items it has seen with their content hashes) lives in the database
// behind StateStore, so a restart, or a kill -9 in the middle of a poll,
// neither loses nor repeats work: an item is marked seen only after its
// article is stored, and storing an article again is a no-op (the store
// identifies an article by its text and day, and by its URL). Decisions —
// when to poll next, when to back off or give up, whether an item's own
// text is the article or a page must be fetched — are named rule tables
// (pollRules, itemRules), each rule tested.
package feeds
