package main

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"geoevents/gazetteer/internal/namekey"
)

// wofIDBase is added to the Who's On First id of a place that has no
// GeoNames id, so that its gazetteer id never meets a GeoNames id (below
// 10^8) or a supplement id (900000001+).
const wofIDBase = 10_000_000_000

// wofPlace is one Who's On First row, parsed.
type wofPlace struct {
	wofID     int64
	placetype string
	name      string
	lat, lon  float64
	cc        string
	gnID      int64
	current   string // mz_is_current: 1, 0 or -1 (unknown)
	deprecate string // edtf_deprecated: a date, or ""
	names     []string
}

// wofKind is how a Who's On First placetype enters the gazetteer.
type wofKind struct {
	fclass, fcode string
	area          bool // indexed with area suffixes ("Nati' District")
}

// wofKinds maps the placetypes the gazetteer keeps to GeoNames feature
// classes. Countries and regions are GeoNames' own rows already: their
// names only are merged (through gn_id), never a second place.
var wofKinds = map[string]wofKind{
	"locality":      {"P", "PPL", false},
	"neighbourhood": {"P", "PPLX", false},
	"localadmin":    {"A", "ADM3", true},
	"county":        {"A", "ADM2", true},
	"campus":        {"S", "AIRP", false}, // all 52 are airports
}

// wofSkip is one rule for leaving a Who's On First row out, as the data's
// README asks: each is tested in whosonfirst_test.go.
type wofSkip struct {
	why  string
	skip func(p *wofPlace, b countryBounds) bool
}

var wofSkipRules = []wofSkip{
	{"blank: a record without a name or a point", func(p *wofPlace, _ countryBounds) bool {
		return strings.TrimSpace(p.name) == "" || p.lat == 0 && p.lon == 0
	}},
	{"not current (mz_is_current = 0)", func(p *wofPlace, _ countryBounds) bool { return p.current == "0" }},
	{"deprecated (edtf_deprecated set)", func(p *wofPlace, _ countryBounds) bool { return p.deprecate != "" }},
	{"misplaced: the point lies outside its country (Malta rows in the Mali file)", func(p *wofPlace, b countryBounds) bool {
		return !b.contains(p.cc, p.lat, p.lon)
	}},
}

// wofNameLangs are the name columns indexed: GeoNames' spelling variants
// (und), English, Arabic (either script), French (the romanisation of the
// Maghreb, the Levant's older maps and Francophone Africa), Kurdish and
// Turkish. Other languages mostly copy the name or give exonyms nobody
// writes in English news, at a cost in size and namesakes.
var wofNameLangs = map[string]bool{"und": true, "eng": true, "ara": true, "fra": true, "kur": true, "tur": true}

// wofSkipped returns why a row is left out, or "" to keep it.
func wofSkipped(p *wofPlace, b countryBounds) string {
	for _, r := range wofSkipRules {
		if r.skip(p, b) {
			return r.why
		}
	}
	if _, ok := wofKinds[p.placetype]; !ok && p.placetype != "region" && p.placetype != "country" {
		return "placetype " + p.placetype
	}
	return ""
}

