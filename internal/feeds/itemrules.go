package feeds

// itemAction is what to do with a feed item.
type itemAction int

const (
	actSkip      itemAction = iota // nothing new: already handled
	actOwnText                     // store the item's own text as the article
	actFetchPage                   // fetch the item's page and store its article
)

func (a itemAction) String() string {
	return [...]string{"skip", "own-text", "fetch-page"}[a]
}

// itemFacts are what itemRules decide on.
type itemFacts struct {
	seen        bool   // the item was handled before
	sameHash    bool   // ... and has not changed since
	prevStatus  string // its status then
	attempts    int    // failed page fetches of this version of the item
	maxAttempts int
	hasText     bool // the item has text of its own
	teaser      bool // ... but shorter than an article
	hasLink     bool
	noFetch     bool
}

// itemRule is one row of itemRules.
type itemRule struct {
	name string
	when func(f itemFacts) bool
	act  itemAction
}

// itemRules decide, in order, what to do with an item; the first that
// applies wins.
var itemRules = []itemRule{
	// Handled and unchanged: re-polls, restarts and other feeds carrying
	// the same story stop here.
	{"done", func(f itemFacts) bool {
		return f.seen && f.sameHash && f.prevStatus != ItemPending
	}, actSkip},
	// The feed carries the whole article.
	{"full-text", func(f itemFacts) bool { return f.hasText && !f.teaser }, actOwnText},
	// Asked not to fetch pages: the teaser is all there is.
	{"no-fetch", func(f itemFacts) bool { return f.noFetch }, actOwnText},
	// Nowhere to fetch from.
	{"no-link", func(f itemFacts) bool { return !f.hasLink }, actOwnText},
	// The page failed too often: keep what the feed said, stop asking.
	{"page-gave-up", func(f itemFacts) bool { return f.attempts >= f.maxAttempts }, actOwnText},
	// A teaser with a link: read the article from its page.
	{"teaser", func(itemFacts) bool { return true }, actFetchPage},
}

// decideItem applies itemRules to an item's facts.
func decideItem(f itemFacts) (string, itemAction) {
	for _, r := range itemRules {
		if r.when(f) {
			return r.name, r.act
		}
	}
	panic("feeds: itemRules has no catch-all")
}
