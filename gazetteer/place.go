// Package gazetteer is geoevents' offline world gazetteer: GeoNames places,
// countries, first-level admin areas and the second-level ones Natural Earth
// maps (counties, provinces, departments), with their alternate names in many
// spellings and scripts, embedded in the binary. It resolves a name to ranked
// candidate places (Lookup), and answers ByID, Prefix and Nearest.
package gazetteer

// Place is one gazetteer entry.
type Place struct {
	// ID is the GeoNames geonameid where the place has one; curated
	// supplement rows use 900000001 and up.
	ID           int64   `json:"id,string"`
	Name         string  `json:"name"`
	ASCIIName    string  `json:"ascii_name,omitempty"`
	Lat          float64 `json:"lat"`
	Lon          float64 `json:"lon"`
	FeatureClass string  `json:"feature_class"` // GeoNames class: A, P, S, H, L, T ...
	FeatureCode  string  `json:"feature_code"`  // GeoNames code: PCLI, PPLC, ADM1, PPLA, PPL, MILB ...
	CountryCode  string  `json:"country_code"`  // ISO 3166-1 alpha-2
	CountryName  string  `json:"country_name,omitempty"`
	Admin1       string  `json:"admin1,omitempty"` // admin1 name, e.g. "Idlib"
	Population   int64   `json:"population"`
	// Source is the data set the place comes from (its JSON name:
	// "geonames", "whosonfirst", "supplement", "countries").
	Source Source `json:"source"`
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
}
