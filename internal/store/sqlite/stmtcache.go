package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// maxCachedStmts bounds the statement cache; filters combine into a
// limited set of query shapes, so this is rarely reached.
const maxCachedStmts = 512

// stmtCache keeps read statements prepared: parsing a query costs about
// as much as running a small one. database/sql prepares each cached
// statement lazily on every pooled connection it runs on.
//
// Preparing a statement on the pool (DB.PrepareContext) needs a pooled
// connection of its own. A caller that already holds one in a read
// transaction must therefore never wait for it: with every connection
// held by transactions that each wait for a further connection to
// prepare, no one ever proceeds. Such callers use lookup, which never
// blocks and prepares a missing statement in the background.
type stmtCache struct {
	db     *sql.DB
	ctx    context.Context // cancelled by close: stops background prepares
	cancel context.CancelFunc
	wg     sync.WaitGroup // background prepares

	mu      sync.Mutex
	m       map[string]*sql.Stmt
	pending map[string]bool // queries being prepared in the background
	closed  bool
}

func newStmtCache(db *sql.DB) *stmtCache {
	ctx, cancel := context.WithCancel(context.Background())
	return &stmtCache{db: db, ctx: ctx, cancel: cancel, m: map[string]*sql.Stmt{}, pending: map[string]bool{}}
}

// get returns the prepared statement for query, preparing it on the pool
// if needed. It may wait for a free pooled connection, so callers must not
// hold one (use lookup inside a transaction). When the cache is full the
// statement is prepared for one use: release must then close it.
func (c *stmtCache) get(ctx context.Context, query string) (st *sql.Stmt, release func(), err error) {
	c.mu.Lock()
	st, ok := c.m[query]
	c.mu.Unlock()
	if ok {
		return st, func() {}, nil
	}
	st, err = c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.m[query]; ok { // another goroutine won the race
		st.Close()
		return old, func() {}, nil
	}
	if c.closed || len(c.m) >= maxCachedStmts {
		return st, func() { st.Close() }, nil
	}
	c.m[query] = st
	return st, func() {}, nil
}

// lookup returns the cached statement for query, or nil without waiting
// when it is not cached yet; it then starts preparing it in the
// background (at most once at a time per query), so later calls find it.
// Safe for callers holding a pooled connection.
func (c *stmtCache) lookup(query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[query]; ok {
		return st
	}
	if c.closed || c.pending[query] || len(c.m)+len(c.pending) >= maxCachedStmts {
		return nil
	}
	c.pending[query] = true
	c.wg.Add(1)
	go c.prepare(query)
	return nil
}

// prepare prepares query on the pool and caches it; on failure the next
// lookup retries.
func (c *stmtCache) prepare(query string) {
	defer c.wg.Done()
	st, err := c.db.PrepareContext(c.ctx, query)
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.pending, query)
	if err != nil {
		return
	}
	if _, dup := c.m[query]; dup || c.closed {
		st.Close()
		return
	}
	c.m[query] = st
}

// close stops background prepares and closes every cached statement.
func (c *stmtCache) close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	c.cancel()
	c.wg.Wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, st := range c.m {
		st.Close()
		delete(c.m, q)
	}
}
