//go:build !linux

package gazetteer

// releaseArtefact is a no-op where madvise(MADV_DONTNEED) is not used.
func releaseArtefact() {}
