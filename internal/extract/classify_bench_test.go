package extract

import "testing"

// BenchmarkClassifySentence measures finding the cues of one typical news
// sentence and classifying a mention in it.
func BenchmarkClassifySentence(b *testing.B) {
	s := "Government forces shelled villages on the outskirts of Maarat al-Numan on Monday, killing 12 civilians, rescue workers said."
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		findCues(s).classify(55, 70)
	}
}
