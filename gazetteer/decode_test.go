package gazetteer

import (
	"errors"
	"math/rand/v2"
	"testing"
)

// TestDecodeCorrupt: a truncated or damaged artefact gives an error (or, for
// a flipped byte that still parses, a result), never a panic.
func TestDecodeCorrupt(t *testing.T) {
	raw, err := decompress(artefact)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := decode(nil); !errors.Is(err, ErrCorruptArtefact) {
		t.Errorf("decode(nil) error %v", err)
	}
	if _, _, err := decode([]byte("GZT9")); !errors.Is(err, ErrCorruptArtefact) {
		t.Errorf("bad magic: error %v", err)
	}
	for _, n := range []int{5, 100, len(raw) / 3, len(raw) / 2, len(raw) - 10} {
		cut := append([]byte(nil), raw[:n]...)
		if _, _, err := decode(cut); !errors.Is(err, ErrCorruptArtefact) {
			t.Errorf("truncated at %d: error %v, want ErrCorruptArtefact", n, err)
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 6 {
		bad := append([]byte(nil), raw...)
		for range 8 {
			bad[4+rng.IntN(len(bad)-4)] ^= byte(1 + rng.IntN(255))
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("decode panicked on a damaged artefact: %v", r)
				}
			}()
			_, _, _ = decode(bad)
		}()
	}
	if _, err := decompress([]byte("not zstd")); !errors.Is(err, ErrCorruptArtefact) {
		t.Errorf("decompress of garbage: error %v", err)
	}
}
