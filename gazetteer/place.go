// Package gazetteer is geoevents' offline world gazetteer: GeoNames places,
// countries, first-level admin areas and the second-level ones Natural Earth
// maps (counties, provinces, departments), with their alternate names in many
// spellings and scripts, embedded in the binary. It resolves a name to ranked
// candidate places (Lookup), and answers ByID, Prefix and Nearest.
package gazetteer

// Place is one gazetteer entry.
//
// Its classification and administrative names are in Attrs, embedded by
// pointer so that p.CountryCode and the rest read as fields: the loaded
// gazetteer's 680,000 places share about 40,000 distinct Attrs, and a
// Place is 80 bytes instead of 152 (49 MB less heap, issue 15's memory
// bound). An Attrs in a Place may be shared with other places: never
// assign through it (p.Admin1 = …); give the place a new one instead
// (p.Attrs = &Attrs{…}, or WithAttrs). A Place must have one: a nil
// Attrs panics when its fields are read.
type Place struct {
	// ID is the GeoNames geonameid where the place has one; curated
	// supplement rows use 900000001 and up.
	ID        int64   `json:"id,string"`
	Name      string  `json:"name"`
	ASCIIName string  `json:"ascii_name,omitempty"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	*Attrs
	Population int64 `json:"population"`
	// Source is the data set the place comes from (its JSON name:
	// "geonames", "whosonfirst", "supplement", "countries").
	Source Source `json:"source"`
}

// Attrs are what places share in bulk: feature class and code, country,
// first-level admin area. Read-only once in a Place (see Place).
type Attrs struct {
	FeatureClass string `json:"feature_class"` // GeoNames class: A, P, S, H, L, T ...
	FeatureCode  string `json:"feature_code"`  // GeoNames code: PCLI, PPLC, ADM1, PPLA, PPL, MILB ...
	CountryCode  string `json:"country_code"`  // ISO 3166-1 alpha-2
	CountryName  string `json:"country_name,omitempty"`
	Admin1       string `json:"admin1,omitempty"` // admin1 name, e.g. "Idlib"
}

// WithAttrs returns a copy of p whose Attrs are a copy of its own that
// change may edit: the way to change a place's class, country or admin1
// without touching the places that share its Attrs.
func (p Place) WithAttrs(change func(a *Attrs)) Place {
	var a Attrs
	if p.Attrs != nil {
		a = *p.Attrs
	}
	change(&a)
	p.Attrs = &a
	return p
}

// Candidate is one possible reading of a looked-up name.
type Candidate struct {
	Place *Place `json:"place"`
	// Prior in [0,1]: how likely this place is meant, knowing nothing but the
	// name (population, feature importance, how the name matched).
	Prior float64 `json:"prior"`
	// Adjectival is set when the name matched a demonym/adjective form
	// ("Syrian", "Russian") rather than the name itself.
	Adjectival bool `json:"adjectival,omitempty"`
	// Spelling is set when the name matched by its spelling key only
	// (LookupSpelling): another romanisation of the place's name.
	Spelling bool `json:"spelling,omitempty"`
	// Doubled is set when one of the place's names under the key doubles a
	// letter the key writes once ("Saada" for Sa'dah; keys fold doubled
	// letters, so Mayotte's Sada shares the key without being so spelled).
	Doubled bool `json:"doubled,omitempty"`
}
