package geoparse_test

import (
	"sync"
	"testing"

	"geoevents/gazetteer"
	"geoevents/internal/geoparse"
)

// loadParser returns a Parser over the embedded gazetteer, loaded once per
// test binary.
var loadParser = sync.OnceValues(func() (*geoparse.Parser, error) {
	g, err := gazetteer.Load()
	if err != nil {
		return nil, err
	}
	return geoparse.New(g), nil
})

func parser(t testing.TB) *geoparse.Parser {
	t.Helper()
	p, err := loadParser()
	if err != nil {
		t.Fatalf("load gazetteer: %v", err)
	}
	return p
}
