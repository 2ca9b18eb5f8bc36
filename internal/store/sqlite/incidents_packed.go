package sqlite

import (
	"database/sql/driver"
	"encoding/binary"

	"modernc.org/sqlite"
)

// withIncident returns packed fields b with the fatalities and the
// source count set (0 leaves a field out), the others as they are: the
// SQL function event_incident(more, fatalities, sources).
func withIncident(b []byte, fatal, sources int64) ([]byte, error) {
	p := packer{b: make([]byte, 0, len(b)+8)}
	wroteFatal, wroteSources := false, false
	for len(b) > 0 {
		tag, n := binary.Uvarint(b)
		if n <= 0 {
			return nil, errBadPacked
		}
		size, m := binary.Uvarint(b[n:])
		if m <= 0 || size > uint64(len(b)-n-m) {
			return nil, errBadPacked
		}
		field := b[:n+m+int(size)]
		b = b[len(field):]
		if tag >= tagFatalities && !wroteFatal {
			p.int(tagFatalities, fatal)
			wroteFatal = true
		}
		if tag >= tagSources && !wroteSources {
			p.int(tagSources, sources)
			wroteSources = true
		}
		if tag != tagFatalities && tag != tagSources {
			p.b = append(p.b, field...)
		}
	}
	if !wroteFatal {
		p.int(tagFatalities, fatal)
	}
	if !wroteSources {
		p.int(tagSources, sources)
	}
	return p.b, nil
}

// The SQL functions of incidents, pure:
//
//	event_date_precision(more)        → the packed date precision ('' unset)
//	event_sources(more)               → the packed source count (0 unset)
//	event_incident(more, fatal, n)    → withIncident
func init() {
	sqlite.MustRegisterFunction("event_date_precision", &sqlite.FunctionImpl{
		NArgs: 1, Deterministic: true,
		Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			b, _ := args[0].([]byte)
			v, _ := packedField(b, tagDatePrecision)
			return string(v), nil
		},
	})
	sqlite.MustRegisterFunction("event_sources", &sqlite.FunctionImpl{
		NArgs: 1, Deterministic: true,
		Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			b, _ := args[0].([]byte)
			return packedInt(b, tagSources), nil
		},
	})
	sqlite.MustRegisterFunction("event_incident", &sqlite.FunctionImpl{
		NArgs: 3, Deterministic: true,
		Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			b, _ := args[0].([]byte)
			fatal, _ := args[1].(int64)
			n, _ := args[2].(int64)
			out, err := withIncident(b, fatal, n)
			if err != nil || len(out) == 0 {
				return nil, err
			}
			return out, nil
		},
	})
}
