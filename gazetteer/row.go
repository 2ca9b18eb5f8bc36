package gazetteer

// Row is a candidate flattened for output: the object `geoevents places
// --json NAME` prints, one per candidate, best first.
type Row struct {
	ID          int64   `json:"id,string"` // a string in JSON, like every id geoevents prints
	Name        string  `json:"name"`
	Lat         float64 `json:"lat"`
	Lon         float64 `json:"lon"`
	FeatureCode string  `json:"feature_code"`
	CountryCode string  `json:"country_code"`
	CountryName string  `json:"country_name,omitempty"`
	Admin1      string  `json:"admin1"`
	Population  int64   `json:"population"`
	Prior       float64 `json:"prior"`
	Adjectival  bool    `json:"adjectival,omitempty"`
	Source      Source  `json:"source"`
}

// Rows flattens candidates into output rows, keeping their order.
func Rows(cs []Candidate) []Row {
	out := make([]Row, 0, len(cs))
	for _, c := range cs {
		p := c.Place
		out = append(out, Row{ID: p.ID, Name: p.Name, Lat: p.Lat, Lon: p.Lon, FeatureCode: p.FeatureCode,
			CountryCode: p.CountryCode, CountryName: p.CountryName, Admin1: p.Admin1,
			Population: p.Population, Prior: c.Prior, Adjectival: c.Adjectival, Source: p.Source})
	}
	return out
}
