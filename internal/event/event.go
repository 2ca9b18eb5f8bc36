// Package event defines geoevents' core records, articles and the events
// geocoded from them, and how a geoparsed article becomes typed, dated events.
package event

import "time"

// Article is one ingested news article.
type Article struct {
	// ID is the hex SHA-256 of the article's text (after newline
	// normalisation), so re-ingesting the same text is recognisably the same.
	ID         string    `json:"id"`
	URL        string    `json:"url,omitempty"`
	Title      string    `json:"title"`
	Source     string    `json:"source,omitempty"`
	Published  time.Time `json:"published,omitzero"` // zero: unknown, never invented
	Text       string    `json:"text,omitempty"`
	IngestedAt time.Time `json:"ingested_at,omitzero"`
}

// DatePrecision says how much of an event date is known.
type DatePrecision string

// Date precisions.
const (
	PrecisionDay     DatePrecision = "day"
	PrecisionMonth   DatePrecision = "month"
	PrecisionYear    DatePrecision = "year"
	PrecisionUnknown DatePrecision = ""
)

// Event is one geocoded happening (or plain mention) at one place.
// Its GeoJSON form is a Feature with a Point and flat properties.
type Event struct {
	ID string `json:"id"` // stable: derived from article id + mention span, or import row content

	// Source article; empty for imported events without an article.
	ArticleID    string    `json:"article_id,omitempty"`
	ArticleTitle string    `json:"article_title,omitempty"`
	ArticleURL   string    `json:"article_url,omitempty"`
	Source       string    `json:"source,omitempty"`
	Published    time.Time `json:"published,omitzero"`

	// Where in the article: the sentence, where it starts, and the mention's
	// byte span in the article text.
	Sentence      string `json:"sentence,omitempty"`
	SentenceStart int    `json:"sentence_start"`
	MentionStart  int    `json:"mention_start"`
	MentionEnd    int    `json:"mention_end"`
	MentionText   string `json:"mention,omitempty"` // as written: "Et-Tanf"
	MentionKind   string `json:"mention_kind,omitempty"`

	// Resolved place.
	PlaceID      string  `json:"place_id,omitempty"`
	PlaceName    string  `json:"place_name"`
	CountryCode  string  `json:"country_code,omitempty"`
	CountryName  string  `json:"country,omitempty"`
	Admin1       string  `json:"admin1,omitempty"`
	FeatureCode  string  `json:"feature_code,omitempty"`
	Lon          float64 `json:"lon"`
	Lat          float64 `json:"lat"`
	GeoPrecision int     `json:"geo_precision"` // ACLED: 1 exact place, 2 near/part of region, 3 admin area/country
	Score        float64 `json:"score"`

	// What happened.
	Type       string   `json:"type"`    // ACLED event type, or "Mention"
	SubType    string   `json:"subtype"` // ACLED sub-event type, or ""
	Actors     []string `json:"actors,omitempty"`
	Fatalities int      `json:"fatalities,omitempty"`
	Notes      string   `json:"notes,omitempty"`

	// When it happened.
	Date          time.Time     `json:"date,omitzero"` // zero: unknown
	DatePrecision DatePrecision `json:"date_precision,omitempty"`
}

// ACLED event types, plus Mention for a place named where nothing happens.
const (
	TypeBattles                  = "Battles"
	TypeExplosions               = "Explosions/Remote violence"
	TypeViolenceAgainstCivilians = "Violence against civilians"
	TypeProtests                 = "Protests"
	TypeRiots                    = "Riots"
	TypeStrategicDevelopments    = "Strategic developments"
	TypeMention                  = "Mention"
)

// Types lists every event type in display order.
var Types = []string{TypeBattles, TypeExplosions, TypeViolenceAgainstCivilians, TypeProtests, TypeRiots, TypeStrategicDevelopments, TypeMention}
