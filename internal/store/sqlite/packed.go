package sqlite

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"geoevents/internal/event"
)

// The "more" column packs the event fields no query filters on: a
// sequence of (tag, length, value) for each field that is set, tags
// ascending, values as below. Unset fields take no space, and a reader
// skips tags it does not know, so a newer version's rows stay readable.
//
// To add such a field: give it the next tag, and add one line to
// packEvent and one case to unpackEvent.
const (
	tagArticleURL    = 1  // string
	tagSource        = 2  // string
	tagPublished     = 3  // varint Unix seconds
	tagSentenceStart = 4  // varint
	tagMentionStart  = 5  // varint
	tagMentionEnd    = 6  // varint
	tagMention       = 7  // string
	tagMentionKind   = 8  // string
	tagCountry       = 9  // string
	tagAdmin1        = 10 // string
	tagFeatureCode   = 11 // string
	tagGeoPrecision  = 12 // varint
	tagActors        = 13 // uvarint count, then (uvarint length, bytes) each
	tagFatalities    = 14 // varint
	tagNotes         = 15 // string
	tagDatePrecision = 16 // string
	tagExplain       = 17 // reasons in the compact form of explain.go
	tagSources       = 18 // varint: an incident's source count (incidents.go)
)

// packEvent appends the packed fields of e to dst.
func packEvent(dst []byte, e *event.Event) []byte {
	p := packer{b: dst}
	p.str(tagArticleURL, e.ArticleURL)
	p.str(tagSource, e.Source)
	if !e.Published.IsZero() {
		p.int(tagPublished, e.Published.Unix())
	}
	p.int(tagSentenceStart, int64(e.SentenceStart))
	p.int(tagMentionStart, int64(e.MentionStart))
	p.int(tagMentionEnd, int64(e.MentionEnd))
	p.str(tagMention, e.MentionText)
	p.str(tagMentionKind, e.MentionKind)
	p.str(tagCountry, e.CountryName)
	p.str(tagAdmin1, e.Admin1)
	p.str(tagFeatureCode, e.FeatureCode)
	p.int(tagGeoPrecision, int64(e.GeoPrecision))
	p.strs(tagActors, e.Actors)
	p.int(tagFatalities, int64(e.Fatalities))
	p.str(tagNotes, e.Notes)
	p.str(tagDatePrecision, string(e.DatePrecision))
	if len(e.Explain) > 0 {
		p.str(tagExplain, encodeExplain(e.Explain))
	}
	p.int(tagSources, int64(e.Sources))
	return p.b
}

// unpackEvent sets the packed fields of e from b.
func unpackEvent(b []byte, e *event.Event) error {
	for len(b) > 0 {
		tag, n := binary.Uvarint(b)
		if n <= 0 {
			return errBadPacked
		}
		b = b[n:]
		size, n := binary.Uvarint(b)
		if n <= 0 || size > uint64(len(b)-n) {
			return errBadPacked
		}
		v := b[n : n+int(size)]
		b = b[n+int(size):]
		switch tag {
		case tagArticleURL:
			e.ArticleURL = string(v)
		case tagSource:
			e.Source = string(v)
		case tagPublished:
			e.Published = time.Unix(varint(v), 0).UTC()
		case tagSentenceStart:
			e.SentenceStart = int(varint(v))
		case tagMentionStart:
			e.MentionStart = int(varint(v))
		case tagMentionEnd:
			e.MentionEnd = int(varint(v))
		case tagMention:
			e.MentionText = string(v)
		case tagMentionKind:
			e.MentionKind = string(v)
		case tagCountry:
			e.CountryName = string(v)
		case tagAdmin1:
			e.Admin1 = string(v)
		case tagFeatureCode:
			e.FeatureCode = string(v)
		case tagGeoPrecision:
			e.GeoPrecision = int(varint(v))
		case tagActors:
			actors, err := unpackStrs(v)
			if err != nil {
				return err
			}
			e.Actors = actors
		case tagFatalities:
			e.Fatalities = int(varint(v))
		case tagNotes:
			e.Notes = string(v)
		case tagDatePrecision:
			e.DatePrecision = event.DatePrecision(v)
		case tagExplain:
			rs, err := decodeExplain(string(v))
			if err != nil {
				return fmt.Errorf("explain: %w", err)
			}
			e.Explain = rs
		case tagSources:
			e.Sources = int(varint(v))
		}
	}
	return nil
}

// packedInt returns the integer field tag of packed fields b (0 when
// absent or malformed), without unpacking the others.
func packedInt(b []byte, tag uint64) int64 {
	if v, ok := packedField(b, tag); ok {
		return varint(v)
	}
	return 0
}

// packedField returns the value of field tag of packed fields b, without
// unpacking the others; false when absent or malformed.
func packedField(b []byte, tag uint64) ([]byte, bool) {
	for len(b) > 0 {
		t, n := binary.Uvarint(b)
		if n <= 0 {
			return nil, false
		}
		b = b[n:]
		size, n := binary.Uvarint(b)
		if n <= 0 || size > uint64(len(b)-n) {
			return nil, false
		}
		if t == tag {
			return b[n : n+int(size)], true
		}
		if t > tag { // tags ascend
			return nil, false
		}
		b = b[n+int(size):]
	}
	return nil, false
}

var errBadPacked = errors.New("malformed packed fields")

// packer appends tagged fields, leaving out empty ones.
type packer struct{ b []byte }

func (p *packer) bytes(tag uint64, v []byte) {
	p.b = binary.AppendUvarint(p.b, tag)
	p.b = binary.AppendUvarint(p.b, uint64(len(v)))
	p.b = append(p.b, v...)
}

func (p *packer) str(tag uint64, v string) {
	if v == "" {
		return
	}
	p.b = binary.AppendUvarint(p.b, tag)
	p.b = binary.AppendUvarint(p.b, uint64(len(v)))
	p.b = append(p.b, v...)
}

func (p *packer) int(tag uint64, v int64) {
	if v == 0 {
		return
	}
	var buf [binary.MaxVarintLen64]byte
	p.bytes(tag, binary.AppendVarint(buf[:0], v))
}

func (p *packer) strs(tag uint64, vs []string) {
	if len(vs) == 0 {
		return
	}
	b := binary.AppendUvarint(nil, uint64(len(vs)))
	for _, s := range vs {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	p.bytes(tag, b)
}

func varint(v []byte) int64 {
	x, n := binary.Varint(v)
	if n <= 0 {
		return 0
	}
	return x
}

func unpackStrs(b []byte) ([]string, error) {
	count, n := binary.Uvarint(b)
	if n <= 0 || count > uint64(len(b)) {
		return nil, errBadPacked
	}
	b = b[n:]
	out := make([]string, 0, count)
	for range count {
		size, n := binary.Uvarint(b)
		if n <= 0 || size > uint64(len(b)-n) {
			return nil, errBadPacked
		}
		out = append(out, string(b[n:n+int(size)]))
		b = b[n+int(size):]
	}
	return out, nil
}
