// Package event is geoevents' data model: articles, the events geocoded
// from them with the reasons behind each, ACLED's event vocabulary, and
// the GeoJSON encoding every output shares. It depends on nothing else of
// geoevents, so storage, export and the web server use it without the
// geoparser; package extract builds events from articles.
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
	// Extractor names the version of the extraction rules that derived the
	// article's stored events, so a newer version can re-derive them (see
	// the store's SaveArticle); empty for articles stored before versions.
	Extractor string `json:"extractor,omitempty"`
}

// DatePrecision says how much of an event date is known.
type DatePrecision string

// Date precisions.
const (
	PrecisionDay     DatePrecision = "day"
	PrecisionWeek    DatePrecision = "week" // ACLED time precision 2: within the week it names
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
	// Sources is how many reports (of distinct articles) the incident
	// this event stands for holds, when more than one: the store groups
	// the same type at the same place on the same date across articles
	// (see the store's incidents), and then Fatalities is the lowest
	// figure the sources state. 0 or 1: a single report.
	Sources int    `json:"sources,omitempty"`
	Notes   string `json:"notes,omitempty"`

	// When it happened.
	Date          time.Time     `json:"date,omitzero"` // zero: unknown
	DatePrecision DatePrecision `json:"date_precision,omitempty"`

	// Why: the decisions that made this event what it is, in the order
	// they were taken; empty for imported events.
	Explain []Reason `json:"explain,omitempty"`
}

// Reason is one decision the extractor took about an event: which part of
// it the decision set, the named rule that fired, and the words it read.
type Reason struct {
	// Field is the part of the event decided: one of the Field* constants.
	Field string `json:"field"`
	// Rule names the rule that fired, e.g. "type/air-strike" or
	// "place/locative-in"; rules are listed with their tests in the
	// extraction package.
	Rule string `json:"rule"`
	// Text is the phrase the rule read, as written in the article.
	Text string `json:"text,omitempty"`
	// Start is the byte offset of Text in the article text.
	Start int `json:"start"`
	// Value is what the rule concluded when it is not simply the event's
	// field (a count of dead before summing, another name of the place).
	Value string `json:"value,omitempty"`
}

// Explanation fields: which part of an event a Reason decided.
const (
	FieldType       = "type"
	FieldLocation   = "location"
	FieldDate       = "date"
	FieldFatalities = "fatalities"
	FieldActors     = "actors"
	// FieldIncident records another mention of the same incident that was
	// merged into the event (its sentence kept as a link).
	FieldIncident = "incident"
)

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

// ACLED sub-event types (ACLED codebook, 2019 onwards).
const (
	SubArmedClash           = "Armed clash"
	SubGovRegainsTerritory  = "Government regains territory"
	SubNonStateOvertakes    = "Non-state actor overtakes territory"
	SubAirDroneStrike       = "Air/drone strike"
	SubShelling             = "Shelling/artillery/missile attack"
	SubRemoteExplosive      = "Remote explosive/landmine/IED"
	SubSuicideBomb          = "Suicide bomb"
	SubGrenade              = "Grenade"
	SubAttack               = "Attack"
	SubAbduction            = "Abduction/forced disappearance"
	SubSexualViolence       = "Sexual violence"
	SubPeacefulProtest      = "Peaceful protest"
	SubProtestIntervention  = "Protest with intervention"
	SubExcessiveForce       = "Excessive force against protesters"
	SubViolentDemonstration = "Violent demonstration"
	SubMobViolence          = "Mob violence"
	SubAgreement            = "Agreement"
	SubArrests              = "Arrests"
	SubChangeToGroup        = "Change to group/activity"
	SubDisruptedWeapons     = "Disrupted weapons use"
	SubChemicalWeapon       = "Chemical weapon"
	SubBaseEstablished      = "Headquarters or base established"
	SubLooting              = "Looting/property destruction"
	SubNonViolentTransfer   = "Non-violent transfer of territory"
	SubOther                = "Other"
)

// Types lists every event type in display order.
var Types = []string{TypeBattles, TypeExplosions, TypeViolenceAgainstCivilians, TypeProtests, TypeRiots, TypeStrategicDevelopments, TypeMention}
