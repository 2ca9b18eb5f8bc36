package web

import (
	"net/url"
	"slices"
	"strings"

	"geoevents/internal/event"
)

// parseProperties reads the properties parameter: a comma-separated list
// of event property names (event.FeatureProperties) that features carry,
// in that order — OGC API – Features' property selection, so a client
// that needs the title and date does not download every sentence and
// article field. It returns nil (every property) when absent, an empty
// list when given empty.
func parseProperties(q url.Values) ([]int, error) {
	vals, ok := q["properties"]
	if !ok {
		return nil, nil
	}
	names := event.FeatureProperties()
	out := []int{}
	for _, v := range vals {
		for _, name := range strings.Split(v, ",") {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			i := slices.Index(names, name)
			if i < 0 {
				return nil, paramErr("properties", "unknown property %q; the properties are %s", truncate(name, 40), strings.Join(names, ", "))
			}
			if !slices.Contains(out, i) {
				out = append(out, i)
			}
		}
	}
	return out, nil
}
