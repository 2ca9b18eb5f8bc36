package feeds

import "geoevents/internal/feedstate"

// The feed state types, from package feedstate (which store backends
// implement without importing this package).
type (
	// State is what the database keeps about one feed between polls.
	State = feedstate.State
	// Item is what the database keeps about one item of one feed.
	Item = feedstate.Item
	// StateStore keeps feed state in the database.
	StateStore = feedstate.StateStore
)

// Feed and item statuses (see package feedstate).
const (
	StatusNew        = feedstate.StatusNew
	StatusOK         = feedstate.StatusOK
	StatusBackingOff = feedstate.StatusBackingOff
	StatusGone       = feedstate.StatusGone
	StatusGivenUp    = feedstate.StatusGivenUp

	ItemIngested    = feedstate.ItemIngested
	ItemSummaryOnly = feedstate.ItemSummaryOnly
	ItemPending     = feedstate.ItemPending
	ItemRejected    = feedstate.ItemRejected
)
