package gazetteer

import (
	"sync"
	"testing"
)

// shared is one loaded gazetteer for the whole test binary.
var shared struct {
	once sync.Once
	g    *Gazetteer
	err  error
}

// loadT returns the embedded gazetteer, loaded once per test process.
func loadT(t testing.TB) *Gazetteer {
	t.Helper()
	shared.once.Do(func() { shared.g, shared.err = Load() })
	if shared.err != nil {
		t.Fatalf("Load: %v", shared.err)
	}
	return shared.g
}
