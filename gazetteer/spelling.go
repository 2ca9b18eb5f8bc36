package gazetteer

import (
	"sort"

	"geoevents/gazetteer/internal/namekey"
)

// spellIndex maps spelling keys (namekey.Spelling) to the numbers of the
// keys that share them; the keys are sorted for binary search.
type spellIndex struct {
	keys    string   // all spelling keys, sorted
	end     []uint32 // spelling key i is keys[end[i-1]:end[i]]
	off     []uint32 // spelling key i owns keyNums[off[i]:off[i+1]]
	keyNums []uint32
}

func (sp *spellIndex) key(i int) string {
	start := uint32(0)
	if i > 0 {
		start = sp.end[i-1]
	}
	return sp.keys[start:sp.end[i]]
}

// find returns the number of spelling key k, or -1.
func (sp *spellIndex) find(k string) int {
	n := len(sp.end)
	i := sort.Search(n, func(i int) bool { return sp.key(i) >= k })
	if i < n && sp.key(i) == k {
		return i
	}
	return -1
}

// SpellingKey returns the spelling key of a matching key (Normalize's
// output): its consonant skeleton, shared by a name's romanisations
// (Msheirfeh Qabliyeh and Mushayrifah Qibliyah give "mSrf kbl"; S is sh).
func SpellingKey(key string) string { return namekey.Spelling(key) }

// Spelling quality: how much a candidate found by its spelling key keeps of
// its prior, scaled by how close the two spellings are.
const (
	spellingQuality = 0.6
	// maxSpellingCandidates bounds the candidates of one spelling.
	maxSpellingCandidates = 25
)

// LookupSpelling returns the candidates of the names that are spelled
// like key (a Normalize key) in another romanisation — Msheirfeh Qabliyeh
// for Mushayrifah Qibliyah, Bouatni for Buatni — excluding key's own
// candidates, best first, at most 25, or nil; keep, when not nil, selects
// the places wanted (before the 25 best are taken). Their priors are
// lowered (times 0.6 and the two spellings' similarity) and Spelling is
// set: the spelling key is lossy, so these are a fallback for a name found
// under no spelling, to be weighed with the text's context. It allocates.
func (g *Gazetteer) LookupSpelling(key string, keep func(*Place) bool) []Candidate {
	sp := &g.idx.spell
	if key == "" || len(sp.end) == 0 {
		return nil
	}
	si := sp.find(namekey.Spelling(key))
	if si < 0 {
		return nil
	}
	// The best by prior first (cheap), then weighed by how alike the
	// spellings are (an edit distance each): the similarity only reorders
	// names that share a skeleton already.
	type found struct {
		c  Candidate
		kn uint32
	}
	var pool []found
	minPrior := 0.0
	for _, kn := range sp.keyNums[sp.off[si]:sp.off[si+1]] {
		if g.idx.key(int(kn)) == key {
			continue
		}
		for _, c := range g.idx.candidates(int(kn)) {
			if c.Prior <= minPrior && len(pool) >= spellingPool || keep != nil && !keep(c.Place) {
				continue
			}
			pool = append(pool, found{c, kn})
			if len(pool) >= 2*spellingPool {
				sort.Slice(pool, func(i, j int) bool { return pool[i].c.Prior > pool[j].c.Prior })
				pool = pool[:spellingPool]
				minPrior = pool[len(pool)-1].c.Prior
			}
		}
	}
	var out []Candidate
	for _, f := range pool {
		c := f.c
		c.Prior *= spellingQuality * similarity(key, g.idx.key(int(f.kn)))
		c.Spelling = true
		out = insertTop(out, c, maxSpellingCandidates)
	}
	return out
}

// spellingPool is how many candidates of a spelling key, best prior first,
// are weighed by similarity.
const spellingPool = 32

// similarity is 1 minus the edit distance of a and b over the longer's
// length, at least 0.5 (the spellings share a skeleton already).
func similarity(a, b string) float64 {
	n := max(len(a), len(b))
	if n == 0 {
		return 1
	}
	return max(0.5, 1-float64(editDistance(a, b))/float64(n))
}

// editDistance is the Levenshtein distance of two byte strings (rows on
// the stack for names up to 63 bytes).
func editDistance(a, b string) int {
	var buf [2][64]int
	prev, cur := buf[0][:0], buf[1][:0]
	if len(b)+1 > len(buf[0]) {
		prev, cur = make([]int, 0, len(b)+1), make([]int, 0, len(b)+1)
	}
	prev, cur = prev[:len(b)+1], cur[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
