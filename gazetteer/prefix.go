package gazetteer

import (
	"sort"
	"strings"
)

// Prefix returns up to limit candidates whose names (normalised) start with
// prefix, best prior first, one per place: autocomplete. It returns nil for
// an empty or unusable prefix or a limit below 1.
func (g *Gazetteer) Prefix(prefix string, limit int) []Candidate {
	k := Normalize(prefix)
	if k == "" || limit < 1 {
		return nil
	}
	ix := &g.idx
	n := ix.numKeys()
	first := sort.Search(n, func(i int) bool { return ix.key(i) >= k })
	var out []Candidate
	for i := first; i < n && strings.HasPrefix(ix.key(i), k); i++ {
		for _, c := range ix.candidates(i) {
			out = insertTop(out, c, limit)
		}
	}
	return out
}

// insertTop inserts c into top (sorted best first, at most limit long, one
// candidate per place, keeping the better one).
func insertTop(top []Candidate, c Candidate, limit int) []Candidate {
	if len(top) == limit && !better(c, top[len(top)-1]) {
		// Not better than the last kept, so not better than an entry of
		// its own place either: the common case, decided in O(1).
		return top
	}
	for i := range top {
		if top[i].Place == c.Place {
			if !better(c, top[i]) {
				return top
			}
			top = append(top[:i], top[i+1:]...)
			break
		}
	}
	if len(top) == limit && !better(c, top[len(top)-1]) {
		return top
	}
	pos := sort.Search(len(top), func(i int) bool { return better(c, top[i]) })
	if len(top) < limit {
		top = append(top, Candidate{})
	}
	copy(top[pos+1:], top[pos:])
	top[pos] = c
	return top
}

// better orders candidates: higher prior, then lower id.
func better(a, b Candidate) bool {
	if a.Prior != b.Prior {
		return a.Prior > b.Prior
	}
	return a.Place.ID < b.Place.ID
}
