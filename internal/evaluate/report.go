package evaluate

import (
	"fmt"
	"strings"
)

// Report holds the standard geoparsing figures for one annotated file.
type Report struct {
	Documents int `json:"documents"`
	// Gold is the number of annotated toponyms.
	Gold int `json:"gold"`
	// Predicted is the number of predicted mentions that count towards
	// precision (see AdjectivalUnmatched).
	Predicted int `json:"predicted"`
	// Matched is the number of predictions that matched a gold toponym.
	Matched int `json:"matched"`
	// AdjectivalUnmatched counts adjectival predictions ("Syrian") that
	// matched no gold toponym. They are left out of Predicted because gold
	// standards such as GeoVirus do not annotate demonyms; an adjectival
	// prediction that does match a gold toponym counts as usual.
	AdjectivalUnmatched int `json:"adjectival_unmatched"`

	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// StrictPrecision and StrictF1 count every prediction, unmatched
	// adjectival ones included: the figures to compare with systems that
	// do not separate demonyms.
	StrictPrecision float64 `json:"strict_precision"`
	StrictF1        float64 `json:"strict_f1"`

	// Resolved is the number of matched toponyms that have gold coordinates;
	// the resolution figures below are over these.
	Resolved int     `json:"resolved"`
	Acc161   float64 `json:"acc161"`
	MeanKm   float64 `json:"mean_km"`
	MedianKm float64 `json:"median_km"`
	// AUC is the area under the curve of the sorted log errors
	// ln(km+1)/ln(20039), in [0,1]; lower is better (Gritta et al. 2018).
	AUC float64 `json:"auc"`
	// ByScale breaks Acc161 and MedianKm down by the scale of the place
	// chosen: countries and larger, admin areas, settlements and sites.
	ByScale []ScaleFigures `json:"by_scale"`
}

// String renders the report as a small aligned table.
func (r Report) String() string {
	var b strings.Builder
	row := func(k, v string) { fmt.Fprintf(&b, "%-22s %s\n", k, v) }
	row("documents", fmt.Sprint(r.Documents))
	row("gold toponyms", fmt.Sprint(r.Gold))
	row("predicted", fmt.Sprint(r.Predicted))
	row("matched", fmt.Sprint(r.Matched))
	row("adjectival unmatched", fmt.Sprint(r.AdjectivalUnmatched))
	row("precision", fmt.Sprintf("%.3f", r.Precision))
	row("recall", fmt.Sprintf("%.3f", r.Recall))
	row("F1", fmt.Sprintf("%.3f", r.F1))
	row("strict precision", fmt.Sprintf("%.3f  (unmatched adjectival counted)", r.StrictPrecision))
	row("strict F1", fmt.Sprintf("%.3f", r.StrictF1))
	row("resolved", fmt.Sprint(r.Resolved))
	row("acc@161km", fmt.Sprintf("%.3f", r.Acc161))
	row("mean error km", fmt.Sprintf("%.1f", r.MeanKm))
	row("median error km", fmt.Sprintf("%.1f", r.MedianKm))
	row("AUC", fmt.Sprintf("%.3f", r.AUC))
	for _, s := range r.ByScale {
		row("  "+string(s.Scale), fmt.Sprintf("acc@161km %.3f, median %.1f km over %d", s.Acc161, s.MedianKm, s.Resolved))
	}
	return b.String()
}
