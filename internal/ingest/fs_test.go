package ingest

import (
	"context"
	"testing"
	"testing/fstest"
)

// TestIngestFS ingests articles from an in-memory file system, as the
// embedded sample corpus is: good files are stored, a bad one is reported
// by its path in the file system, hidden and unknown files are skipped, and
// a second run changes nothing.
func TestIngestFS(t *testing.T) {
	in, st := newIngester(t)
	ctx := context.Background()
	fsys := fstest.MapFS{
		"001-homs.md":         {Data: []byte("---\ntitle: Clashes near Homs\ndate: 2024-12-02\n---\nGovernment forces clashed with rebels on the outskirts of Homs.\n")},
		"more/002-aleppo.md":  {Data: []byte("---\ntitle: Strikes on Aleppo\ndate: 2024-12-03\n---\nRussian airstrikes hit the eastern districts of Aleppo on Tuesday.\n")},
		"more/003-latin1.txt": {Data: []byte("Caf\xe9 in Idlib\n")},
		".hidden/004-skip.md": {Data: []byte("---\ntitle: hidden\n---\nFighting in Daraa.\n")},
		"README.rst":          {Data: []byte("not an article")},
	}
	sum, err := in.IngestFS(ctx, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Files != 3 || sum.Created != 2 || sum.Events == 0 {
		t.Fatalf("summary %v, want 3 files, 2 new articles with events", sum)
	}
	if len(sum.Failed) != 1 || sum.Failed[0].Path != "more/003-latin1.txt" {
		t.Fatalf("failed %v, want more/003-latin1.txt", sum.Failed)
	}
	na, ne := counts(t, st)
	if na != 2 || ne != int64(sum.Events) {
		t.Fatalf("stored %d articles, %d events; summary %v", na, ne, sum)
	}
	again, err := in.IngestFS(ctx, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Unchanged != 2 || again.Created != 0 {
		t.Fatalf("second run %v, want 2 unchanged", again)
	}
}
