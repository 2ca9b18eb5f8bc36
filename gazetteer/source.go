package gazetteer

import "fmt"

// Source tells which data set a place comes from. It is stored in the
// artefact as a small number and written as its name in JSON ("geonames",
// "whosonfirst", "supplement", "countries").
type Source uint8

// The sources of gazetteer places. The zero value is GeoNames, which is
// also what places imported from a user's GeoNames dump are.
const (
	// SourceGeoNames: GeoNames cities, admin areas (with Natural Earth
	// points) and imported GeoNames dumps.
	SourceGeoNames Source = iota
	// SourceWhosOnFirst: the dense villages, towns, neighbourhoods and
	// districts of the conflict countries from Who's On First.
	SourceWhosOnFirst
	// SourceSupplement: the curated rows of data/supplement.txt (landmarks,
	// continents, regions, seas), each citing a public source.
	SourceSupplement
	// SourceCountries: the country rows (GeoNames countryInfo, named from
	// world-countries and Natural Earth, at GeoNames' reference point).
	SourceCountries
	numSources
)

var sourceNames = [numSources]string{"geonames", "whosonfirst", "supplement", "countries"}

// String returns the source's name.
func (s Source) String() string {
	if s < numSources {
		return sourceNames[s]
	}
	return fmt.Sprintf("source(%d)", uint8(s))
}

// MarshalText writes the source's name.
func (s Source) MarshalText() ([]byte, error) {
	if s >= numSources {
		return nil, fmt.Errorf("gazetteer: unknown source %d", uint8(s))
	}
	return []byte(sourceNames[s]), nil
}

// UnmarshalText reads a source's name.
func (s *Source) UnmarshalText(b []byte) error {
	for i, n := range sourceNames {
		if string(b) == n {
			*s = Source(i)
			return nil
		}
	}
	return fmt.Errorf("gazetteer: unknown source %q", b)
}
