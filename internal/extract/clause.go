package extract

// reClauseBreak finds where a sentence turns to another clause, one that
// can report a different happening at a different place: a semicolon, a
// dash or colon between clauses, or a comma before a subordinating or
// contrasting word ("…, while talks continued in Geneva"), or before
// what a protest demands or whom it blames ("…, demanding that legislators
// act on abuses in Ethiopia": the place is the topic), or before an
// appositive that sets the happening in a series ("…, the latest in a
// string of massacres since the army launched an offensive last month":
// the series and its start are not this happening). A relative
// "where" does not break: it says more about the same place.
var reClauseBreak = pat(`(?i)\s*;\s*|\s+[—–]\s+|:\s+|,\s+(?:while|whereas|as|after|before|when|although|though|but|even as|just as|days? after|weeks? after|hours? after|a day after|since|despite|amid|which|who|according to)\b|,\s+the\s+(?:latest|last|third|second|fourth|fifth|sixth|most\s+recent|deadliest|worst)\s+(?:in|of|such|attack|incident|assault|strike|raid|massacre|killing)\b|` + topicWords + `\b`)

// reLeadingSubordinate matches a sentence that opens with a subordinate
// clause ("While negotiations continued in Damascus, …"), which ends at its
// first comma.
var reLeadingSubordinate = pat(`(?i)^(?:while|whereas|as|after|although|though|despite|since|before|when|amid|even as)\b[^,]{3,160},`)

// topicWords open a clause that says what a protest demands or whom it
// blames: its places are the topic, not where something happened.
const topicWords = `,\s+(?:demanding|calling\s+(?:for|on)|urging|denouncing|condemning|accusing)`

// clauses splits a sentence into clauses and returns their byte ranges in
// the sentence, in order, covering it without gaps.
func clauses(s string) [][2]int {
	var cuts []int
	if m := reLeadingSubordinate.FindStringIndex(s); m != nil {
		cuts = append(cuts, m[1])
	}
	dateline := reDateline.FindStringIndex(s)
	for _, m := range reClauseBreak.FindAllStringIndex(s, -1) {
		if dateline != nil && m[0] < dateline[1] {
			continue // "MOGADISHU, Somalia (AP) — A car bomb exploded": the dateline's dash opens the story
		}
		if m[0] > 0 && (len(cuts) == 0 || m[0] > cuts[len(cuts)-1]) {
			cuts = append(cuts, m[0])
		}
	}
	out := make([][2]int, 0, len(cuts)+1)
	start := 0
	for _, c := range cuts {
		if c > start {
			out = append(out, [2]int{start, c})
			start = c
		}
	}
	return append(out, [2]int{start, len(s)})
}

// reDateline is a news dateline opening a sentence: capitalised place
// words, an optional country after a comma and an agency in brackets,
// then a dash or colon ("BEIRUT (Reuters) -", "ADEN, Yemen —").
var reDateline = pat(`^\W*(?-i:[A-Z][\w'’.-]*)(?:\s+(?-i:[A-Z][\w'’.-]*)){0,3}` + datelineTail)

// clauseOf returns the index of the clause holding byte offset pos.
func clauseOf(cs [][2]int, pos int) int {
	for i, c := range cs {
		if pos < c[1] {
			return i
		}
	}
	return len(cs) - 1
}
