package export

import (
	"bufio"
	"context"
	"fmt"
	"io"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// bufSize is the write buffer: big enough for few syscalls, small enough
// that memory stays flat.
const bufSize = 64 << 10

// Write streams every event matching f (f.Limit 0 means all) from st to w
// in the given format and returns how many events it wrote. Nothing is
// collected in memory: each event is encoded into a reused buffer and
// flushed through a bufio.Writer. On error the output is truncated (a
// GeoJSON FeatureCollection is then left unterminated, so a reader notices).
func Write(ctx context.Context, w io.Writer, format Format, st store.Store, f store.Filter) (int64, error) {
	bw := bufio.NewWriterSize(w, bufSize)
	enc, err := newEncoder(format)
	if err != nil {
		return 0, err
	}
	var n int64
	var buf []byte
	if _, err := bw.Write(enc.header()); err != nil {
		return 0, fmt.Errorf("export %s: %w", format, err)
	}
	err = st.EachEvent(ctx, f, func(e *event.Event) error {
		buf = enc.record(buf[:0], e, n)
		if _, err := bw.Write(buf); err != nil {
			return err
		}
		n++
		return nil
	})
	if err != nil {
		// Flush what we have so the reader sees where it stopped.
		_ = bw.Flush()
		return n, fmt.Errorf("export %s after %d events: %w", format, n, err)
	}
	if _, err := bw.Write(enc.footer()); err != nil {
		return n, fmt.Errorf("export %s: %w", format, err)
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("export %s: %w", format, err)
	}
	return n, nil
}

// encoder writes one format: a header, one record per event (i counts
// from 0), and a footer.
type encoder interface {
	header() []byte
	record(dst []byte, e *event.Event, i int64) []byte
	footer() []byte
}

func newEncoder(f Format) (encoder, error) {
	switch f {
	case GeoJSON:
		return geojsonEncoder{}, nil
	case GeoJSONSeq:
		return seqEncoder{}, nil
	case CSV:
		return csvEncoder{}, nil
	}
	return nil, fmt.Errorf("export: %w %q", ErrUnknownFormat, string(f))
}

// geojsonEncoder writes a FeatureCollection named "events" (GDAL uses the
// foreign member "name" as the layer name), one feature per line.
type geojsonEncoder struct{}

func (geojsonEncoder) header() []byte {
	return []byte(`{"type":"FeatureCollection","name":"events","features":[` + "\n")
}

func (geojsonEncoder) record(dst []byte, e *event.Event, i int64) []byte {
	if i > 0 {
		dst = append(dst, ',', '\n')
	}
	return event.AppendFeature(dst, e)
}

func (geojsonEncoder) footer() []byte { return []byte("\n]}\n") }

// seqEncoder writes RFC 8142 records: RS, a Feature, LF.
type seqEncoder struct{}

func (seqEncoder) header() []byte { return nil }

func (seqEncoder) record(dst []byte, e *event.Event, _ int64) []byte {
	dst = append(dst, 0x1e)
	dst = event.AppendFeature(dst, e)
	return append(dst, '\n')
}

func (seqEncoder) footer() []byte { return nil }
