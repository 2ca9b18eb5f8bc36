package feedtest

import (
	"fmt"
	"time"
)

// places are where generated stories happen: towns the gazetteer knows.
var places = []struct{ town, province string }{
	{"Maarat al-Numan", "Idlib"}, {"Douma", "Rif Dimashq"}, {"Deir ez-Zor", "Deir ez-Zor"},
	{"Kobani", "Aleppo"}, {"Daraa", "Daraa"}, {"Mosul", "Nineveh"}, {"Taiz", "Taiz"},
	{"Maiduguri", "Borno"}, {"Kidal", "Kidal"}, {"Goma", "North Kivu"},
}

// MakeStory returns a distinct news story n, published on day (UTC), long
// enough to be an article (more than 600 characters) and reporting one
// event at a known town.
func MakeStory(n int, day time.Time) Story {
	p := places[n%len(places)]
	killed := 2 + n%7
	return Story{
		ID:        fmt.Sprintf("s%04d", n),
		Title:     fmt.Sprintf("Shelling kills %d civilians in %s (report %d)", killed, p.town, n),
		Byline:    fmt.Sprintf("Reporter %d", n%13),
		Published: day.Add(time.Duration(n%600) * time.Minute),
		Text: fmt.Sprintf("Government forces shelled the town of %s in %s province on Monday, killing %d civilians, local medics said in report number %d.\n\n"+
			"Residents said the shells fell on a market and a school in the early morning, and that rescue teams worked for hours to reach the wounded. "+
			"A doctor at the main hospital said the staff had received more patients than it could treat, and appealed for supplies to be allowed in.\n\n"+
			"Monitors have recorded a rise in such attacks over the past month. Aid agencies called on all sides to spare civilians and to let convoys through, "+
			"and said that thousands of families had already left their homes for camps further north, where shelter and water are scarce.",
			p.town, p.province, killed, n),
	}
}
