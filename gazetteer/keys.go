package gazetteer

import (
	"sort"
	"strings"
)

// MaxKeyWords returns the largest number of words in any indexed key: a
// geoparser need not try longer word sequences.
func (g *Gazetteer) MaxKeyWords() int { return g.maxWords }

// HasKeyPrefix reports whether some indexed key starts with the given
// (already normalised) key followed by a space, i.e. whether a longer name
// may continue it ("new" -> "new york"). It does not allocate.
func (g *Gazetteer) HasKeyPrefix(key string) bool {
	if key == "" {
		return false
	}
	ix := &g.idx
	n := ix.numKeys()
	// The first key after every key equal to "key" or starting with it but
	// with a character smaller than ' ' next ('\t' etc. never occur).
	i := sort.Search(n, func(i int) bool { return ix.key(i) > key })
	for ; i < n; i++ {
		k := ix.key(i)
		if !strings.HasPrefix(k, key) {
			return false
		}
		if len(k) > len(key) && k[len(key)] == ' ' {
			return true
		}
		if len(k) > len(key) && k[len(key)] > ' ' {
			return false // keys continuing the word sort after the spaced ones
		}
	}
	return false
}

// countMaxWords returns the largest word count of the index's keys.
func (ix *index) countMaxWords() int {
	most := 0
	for i := 0; i < ix.numKeys(); i++ {
		most = max(most, strings.Count(ix.key(i), " ")+1)
	}
	return most
}
