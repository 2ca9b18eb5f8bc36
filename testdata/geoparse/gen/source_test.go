package main

import (
	"errors"
	"testing"
)

func TestParseParagraph(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		text  string
		spans []span
		err   error
	}{
		{
			name: "literal and adjectival",
			in:   "[[Syrian|163843|adj]] troops left [[Aleppo|170063]]'s east.",
			text: "Syrian troops left Aleppo's east.",
			spans: []span{
				{start: 0, end: 6, surface: "Syrian", ref: "163843", adjectival: true},
				{start: 19, end: 25, surface: "Aleppo", ref: "170063"},
			},
		},
		{
			name:  "multibyte text before a span counts bytes",
			in:    "Ma‘arrat: [[حلب|170063]].",
			text:  "Ma‘arrat: حلب.",
			spans: []span{{start: 12, end: 18, surface: "حلب", ref: "170063"}},
		},
		{name: "extra ref", in: "[[Golan Heights|x:golan]]", text: "Golan Heights", spans: []span{{start: 0, end: 13, surface: "Golan Heights", ref: "x:golan"}}},
		{name: "unclosed", in: "in [[Aleppo|170063 today", err: errMarkup},
		{name: "stray close", in: "in Aleppo]] today", err: errMarkup},
		{name: "no ref", in: "in [[Aleppo]] today", err: errMarkup},
		{name: "empty surface", in: "in [[|170063]] today", err: errMarkup},
		{name: "unknown flag", in: "[[Syrian|163843|noun]]", err: errMarkup},
		{name: "nested", in: "[[Deir [[ez|1]]-Zor|170794]]", err: errMarkup},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := parseParagraph(tt.in)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.text != tt.text {
				t.Errorf("text = %q, want %q", p.text, tt.text)
			}
			if len(p.spans) != len(tt.spans) {
				t.Fatalf("spans = %+v, want %+v", p.spans, tt.spans)
			}
			for i, s := range p.spans {
				if s != tt.spans[i] {
					t.Errorf("span %d = %+v, want %+v", i, s, tt.spans[i])
				}
				if p.text[s.start:s.end] != s.surface {
					t.Errorf("text[%d:%d] = %q, want %q", s.start, s.end, p.text[s.start:s.end], s.surface)
				}
			}
		})
	}
}

func TestParseSourceJoinsLinesAndSkipsComments(t *testing.T) {
	src := "# comment\nFirst [[Homs|169577]]\nline two.\n\n# another\nSecond in [[Hama|170017]].\n"
	paras, err := parseSource(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(paras) != 2 {
		t.Fatalf("got %d paragraphs, want 2", len(paras))
	}
	if paras[0].text != "First Homs line two." || paras[0].line != 2 {
		t.Errorf("paragraph 1 = %q at line %d", paras[0].text, paras[0].line)
	}
	if paras[1].text != "Second in Hama." || paras[1].spans[0].start != 10 {
		t.Errorf("paragraph 2 = %q, spans %+v", paras[1].text, paras[1].spans)
	}
}

func TestVerifyRejectsBrokenSpans(t *testing.T) {
	id := 170063
	good := document{ID: "g", Text: "in Aleppo", Toponyms: []toponym{{StartByte: 3, EndByte: 9, Start: 3, End: 9, Name: "Aleppo", Lat: 36.2, Lon: 37.16, GeonameID: &id}}}
	if err := verify(good); err != nil {
		t.Fatalf("good document: %v", err)
	}
	bad := good
	bad.Toponyms = []toponym{good.Toponyms[0]}
	bad.Toponyms[0].StartByte = 2
	if err := verify(bad); !errors.Is(err, errInvariant) {
		t.Errorf("shifted span: err = %v, want errInvariant", err)
	}
	bad.Toponyms[0] = good.Toponyms[0]
	bad.Toponyms[0].Lat = 95
	if err := verify(bad); !errors.Is(err, errInvariant) {
		t.Errorf("latitude 95: err = %v, want errInvariant", err)
	}
}
