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
type stmtCache struct {
	db *sql.DB
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, m: map[string]*sql.Stmt{}}
}

// get returns the prepared statement for query. When the cache is full
// the statement is prepared for one use: release must then close it.
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
	if len(c.m) >= maxCachedStmts {
		return st, func() { st.Close() }, nil
	}
	c.m[query] = st
	return st, func() {}, nil
}

// close closes every cached statement.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, st := range c.m {
		st.Close()
		delete(c.m, q)
	}
}
