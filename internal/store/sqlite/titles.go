package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"slices"
)

// Titles are stored once (schema 11): events point at their title's row
// in the titles table (title_id) instead of carrying its text. An
// article's events all share its title, and imported rows repeat a few
// headlines (the 1M-event bench: 4,500 titles, 39 bytes each, in every
// row). A title's row id is a hash of its text (31 bits: a 4-byte integer
// in each event row), probed onward past rows holding another text, so no
// index on the text is needed to find it: a title seen once costs its
// row's few bytes of overhead more than keeping it in the event, a title
// seen twice already less. Titles outlive their events (a pool): a
// re-derived article finds its title's row again.

// titleSQL is the SQL of an event's title (alias e).
const titleSQL = `(SELECT t.text FROM titles t WHERE t.rowid = e.title_id)`

// titleSpace is the number of title ids: 1 … titleSpace.
const titleSpace = 1<<31 - 1

// titleHome is where the search for title's id starts.
func titleHome(title string) int64 {
	h := fnv.New64a()
	h.Write([]byte(title)) //nolint:errcheck // a hash never fails
	return int64(h.Sum64()%titleSpace) + 1
}

// nextTitleID is the id probed after id.
func nextTitleID(id int64) int64 { return id%titleSpace + 1 }

// titleWriter finds or stores titles in one write transaction.
type titleWriter struct {
	get, put *sql.Stmt
	ids      map[string]int64
}

func newTitleWriter(ctx context.Context, tx *sql.Tx) (*titleWriter, error) {
	get, err := tx.PrepareContext(ctx, `SELECT text FROM titles WHERE rowid = ?`)
	if err != nil {
		return nil, fmt.Errorf("prepare title lookup: %w", err)
	}
	put, err := tx.PrepareContext(ctx, `INSERT INTO titles (rowid, text) VALUES (?, ?)`)
	if err != nil {
		get.Close()
		return nil, fmt.Errorf("prepare title insert: %w", err)
	}
	return &titleWriter{get: get, put: put, ids: map[string]int64{}}, nil
}

// id returns the id of title, storing it first if no row holds it; 0
// (NULL) for no title.
func (w *titleWriter) id(ctx context.Context, title string) (int64, error) {
	if title == "" {
		return 0, nil
	}
	if id, ok := w.ids[title]; ok {
		return id, nil
	}
	for id := titleHome(title); ; id = nextTitleID(id) {
		var text string
		err := w.get.QueryRowContext(ctx, id).Scan(&text)
		if err == sql.ErrNoRows {
			if _, err := w.put.ExecContext(ctx, id, title); err != nil {
				return 0, fmt.Errorf("store title: %w", err)
			}
		} else if err != nil {
			return 0, fmt.Errorf("find title: %w", err)
		} else if text != title {
			continue
		}
		w.ids[title] = id
		return id, nil
	}
}

func (w *titleWriter) close() {
	w.get.Close()
	w.put.Close()
}

// titlePool assigns title ids in memory, for a bulk import that cannot
// query the database while it streams rows in: it starts from every
// stored title and inserts the new ones afterwards (flush).
type titlePool struct {
	ids   map[string]int64
	taken map[int64]bool
	fresh []string // new titles, in the order assigned
}

// loadTitlePool reads the stored titles.
func loadTitlePool(ctx context.Context, tx *sql.Tx) (*titlePool, error) {
	p := &titlePool{ids: map[string]int64{}, taken: map[int64]bool{}}
	rows, err := tx.QueryContext(ctx, `SELECT rowid, text FROM titles`)
	if err != nil {
		return nil, fmt.Errorf("read titles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			return nil, fmt.Errorf("read titles: %w", err)
		}
		p.ids[text], p.taken[id] = id, true
	}
	return p, rows.Err()
}

// id returns title's id, assigning a free one to a new title; 0 for none.
func (p *titlePool) id(title string) int64 {
	if title == "" {
		return 0
	}
	if id, ok := p.ids[title]; ok {
		return id
	}
	id := titleHome(title)
	for p.taken[id] {
		id = nextTitleID(id)
	}
	p.ids[title], p.taken[id] = id, true
	p.fresh = append(p.fresh, title)
	return id
}

// flush stores the titles assigned since the last flush.
func (p *titlePool) flush(ctx context.Context, tx *sql.Tx) error {
	if len(p.fresh) == 0 {
		return nil
	}
	put, err := tx.PrepareContext(ctx, `INSERT INTO titles (rowid, text) VALUES (?, ?)`)
	if err != nil {
		return fmt.Errorf("prepare title insert: %w", err)
	}
	defer put.Close()
	// In id order: the table's pages fill in sequence.
	slices.SortFunc(p.fresh, func(a, b string) int { return cmp.Compare(p.ids[a], p.ids[b]) })
	for _, t := range p.fresh {
		if _, err := put.ExecContext(ctx, p.ids[t], t); err != nil {
			return fmt.Errorf("store title: %w", err)
		}
	}
	p.fresh = p.fresh[:0]
	return nil
}

// checkTitles reports events pointing at a missing title.
func checkTitles(ctx context.Context, db *sql.DB) error {
	var dangling int64
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM events e
		WHERE e.title_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM titles t WHERE t.rowid = e.title_id)`).Scan(&dangling)
	if err != nil {
		return fmt.Errorf("titles: %w", err)
	}
	if dangling > 0 {
		return fmt.Errorf("titles: %d events point at a missing title", dangling)
	}
	return nil
}
