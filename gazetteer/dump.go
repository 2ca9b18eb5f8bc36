package gazetteer

import (
	"archive/zip"
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// ErrBadDump is the sentinel every ReadDump rejection wraps: the file is not
// a readable GeoNames dump (errors.Is(err, ErrBadDump)). The concrete error
// is a *DumpError naming the file and line.
var ErrBadDump = errors.New("bad GeoNames dump")

// DumpError is a rejected dump: the file (for a zip, "archive:entry"), the
// 1-based line (0 when the file as a whole is unreadable) and the reason.
type DumpError struct {
	File string
	Line int
	Err  error
}

// Error implements error.
func (e *DumpError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s line %d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

// Unwrap returns the reason and ErrBadDump.
func (e *DumpError) Unwrap() []error { return []error{e.Err, ErrBadDump} }

// maxDumpLine bounds one dump line (GeoNames rows with long alternate-name
// lists stay far below it).
const maxDumpLine = 4 << 20

// ReadDump reads a user-supplied GeoNames dump: a 19-column geoname table
// (allCountries.txt, SY.txt, cities500.txt) or an alternateNamesV2 table,
// plain or in a .zip (allCountries.zip, SY.zip, alternateNamesV2.zip). A
// geoname table gives places (country and admin1 names filled in from the
// built-in tables) and their alternatenames column as altNames; an
// alternate-names table gives altNames only (Latin and Arabic script, no
// links, postcodes or airport codes). Pass both results to Add.
//
// ReadDump is strict and all-or-nothing: a corrupt or truncated file (wrong
// column count, non-numeric id, latitude or longitude out of range, bad zip)
// returns nil results and a *DumpError naming the file and line, wrapping
// ErrBadDump.
func ReadDump(ctx context.Context, file string) ([]Place, map[int64][]string, error) {
	var (
		places []Place
		alt    map[int64][]string
	)
	err := openDump(file, func(name string, r io.Reader) error {
		var err error
		places, alt, err = readTable(ctx, name, r)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return places, alt, nil
}

// openDump opens a .txt or .zip dump and calls fn with the table's display
// name and reader.
func openDump(file string, fn func(name string, r io.Reader) error) error {
	if strings.EqualFold(filepath.Ext(file), ".zip") {
		zr, err := zip.OpenReader(file)
		if err != nil {
			return &DumpError{File: file, Err: err}
		}
		defer zr.Close()
		f, err := pickZipEntry(zr.File, file)
		if err != nil {
			return &DumpError{File: file, Err: err}
		}
		rc, err := f.Open()
		if err != nil {
			return &DumpError{File: file + ":" + f.Name, Err: err}
		}
		defer rc.Close()
		return fn(file+":"+f.Name, rc)
	}
	fh, err := os.Open(file)
	if err != nil {
		return &DumpError{File: file, Err: err}
	}
	defer fh.Close()
	return fn(file, fh)
}

// pickZipEntry chooses the table in a GeoNames zip: the .txt named like the
// archive (SY.zip -> SY.txt), else the only .txt that is not a readme or
// the language-code list shipped with alternateNamesV2.zip.
func pickZipEntry(files []*zip.File, archive string) (*zip.File, error) {
	base := strings.TrimSuffix(filepath.Base(archive), filepath.Ext(archive))
	var txt []*zip.File
	for _, f := range files {
		n := path.Base(f.Name)
		if !strings.EqualFold(path.Ext(n), ".txt") {
			continue
		}
		if strings.EqualFold(strings.TrimSuffix(n, path.Ext(n)), base) {
			return f, nil
		}
		l := strings.ToLower(n)
		if strings.HasPrefix(l, "readme") || strings.HasPrefix(l, "iso-languagecodes") {
			continue
		}
		txt = append(txt, f)
	}
	if len(txt) != 1 {
		return nil, fmt.Errorf("want one GeoNames .txt table in the zip, found %d", len(txt))
	}
	return txt[0], nil
}

// readTable reads a geoname or alternate-names table.
func readTable(ctx context.Context, name string, r io.Reader) ([]Place, map[int64][]string, error) {
	codes, err := loadCodes()
	if err != nil {
		return nil, nil, err
	}
	// A file named like alternateNames*.txt must be one; any other is told
	// by the column count of its first row (19 vs 8 or 10).
	altByName := strings.Contains(strings.ToLower(path.Base(strings.ReplaceAll(name, ":", "/"))), "alternatename")
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxDumpLine)
	var (
		places []Place
		alt    = map[int64][]string{}
		cols   int
		line   int
	)
	for sc.Scan() {
		line++
		if line%65536 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, nil, fmt.Errorf("read %s: %w", name, err)
			}
		}
		text := strings.TrimSuffix(sc.Text(), "\r")
		if text == "" {
			continue
		}
		f := strings.Split(text, "\t")
		if cols == 0 {
			cols = len(f)
			switch {
			case altByName && cols != altColumnsV1 && cols != altColumnsV2:
				return nil, nil, &DumpError{File: name, Line: line, Err: fmt.Errorf("%d columns, want 10 (alternateNamesV2) or 8 (alternateNames)", cols)}
			case cols != geonameColumns && cols != altColumnsV1 && cols != altColumnsV2:
				return nil, nil, &DumpError{File: name, Line: line, Err: fmt.Errorf("%d columns: neither a geoname table (19) nor alternate names (8 or 10)", cols)}
			}
		}
		if len(f) != cols {
			return nil, nil, &DumpError{File: name, Line: line, Err: fmt.Errorf("%d columns, want %d (truncated or corrupt)", len(f), cols)}
		}
		if cols == geonameColumns {
			p, names, err := parsePlaceRow(f, codes)
			if err != nil {
				return nil, nil, &DumpError{File: name, Line: line, Err: err}
			}
			places = append(places, p)
			if len(names) > 0 {
				alt[p.ID] = append(alt[p.ID], names...)
			}
			continue
		}
		id, n, ok, err := parseAltRow(f)
		if err != nil {
			return nil, nil, &DumpError{File: name, Line: line, Err: err}
		}
		if ok {
			alt[id] = append(alt[id], n)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, &DumpError{File: name, Line: line + 1, Err: err}
	}
	if line == 0 {
		return nil, nil, &DumpError{File: name, Err: errors.New("empty file")}
	}
	return places, alt, nil
}
