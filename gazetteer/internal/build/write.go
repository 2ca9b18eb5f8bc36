package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"geoevents/gazetteer/internal/namekey"
	"geoevents/gazetteer/internal/prior"

	"github.com/klauspost/compress/zstd"
)

// Artefact file names inside the output directory.
const (
	artefactFile = "gazetteer.bin.zst"
	codesFile    = "codes.tsv.gz"
	magic        = "GZT4"
)

type stats struct {
	places, keys, postings int
	spellings              int
	rawBytes, zBytes       int
}

// posting is one (place, kind) entry under a key; kind carries the
// prior.Doubled flag.
type posting struct {
	place int
	kind  uint8
}

// encoder appends the artefact's primitives to a buffer.
type encoder struct{ buf bytes.Buffer }

func (e *encoder) uvarint(v uint64) {
	var b [binary.MaxVarintLen64]byte
	e.buf.Write(b[:binary.PutUvarint(b[:], v)])
}

func (e *encoder) varint(v int64) {
	var b [binary.MaxVarintLen64]byte
	e.buf.Write(b[:binary.PutVarint(b[:], v)])
}

func (e *encoder) str(s string) {
	e.uvarint(uint64(len(s)))
	e.buf.WriteString(s)
}

// writeArtefacts writes gazetteer.bin.zst (see gazetteer/decode.go for the
// layout) and codes.tsv.gz (country and admin1 code tables for ReadDump).
func writeArtefacts(db *database, out string) (stats, error) {
	var st stats
	// String table: feature classes/codes, country codes and names, admin1 names.
	tabIdx := map[string]int{"": 0}
	table := []string{""}
	intern := func(s string) {
		if _, ok := tabIdx[s]; !ok {
			tabIdx[s] = len(table)
			table = append(table, s)
		}
	}
	var all []string
	for _, r := range db.places {
		all = append(all, r.fclass, r.fcode, r.cc, r.cname, r.admin1)
	}
	sort.Strings(all)
	for _, s := range all {
		intern(s)
	}

	// Keys.
	index := map[string]map[int]uint8{}
	for i, r := range db.places {
		for _, n := range r.names {
			k := namekey.Key(n.text)
			if k == "" {
				continue
			}
			m := index[k]
			if m == nil {
				m = map[int]uint8{}
				index[k] = m
			}
			f := prior.Flags(n.kind, k, namekey.Literal(n.text))
			if old, ok := m[i]; ok {
				f = prior.Merge(old, f)
			}
			m[i] = f
		}
	}
	keys := make([]string, 0, len(index))
	for k := range index {
		keys = append(keys, k)
	}
	sort.Strings(keys)

	var e encoder
	e.buf.WriteString(magic)
	e.uvarint(uint64(len(table)))
	for _, s := range table {
		e.str(s)
	}
	// Places, column by column (each column compresses well on its own).
	ps := db.places
	e.uvarint(uint64(len(ps)))
	var prev int64
	for _, r := range ps {
		if r.id <= prev {
			return st, fmt.Errorf("place ids not increasing at %d", r.id)
		}
		e.uvarint(uint64(r.id - prev))
		prev = r.id
	}
	for _, r := range ps {
		e.str(r.name)
	}
	for _, r := range ps {
		if r.ascii == r.name {
			e.str("")
		} else {
			e.str(r.ascii)
		}
	}
	var prevLat, prevLon int64
	for _, r := range ps {
		v := int64(math.Round(r.lat * 1e5))
		e.varint(v - prevLat)
		prevLat = v
	}
	for _, r := range ps {
		v := int64(math.Round(r.lon * 1e5))
		e.varint(v - prevLon)
		prevLon = v
	}
	for _, col := range []func(*record) string{
		func(r *record) string { return r.fclass },
		func(r *record) string { return r.fcode },
		func(r *record) string { return r.cc },
		func(r *record) string { return r.cname },
		func(r *record) string { return r.admin1 },
	} {
		for _, r := range ps {
			e.uvarint(uint64(tabIdx[col(r)]))
		}
	}
	for _, r := range ps {
		e.uvarint(uint64(max(r.population, 0)))
	}
	for _, r := range ps {
		e.uvarint(uint64(r.source))
	}
	// Courses: how many, then per course the place index, the vertex
	// count and the vertices as varint deltas of lat, lon * 1e5.
	ncourse := 0
	for _, r := range ps {
		if len(r.course) > 0 {
			ncourse++
		}
	}
	e.uvarint(uint64(ncourse))
	for i, r := range ps {
		if len(r.course) == 0 {
			continue
		}
		e.uvarint(uint64(i))
		e.uvarint(uint64(len(r.course)))
		var plat, plon int64
		for _, v := range r.course {
			lat, lon := int64(math.Round(v[0]*1e5)), int64(math.Round(v[1]*1e5))
			e.varint(lat - plat)
			e.varint(lon - plon)
			plat, plon = lat, lon
		}
	}
	// Keys, sorted and front-coded: shared prefix length with the previous
	// key, then the rest.
	e.uvarint(uint64(len(keys)))
	total := 0
	for _, k := range keys {
		total += len(k)
	}
	e.uvarint(uint64(total))
	prevKey := ""
	for _, k := range keys {
		n := 0
		for n < len(k) && n < len(prevKey) && k[n] == prevKey[n] {
			n++
		}
		e.uvarint(uint64(n))
		e.str(k[n:])
		prevKey = k
	}
	// Postings: all counts, then all entries; each key's best first, as
	// the gazetteer ranks them (prior, then id).
	base := basePriors(db.places)
	lists := make([][]posting, len(keys))
	for i, k := range keys {
		m := index[k]
		ps := make([]posting, 0, len(m))
		for p, kind := range m {
			ps = append(ps, posting{p, kind})
		}
		sort.Slice(ps, func(i, j int) bool {
			a, b := base[ps[i].place]*prior.Quality(ps[i].kind), base[ps[j].place]*prior.Quality(ps[j].kind)
			if a != b {
				return a > b
			}
			return ps[i].place < ps[j].place
		})
		lists[i] = ps
		e.uvarint(uint64(len(ps)))
		st.postings += len(ps)
	}
	for _, ps := range lists {
		for _, p := range ps {
			e.uvarint(uint64(p.place)<<3 | uint64(p.kind))
		}
	}
	st.spellings = writeSpellings(&e, keys)
	st.places, st.keys, st.rawBytes = len(db.places), len(keys), e.buf.Len()

	zb, err := zstdBytes(e.buf.Bytes())
	if err != nil {
		return st, err
	}
	st.zBytes = len(zb)
	if err := os.WriteFile(filepath.Join(out, artefactFile), zb, 0o644); err != nil {
		return st, fmt.Errorf("write artefact: %w", err)
	}

	var codes strings.Builder
	codes.WriteString("# kind\tcode\tname — country (C) and admin1 (A) names for imported GeoNames dumps; generated, do not edit\n")
	for _, c := range sortedKeys(db.countries) {
		fmt.Fprintf(&codes, "C\t%s\t%s\n", c, db.countries[c])
	}
	for _, c := range sortedKeys(db.admin1) {
		fmt.Fprintf(&codes, "A\t%s\t%s\n", c, db.admin1[c])
	}
	gz, err := gzipBytes([]byte(codes.String()))
	if err != nil {
		return st, err
	}
	if err := os.WriteFile(filepath.Join(out, codesFile), gz, 0o644); err != nil {
		return st, fmt.Errorf("write codes: %w", err)
	}
	return st, nil
}

