package sqlite

import (
	"context"
	"testing"

	"geoevents/internal/feedstate"
	"geoevents/internal/feedstate/statetest"
)

func TestFeedStatesContract(t *testing.T) {
	statetest.Run(t, func(t *testing.T) feedstate.StateStore {
		fs, err := OpenFeedStates(context.Background(), openTemp(t))
		if err != nil {
			t.Fatal(err)
		}
		return fs
	})
}

// Opening the feed state twice (every start of a watcher) keeps what the
// first stored.
func TestOpenFeedStatesIdempotent(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	fs, err := OpenFeedStates(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if err := fs.SaveFeedState(ctx, feedstate.State{URL: "https://a.example/rss", Status: feedstate.StatusOK}); err != nil {
		t.Fatal(err)
	}
	fs2, err := OpenFeedStates(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := fs2.FeedState(ctx, "https://a.example/rss"); !ok || err != nil {
		t.Errorf("after reopening: ok %v, err %v", ok, err)
	}
}