// parseWOF parses one row of a whosonfirst/wof_xx.tsv.gz file (header
// names in h).
func parseWOF(h header, f []string) (*wofPlace, error) {
	p := &wofPlace{placetype: h.get(f, "placetype"), name: strings.TrimSpace(h.get(f, "name")),
		cc: h.get(f, "country"), current: h.get(f, "mz_is_current"), deprecate: h.get(f, "edtf_deprecated")}
	var err error
	if p.wofID, err = strconv.ParseInt(h.get(f, "wof_id"), 10, 64); err != nil {
		return nil, fmt.Errorf("wof_id %q: %w", h.get(f, "wof_id"), err)
	}
	if s := h.get(f, "gn_id"); s != "" {
		if p.gnID, err = strconv.ParseInt(s, 10, 64); err != nil {
			return nil, fmt.Errorf("gn_id %q: %w", s, err)
		}
		p.gnID = max(p.gnID, 0) // -1: none

	}
	if lat, lon := h.get(f, "lat"), h.get(f, "lon"); lat != "" || lon != "" {
		if p.lat, err = strconv.ParseFloat(lat, 64); err != nil {
			return nil, fmt.Errorf("lat %q: %w", lat, err)
		}
		if p.lon, err = strconv.ParseFloat(lon, 64); err != nil {
			return nil, fmt.Errorf("lon %q: %w", lon, err)
		}
	}
	for _, nv := range strings.Split(h.get(f, "names"), "|") {
		k, v, ok := strings.Cut(nv, "=")
		if !ok {
			continue
		}
		lang, _, _ := strings.Cut(k, "_")
		if wofNameLangs[lang] && namekey.Usable(v, false) {
			p.names = append(p.names, v)
		}
	}
	return p, nil
}

// readWOF reads every whosonfirst/wof_*.tsv.gz file of dir, in name order,
// and returns the rows no skip rule drops, with a count per rule.
func readWOF(ctx context.Context, dir string, b countryBounds) ([]*wofPlace, map[string]int, error) {
	files, err := filepath.Glob(filepath.Join(dir, "wof_*.tsv.gz"))
	if err != nil || len(files) == 0 {
		return nil, nil, fmt.Errorf("no Who's On First files in %s (%v)", dir, err)
	}
	sort.Strings(files)
	var out []*wofPlace
	skipped := map[string]int{}
	for _, file := range files {
		var h header
		err := eachRow(ctx, file, func(_ int, f []string) error {
			if h == nil {
				h = newHeader(f)
				return nil
			}
			p, err := parseWOF(h, f)
			if err != nil {
				return err
			}
			if why := wofSkipped(p, b); why != "" {
				skipped[why]++
				return nil
			}
			out = append(out, p)
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return out, skipped, nil
}

// wofRecord builds the gazetteer record of a Who's On First place that
// GeoNames' files lack; admin1 is the admin1 code of the nearest GeoNames
// place (Who's On First rows carry no admin codes).
func wofRecord(p *wofPlace, id int64, admin1 string) *record {
	k := wofKinds[p.placetype]
	r := &record{id: id, name: p.name, ascii: asciiFold(p.name), lat: p.lat, lon: p.lon,
		fclass: k.fclass, fcode: k.fcode, cc: p.cc, admin1: admin1, source: srcWhosOnFirst}
	if k.area {
		addAreaNames(r, p.name, r.ascii, nil, admin2Suffixes)
	} else {
		r.add(kindName, p.name, r.ascii)
	}
	r.add(kindAlt, p.names...)
	return r
}

// addWOF merges the Who's On First places into the database: a place whose
// gn_id the gazetteer already holds (a GeoNames city or admin area) only
// lends it its names (a country not even those); any other becomes a place of its own,
// under its GeoNames id when it has one (the first row of an id wins).
func addWOF(db *database, byID map[int64]*record, wof []*wofPlace, near *nearestIndex) (added, merged int) {
	for _, p := range wof {
		if p.gnID > 0 {
			if r, ok := byID[p.gnID]; ok {
				if r.source == srcWhosOnFirst || r.source == srcCountries {
					// A second row of an id already added; or a country,
					// whose names (with its demonyms, which a Who's On First
					// variant "Syrian" must not shadow) come from
					// world-countries and Natural Earth.
					continue
				}
				r.add(kindAlt, p.names...)
				merged++
				continue
			}
		}
		if _, ok := wofKinds[p.placetype]; !ok {
			continue // a region or country GeoNames lacks: not a place to add
		}
		id := p.gnID
		if id == 0 {
			id = wofIDBase + p.wofID
		}
		if _, dup := byID[id]; dup {
			continue
		}
		r := wofRecord(p, id, near.admin1(p.cc, p.lat, p.lon))
		byID[id] = r
		db.places = append(db.places, r)
		added++
	}
	return added, merged
}
