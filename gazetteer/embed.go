package gazetteer

import _ "embed" // the generated artefacts below

//go:generate go run ./internal/build -src ../shared/data -out gazetteer/data

// artefact is the generated gazetteer (data/gazetteer.bin.zst, see
// decode.go for its layout). Read-only: never written after init.
//
//go:embed data/gazetteer.bin.zst
var artefact []byte

// codesTable is data/codes.tsv.gz: country and admin1 code -> name, used by
// ReadDump to name the admin areas of imported places.
//
//go:embed data/codes.tsv.gz
var codesTable []byte