// writeSpellings writes the spelling index: every spelling key
// (namekey.Spelling) of the keys, sorted and front-coded like the keys,
// then per spelling key the numbers of its keys (uvarint count, then
// uvarint deltas). A key whose spelling key is itself (Arabic script) or has
// fewer than minSpellingLetters letters is left out: such a skeleton says
// too little.
func writeSpellings(e *encoder, keys []string) int {
	groups := map[string][]int{}
	for i, k := range keys {
		sk := namekey.Spelling(k)
		if sk == k || letters(sk) < minSpellingLetters {
			continue
		}
		groups[sk] = append(groups[sk], i)
	}
	sks := sortedKeys(groups)
	e.uvarint(uint64(len(sks)))
	total := 0
	for _, k := range sks {
		total += len(k)
	}
	e.uvarint(uint64(total))
	prev := ""
	for _, k := range sks {
		n := 0
		for n < len(k) && n < len(prev) && k[n] == prev[n] {
			n++
		}
		e.uvarint(uint64(n))
		e.str(k[n:])
		prev = k
	}
	for _, k := range sks {
		e.uvarint(uint64(len(groups[k])))
	}
	for _, k := range sks {
		last := 0
		for _, kn := range groups[k] { // ascending already
			e.uvarint(uint64(kn - last))
			last = kn
		}
	}
	return len(sks)
}

// minSpellingLetters is the shortest spelling key indexed.
const minSpellingLetters = 2

func letters(s string) int { return len(s) - strings.Count(s, " ") }

// basePriors returns the prior of an exact name match of every place, as
// the gazetteer computes it at load time (areas weighed by the places in
// them).
func basePriors(places []*record) []float64 {
	type area struct{ cc, admin1 string }
	areaPop := map[area]int64{}
	for _, r := range places {
		if r.admin1 != "" && r.fclass == "P" {
			areaPop[area{r.cc, r.admin1}] += r.population
		}
	}
	out := make([]float64, len(places))
	for i, r := range places {
		out[i] = prior.Of(prior.Place{Class: r.fclass, Code: r.fcode, Population: r.population,
			AreaPop: areaPop[area{r.cc, r.admin1}], Dense: r.source == srcWhosOnFirst}, prior.KindName)
	}
	return out
}

// zstdBytes compresses b deterministically (one frame, one encoder
// goroutine, best compression).
func zstdBytes(b []byte) ([]byte, error) {
	zw, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBestCompression), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return nil, fmt.Errorf("zstd: %w", err)
	}
	defer zw.Close()
	return zw.EncodeAll(b, nil), nil
}

// gzipBytes compresses b deterministically (no name, no time stamp).
func gzipBytes(b []byte) ([]byte, error) {
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(b); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	return out.Bytes(), nil
}
