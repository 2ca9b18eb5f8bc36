// Package statetest is the contract suite every feedstate.StateStore
// passes: a backend's tests call Run with a function opening a fresh,
// empty store of that backend.
package statetest

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"geoevents/internal/feedstate"
)

// Run runs the contract suite against stores made by open, a fresh empty
// one for each subtest.
func Run(t *testing.T, open func(t *testing.T) feedstate.StateStore) {
	t.Run("UnknownFeed", func(t *testing.T) { unknownFeed(t, open(t)) })
	t.Run("FeedRoundTrip", func(t *testing.T) { feedRoundTrip(t, open(t)) })
	t.Run("FeedReplace", func(t *testing.T) { feedReplace(t, open(t)) })
	t.Run("ItemRoundTrip", func(t *testing.T) { itemRoundTrip(t, open(t)) })
	t.Run("ItemsPerFeed", func(t *testing.T) { itemsPerFeed(t, open(t)) })
	t.Run("Invalid", func(t *testing.T) { invalid(t, open(t)) })
	t.Run("Concurrent", func(t *testing.T) { concurrent(t, open(t)) })
}

// at is a time the store must keep to the millisecond, in UTC.
func at(min int) time.Time { return time.Date(2026, 12, 2, 9, min, 7, 123e6, time.UTC) }

func unknownFeed(t *testing.T, s feedstate.StateStore) {
	ctx := context.Background()
	st, ok, err := s.FeedState(ctx, "https://a.example/rss")
	if err != nil || ok {
		t.Fatalf("unknown feed: ok %v, err %v", ok, err)
	}
	if st.URL != "https://a.example/rss" || st.Status != feedstate.StatusNew {
		t.Errorf("unknown feed: %+v, want its URL and status new", st)
	}
	if all, err := s.FeedStates(ctx); err != nil || len(all) != 0 {
		t.Errorf("FeedStates of an empty store: %v, %v", all, err)
	}
	if _, ok, err := s.Item(ctx, "https://a.example/rss", "k"); err != nil || ok {
		t.Errorf("unknown item: ok %v, err %v", ok, err)
	}
}

func sampleState(url string) feedstate.State {
	return feedstate.State{
		URL: url, Title: "Wire — العربية", ETag: `W/"abc"`, LastModified: "Wed, 02 Dec 2026 09:00:00 GMT",
		LastPoll: at(1), LastSuccess: at(0), NextPoll: at(11), Status: feedstate.StatusBackingOff,
		Rule: "back-off", Failures: 2, LastError: "fetch: timeout", ErrorKind: "timeout",
		Items: 50, Articles: 48, Errors: 3,
	}
}

func feedRoundTrip(t *testing.T, s feedstate.StateStore) {
	ctx := context.Background()
	want := sampleState("https://b.example/rss")
	if err := s.SaveFeedState(ctx, want); err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.FeedState(ctx, want.URL)
	if err != nil || !ok {
		t.Fatalf("FeedState: ok %v, err %v", ok, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}
	zero := feedstate.State{URL: "https://a.example/rss", Status: feedstate.StatusOK}
	if err := s.SaveFeedState(ctx, zero); err != nil {
		t.Fatal(err)
	}
	all, err := s.FeedStates(ctx)
	if err != nil || len(all) != 2 || all[0].URL != zero.URL || all[1].URL != want.URL {
		t.Fatalf("FeedStates: %+v, %v; want both, by URL", all, err)
	}
	if !all[0].LastPoll.IsZero() || !all[0].NextPoll.IsZero() {
		t.Errorf("zero times came back as %v, %v", all[0].LastPoll, all[0].NextPoll)
	}
}

func feedReplace(t *testing.T, s feedstate.StateStore) {
	ctx := context.Background()
	st := sampleState("https://c.example/rss")
	for i := range 3 {
		st.Failures, st.NextPoll = i, at(20+i)
		if err := s.SaveFeedState(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	got, _, err := s.FeedState(ctx, st.URL)
	if err != nil || got.Failures != 2 || !got.NextPoll.Equal(at(22)) {
		t.Errorf("after three saves: %+v, %v; want the last", got, err)
	}
	if all, _ := s.FeedStates(ctx); len(all) != 1 {
		t.Errorf("one feed saved three times is %d rows", len(all))
	}
}

func sampleItem(feed, key string) feedstate.Item {
	return feedstate.Item{
		FeedURL: feed, Key: key, Hash: "0123abcd", ArticleID: "a1", URL: "https://a.example/story",
		Byline: "By A. Reporter", Status: feedstate.ItemPending, Attempts: 1, LastError: "503", SeenAt: at(3),
	}
}

func itemRoundTrip(t *testing.T, s feedstate.StateStore) {
	ctx := context.Background()
	want := sampleItem("https://a.example/rss", "https://a.example/story")
	if err := s.SaveItem(ctx, want); err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.Item(ctx, want.FeedURL, want.Key)
	if err != nil || !ok || !reflect.DeepEqual(got, want) {
		t.Fatalf("round trip: ok %v err %v\n got %+v\nwant %+v", ok, err, got, want)
	}
	want.Status, want.Hash, want.Attempts = feedstate.ItemIngested, "ffff", 0
	if err := s.SaveItem(ctx, want); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := s.Item(ctx, want.FeedURL, want.Key); !reflect.DeepEqual(got, want) {
		t.Errorf("replaced item: %+v, want %+v", got, want)
	}
}

func itemsPerFeed(t *testing.T, s feedstate.StateStore) {
	ctx := context.Background()
	a := sampleItem("https://a.example/rss", "story")
	b := sampleItem("https://b.example/rss", "story")
	b.Hash = "other"
	for _, it := range []feedstate.Item{a, b} {
		if err := s.SaveItem(ctx, it); err != nil {
			t.Fatal(err)
		}
	}
	if got, _, _ := s.Item(ctx, a.FeedURL, "story"); got.Hash != a.Hash {
		t.Errorf("feed a's item has hash %q: another feed's item overwrote it", got.Hash)
	}
	if got, _, _ := s.Item(ctx, b.FeedURL, "story"); got.Hash != b.Hash {
		t.Errorf("feed b's item has hash %q", got.Hash)
	}
}

func invalid(t *testing.T, s feedstate.StateStore) {
	ctx := context.Background()
	if err := s.SaveFeedState(ctx, feedstate.State{}); err == nil {
		t.Error("a feed state without URL was saved")
	}
	for _, it := range []feedstate.Item{{Key: "k", Status: "ingested"}, {FeedURL: "f", Status: "ingested"}, {FeedURL: "f", Key: "k"}} {
		if err := s.SaveItem(ctx, it); err == nil {
			t.Errorf("item %+v saved", it)
		}
	}
}

func concurrent(t *testing.T, s feedstate.StateStore) {
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 8*11)
	for i := range 8 {
		wg.Go(func() {
			feed := fmt.Sprintf("https://f%d.example/rss", i)
			for j := range 10 {
				errs <- s.SaveItem(ctx, sampleItem(feed, fmt.Sprint(j)))
			}
			errs <- s.SaveFeedState(ctx, sampleState(feed))
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if all, err := s.FeedStates(ctx); err != nil || len(all) != 8 {
		t.Errorf("8 feeds saved at once: %d states, %v", len(all), err)
	}
}
