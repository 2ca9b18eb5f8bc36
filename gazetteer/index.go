package gazetteer

import (
	"hash/maphash"
	"math/bits"
	"sort"
	"strings"

	"github.com/paulmach/orb"
)

// index maps name keys to ranked candidates. Keys are kept sorted (for
// Prefix) in one string; an open-addressing hash table finds a key's
// number; each key owns a run of postings and candidates, best first.
type index struct {
	keys      string   // all keys concatenated, sorted
	keyEnd    []uint32 // key i is keys[keyEnd[i-1]:keyEnd[i]]
	postOff   []uint32 // key i owns postings [postOff[i], postOff[i+1])
	postPlace []int32  // place index of each posting
	postKind  []uint8  // kindName / kindAlt / kindAdj of each posting, with the flag kindDoubled
	cands     []Candidate
	table     []uint32 // key number + 1 in the bits of numMask, the key hash's fingerprint above; 0 = empty slot
	numMask   uint32   // the bits of a table slot that hold the key number + 1
	seed      maphash.Seed
	courses   map[int32]orb.LineString // river place index -> course (lon, lat)
	spell     spellIndex
}

// key returns key number i.
func (ix *index) key(i int) string {
	start := uint32(0)
	if i > 0 {
		start = ix.keyEnd[i-1]
	}
	return ix.keys[start:ix.keyEnd[i]]
}

func (ix *index) numKeys() int { return len(ix.keyEnd) }

// find returns the number of key k, or -1.
func (ix *index) find(k string) int {
	if len(ix.table) == 0 {
		return -1
	}
	mask := uint64(len(ix.table) - 1)
	hash := maphash.String(ix.seed, k)
	fp := ix.fingerprint(hash)
	for h := hash & mask; ; h = (h + 1) & mask {
		e := ix.table[h]
		if e == 0 {
			return -1
		}
		if e&^ix.numMask != fp {
			continue // another key's slot: its bytes need not be read
		}
		if i := int(e&ix.numMask) - 1; ix.key(i) == k {
			return i
		}
	}
}

// fingerprint returns the high bits of hash that a table slot keeps above
// the key number (see index.table), in place.
func (ix *index) fingerprint(hash uint64) uint32 {
	return uint32(hash>>32) &^ ix.numMask
}

// candidates returns the ranked candidates of key number i (capacity
// clipped, so an append by the caller copies instead of clobbering).
func (ix *index) candidates(i int) []Candidate {
	a, b := ix.postOff[i], ix.postOff[i+1]
	return ix.cands[a:b:b]
}

// rank computes every posting's candidate and prior and sorts each key's
// run best first (ties by id, for determinism). idOrder says that places
// are in id order, so that ties compare their indexes (no look-up of the
// places: the check runs over every run at every load).
func (ix *index) rank(places []*Place, idOrder bool) {
	areaPop := map[areaKey]int64{} // population of the places in each admin1
	for _, p := range places {
		if p.Admin1 != "" && p.FeatureClass == "P" {
			areaPop[areaKey{p.CountryCode, p.Admin1}] += p.Population
		}
	}
	base := make([]float64, len(places)) // prior of an exact name match
	for i, p := range places {
		base[i] = priorOf(p, kindName, areaPop[areaKey{p.CountryCode, p.Admin1}])
	}
	ix.cands = make([]Candidate, len(ix.postPlace))
	for i, pi := range ix.postPlace {
		k := ix.postKind[i]
		ix.cands[i] = Candidate{Place: places[pi], Prior: base[pi] * quality(k), Adjectival: k&kindMask == kindAdj,
			Doubled: k&kindDoubled != 0}
	}
	// The build writes every run in this order already; a run is sorted
	// here only when it is not (after Add, or where another machine's
	// floating point ranks two near-equal priors the other way).
	s := &runSorter{ix: ix, idOrder: idOrder}
	for i := 0; i < ix.numKeys(); i++ {
		a, b := int(ix.postOff[i]), int(ix.postOff[i+1])
		if b-a > 1 {
			s.off = a
			s.n = b - a
			if !sort.IsSorted(s) {
				sort.Sort(s)
			}
		}
	}
}

func (ix *index) buildTable() {
	// At most 60% full: 2M slots (8 MB) for today's 1.16M keys, where
	// "at most half" took 4M. With the fingerprints a probe past another
	// key's slot reads no key bytes, so the longer runs cost little.
	size := 16
	for size*3 < ix.numKeys()*5 {
		size <<= 1
	}
	ix.table = make([]uint32, size)
	ix.seed = maphash.MakeSeed()
	// The key number takes the low bits; the rest hold a fingerprint of
	// the key's hash, so that most probes of a key the table lacks (the
	// geoparser's usual look-up) end without reading the key's bytes.
	ix.numMask = uint32(1)<<bits.Len32(uint32(ix.numKeys()+1)) - 1
	mask := uint64(size - 1)
	for i := 0; i < ix.numKeys(); i++ {
		hash := maphash.String(ix.seed, ix.key(i))
		h := hash & mask
		for ix.table[h] != 0 {
			h = (h + 1) & mask
		}
		ix.table[h] = ix.fingerprint(hash) | uint32(i+1)
	}
}

// areaKey names an admin1 area.
type areaKey struct{ country, admin1 string }

// runSorter sorts one key's run of postings and candidates together.
type runSorter struct {
	ix      *index
	off, n  int
	idOrder bool // places are in id order: ties compare place indexes
}

func (s *runSorter) Len() int { return s.n }

func (s *runSorter) Less(i, j int) bool {
	a, b := &s.ix.cands[s.off+i], &s.ix.cands[s.off+j]
	if a.Prior != b.Prior {
		return a.Prior > b.Prior
	}
	if s.idOrder {
		return s.ix.postPlace[s.off+i] < s.ix.postPlace[s.off+j]
	}
	return a.Place.ID < b.Place.ID
}

func (s *runSorter) Swap(i, j int) {
	i, j = s.off+i, s.off+j
	ix := s.ix
	ix.cands[i], ix.cands[j] = ix.cands[j], ix.cands[i]
	ix.postPlace[i], ix.postPlace[j] = ix.postPlace[j], ix.postPlace[i]
	ix.postKind[i], ix.postKind[j] = ix.postKind[j], ix.postKind[i]
}

// LookupKey is Lookup for a key already made by Normalize: the geoparser's
// hot path. It does not allocate. A key starting with the English article
// that matches nothing is retried without it ("the golan heights"). The
// slice is shared: callers must not modify it (append copies, the capacity
// is clipped).
func (g *Gazetteer) LookupKey(key string) []Candidate {
	if key == "" {
		return nil
	}
	i := g.idx.find(key)
	if i < 0 {
		rest, ok := strings.CutPrefix(key, "the ")
		if !ok {
			return nil
		}
		if i = g.idx.find(rest); i < 0 {
			return nil
		}
	}
	return g.idx.candidates(i)
}
