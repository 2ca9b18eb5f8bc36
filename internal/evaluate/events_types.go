package evaluate

import "slices"

// TypeMap maps ACLED's pre-2019 event labels, which the gold files carry,
// to the event types of today's codebook that geoevents emits: the
// reference scorer's TYPE_MAP. Riots/Protests accepts either of the two
// types it was split into; the three non-violent labels became Strategic
// developments.
var TypeMap = map[string][]string{
	"Battle-No change of territory":              {"Battles"},
	"Battle-Government regains territory":        {"Battles"},
	"Battle-Non-state actor overtakes territory": {"Battles"},
	"Remote violence":                            {"Explosions/Remote violence"},
	"Riots/Protests":                             {"Protests", "Riots"},
	"Violence against civilians":                 {"Violence against civilians"},
	"Strategic development":                      {"Strategic developments"},
	"Non-violent transfer of territory":          {"Strategic developments"},
	"Headquarters or base established":           {"Strategic developments"},
}

// TypeAccepts reports whether an extracted event type agrees with a gold
// pre-2019 label under TypeMap; an unknown label accepts nothing.
func TypeAccepts(goldLabel, ours string) bool {
	return slices.Contains(TypeMap[goldLabel], ours)
}

// Confusion counts texts whose first typed event had type Ours where the
// nearest-listed gold event within 161 km was coded Gold.
type Confusion struct {
	Gold  string `json:"gold"`
	Ours  string `json:"ours"`
	Count int    `json:"count"`
}

// confusions counts (gold label, our type) pairs in order of first
// appearance, like Python's Counter.
type confusions struct {
	idx  map[[2]string]int
	list []Confusion
}

func (c *confusions) add(gold, ours string) {
	if c.idx == nil {
		c.idx = map[[2]string]int{}
	}
	k := [2]string{gold, ours}
	i, ok := c.idx[k]
	if !ok {
		i = len(c.list)
		c.idx[k] = i
		c.list = append(c.list, Confusion{Gold: gold, Ours: ours})
	}
	c.list[i].Count++
}

// top returns the n most frequent pairs, ties in order of first
// appearance (Counter.most_common).
func (c *confusions) top(n int) []Confusion {
	out := slices.Clone(c.list)
	slices.SortStableFunc(out, func(a, b Confusion) int { return b.Count - a.Count })
	return out[:min(n, len(out))]
}
