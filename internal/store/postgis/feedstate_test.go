package postgis

import (
	"context"
	"testing"
	"time"

	"geoevents/internal/feedstate"
	"geoevents/internal/feedstate/statetest"
)

func TestFeedStatesContract(t *testing.T) {
	statetest.Run(t, func(t *testing.T) feedstate.StateStore {
		fs, err := openTemp(t).OpenFeedStates(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return fs
	})
}

// Opening the feed state again (every start of a watcher, several
// servers at once) keeps what was stored; times keep the millisecond
// precision the SQLite store keeps.
func TestOpenFeedStatesIdempotent(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			_, err := s.OpenFeedStates(ctx)
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatalf("opened at once: %v", err)
		}
	}
	fs, err := s.OpenFeedStates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	poll := time.Date(2026, 12, 2, 9, 0, 7, 123456789, time.FixedZone("x", 3600))
	if err := fs.SaveFeedState(ctx, feedstate.State{URL: "https://a.example/rss", Status: feedstate.StatusOK, LastPoll: poll}); err != nil {
		t.Fatal(err)
	}
	fs2, err := s.OpenFeedStates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st, ok, err := fs2.FeedState(ctx, "https://a.example/rss")
	if !ok || err != nil {
		t.Fatalf("after reopening: ok %v, err %v", ok, err)
	}
	if want := poll.Truncate(time.Millisecond).UTC(); st.LastPoll != want {
		t.Errorf("last poll %v, want %v", st.LastPoll, want)
	}
}
