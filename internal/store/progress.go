package store

// ImportProgress reports a bulk import's steps: Step names what runs
// ("load", an index being built, "commit"), Rows how many rows are loaded
// so far.
type ImportProgress struct {
	Step string
	Rows int64
}

// ProgressReporter is implemented by stores that can tell a long
// ImportEvents' progress; callers check for it with a type assertion.
type ProgressReporter interface {
	// OnImportProgress sets a function told of an import's progress;
	// nil for none. Set it before importing, not during.
	OnImportProgress(fn func(ImportProgress))
}
