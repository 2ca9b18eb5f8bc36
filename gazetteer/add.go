package gazetteer

import (
	"sort"
	"strings"

	"geoevents/gazetteer/internal/namekey"
	"geoevents/gazetteer/internal/prior"
)

// Add extends the gazetteer with imported places (from ReadDump), replacing
// the places with the same ID, and indexes them under their name, ASCII
// name and altNames[id]. altNames may also name places already in the
// gazetteer. Names a replaced place had before stay indexed.
//
// Add is meant for start-up: it rebuilds the indexes, is NOT safe for
// concurrent use, and must be called before any look-up. Pointers returned
// earlier stay valid (a replaced place is updated in place).
func (g *Gazetteer) Add(places []Place, altNames map[int64][]string) {
	if len(places) == 0 && len(altNames) == 0 {
		return
	}
	added := make([]Place, 0, len(places))
	touched := map[int32]bool{}
	newIdx := map[int64]int32{} // ids added by this call: a dump may repeat one
	for _, p := range places {
		if p.Attrs == nil { // every place has Attrs (see Place)
			p.Attrs = &Attrs{}
		}
		if i, ok := g.indexOf(p.ID); ok {
			*g.places[i] = p
			touched[i] = true
			continue
		}
		if i, ok := newIdx[p.ID]; ok {
			added[i] = p
			continue
		}
		newIdx[p.ID] = int32(len(added))
		added = append(added, p)
	}
	// New places: one allocation, pointers into it.
	ids := make(map[int64]int32, len(added))
	for i := range added {
		idx := int32(len(g.places))
		ids[added[i].ID] = idx
		g.places = append(g.places, &added[i])
		touched[idx] = true
	}
	// New postings, grouped by key.
	fresh := map[string]map[int32]uint8{}
	post := func(text string, pi int32, kind uint8) {
		k := Normalize(text)
		if k == "" {
			return
		}
		m := fresh[k]
		if m == nil {
			m = map[int32]uint8{}
			fresh[k] = m
		}
		f := prior.Flags(kind, k, namekey.Literal(text))
		if old, ok := m[pi]; ok {
			f = prior.Merge(old, f)
		}
		m[pi] = f
	}
	for pi := range touched {
		p := g.places[pi]
		post(p.Name, pi, kindName)
		post(p.ASCIIName, pi, kindName)
	}
	for id, names := range altNames {
		pi, ok := ids[id]
		if !ok {
			if pi, ok = g.indexOf(id); !ok {
				continue
			}
		}
		for _, n := range names {
			post(n, pi, kindAlt)
		}
	}
	g.idx = mergeIndex(&g.idx, fresh)
	g.finish()
}

// mergeIndex returns a raw index holding old's keys and postings plus
// fresh ones (a key's postings deduplicated by place, best kind kept).
func mergeIndex(old *index, fresh map[string]map[int32]uint8) index {
	newKeys := make([]string, 0, len(fresh))
	for k := range fresh {
		newKeys = append(newKeys, k)
	}
	sort.Strings(newKeys)
	// Place indexes never move, so the courses stay; key numbers do, so the
	// spelling index (of the built-in names; imported names get none) is
	// renumbered.
	nx := index{courses: old.courses}
	renumber := make([]uint32, old.numKeys()) // old key number -> new
	var kb strings.Builder
	nx.postOff = []uint32{0}
	emitKey := func(k string) {
		kb.WriteString(k)
		nx.keyEnd = append(nx.keyEnd, uint32(kb.Len()))
		nx.postOff = append(nx.postOff, uint32(len(nx.postPlace)))
	}
	emitOld := func(i int) {
		a, b := old.postOff[i], old.postOff[i+1]
		nx.postPlace = append(nx.postPlace, old.postPlace[a:b]...)
		nx.postKind = append(nx.postKind, old.postKind[a:b]...)
	}
	emitFresh := func(m map[int32]uint8) {
		start := len(nx.postPlace)
		for pi, kind := range m {
			dup := false
			for j := start; j < len(nx.postPlace); j++ {
				if nx.postPlace[j] == pi {
					nx.postKind[j] = prior.Merge(nx.postKind[j], kind)
					dup = true
					break
				}
			}
			if !dup {
				nx.postPlace = append(nx.postPlace, pi)
				nx.postKind = append(nx.postKind, kind)
			}
		}
	}
	i, j := 0, 0
	for i < old.numKeys() || j < len(newKeys) {
		switch {
		case j == len(newKeys) || (i < old.numKeys() && old.key(i) < newKeys[j]):
			renumber[i] = uint32(len(nx.keyEnd))
			emitOld(i)
			emitKey(old.key(i))
			i++
		case i == old.numKeys() || newKeys[j] < old.key(i):
			emitFresh(fresh[newKeys[j]])
			emitKey(newKeys[j])
			j++
		default: // same key
			renumber[i] = uint32(len(nx.keyEnd))
			emitOld(i)
			emitFresh(fresh[newKeys[j]])
			emitKey(newKeys[j])
			i++
			j++
		}
	}
	nx.keys = kb.String()
	nx.spell = old.spell
	nx.spell.keyNums = make([]uint32, len(old.spell.keyNums))
	for k, kn := range old.spell.keyNums {
		nx.spell.keyNums[k] = renumber[kn]
	}
	return nx
}
