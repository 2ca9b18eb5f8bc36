package sqlite

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"

	"modernc.org/sqlite/vtab"
)

// A bulk import hands rows to SQLite through a virtual table, event_feed,
// whose cursor reads batches from a Go channel: one INSERT … SELECT then
// loads every row, with no statement execution and argument binding per
// row (measured: about a quarter faster than multi-row INSERTs).

// feedColumns are the feed's columns: insertEventSQL's, in order.
const feedColumns = "id, kind, h, x, y, date, type, subtype, place_name, place_id, country_code, article_id, score, title_id, sentence, more, sentence_id"

// feed is one import's stream of rows.
type feed struct {
	ctx     context.Context
	batches <-chan []*eventRow
	err     error // the first error, set before the channel closes
	rows    atomic.Int64
}

// feeds maps a feed's number (its virtual table's argument) to the feed.
var (
	feedsMu  sync.Mutex
	feeds    = map[int64]*feed{}
	feedNext int64
)

// registerFeed makes f available to "CREATE VIRTUAL TABLE … USING
// event_feed(n)" and returns n and a function removing it.
func registerFeed(f *feed) (int64, func()) {
	feedsMu.Lock()
	defer feedsMu.Unlock()
	feedNext++
	n := feedNext
	feeds[n] = f
	return n, func() {
		feedsMu.Lock()
		delete(feeds, n)
		feedsMu.Unlock()
	}
}

func init() {
	if err := vtab.RegisterModule(nil, "event_feed", feedModule{}); err != nil {
		panic(fmt.Sprintf("register event_feed: %v", err))
	}
}

type feedModule struct{}

func (feedModule) Create(ctx vtab.Context, args []string) (vtab.Table, error) {
	return connectFeed(ctx, args)
}
func (feedModule) Connect(ctx vtab.Context, args []string) (vtab.Table, error) {
	return connectFeed(ctx, args)
}

func connectFeed(ctx vtab.Context, args []string) (vtab.Table, error) {
	if len(args) < 4 {
		return nil, errors.New("event_feed: want the feed's number")
	}
	n, err := strconv.ParseInt(args[3], 10, 64)
	if err != nil {
		return nil, fmt.Errorf("event_feed: %w", err)
	}
	feedsMu.Lock()
	f := feeds[n]
	feedsMu.Unlock()
	if f == nil {
		return nil, fmt.Errorf("event_feed: no feed %d", n)
	}
	if err := ctx.Declare("CREATE TABLE x(" + feedColumns + ")"); err != nil {
		return nil, err
	}
	return feedTable{f}, nil
}

type feedTable struct{ f *feed }

func (feedTable) BestIndex(info *vtab.IndexInfo) error {
	info.EstimatedCost = 1e9
	return nil
}
func (t feedTable) Open() (vtab.Cursor, error) { return &feedCursor{f: t.f}, nil }
func (feedTable) Disconnect() error            { return nil }
func (feedTable) Destroy() error               { return nil }

// feedCursor walks the batches of rows.
type feedCursor struct {
	f     *feed
	batch []*eventRow
	i     int
	eof   bool
	rowid int64
}

func (c *feedCursor) Filter(int, string, []vtab.Value) error { c.i = -1; return c.Next() }

func (c *feedCursor) Next() error {
	c.i++
	for c.i >= len(c.batch) {
		select {
		case b, ok := <-c.f.batches:
			if !ok {
				c.eof = true
				return c.f.err
			}
			c.batch, c.i = b, 0
		case <-c.f.ctx.Done():
			return c.f.ctx.Err()
		}
	}
	c.rowid++
	c.f.rows.Add(1)
	return nil
}

func (c *feedCursor) Eof() bool                          { return c.eof }
func (c *feedCursor) Column(col int) (vtab.Value, error) { return c.batch[c.i].column(col), nil }
func (c *feedCursor) Rowid() (int64, error)              { return c.rowid, nil }
func (c *feedCursor) Close() error                       { return nil }
