package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// readCourses reads data/lines.tsv and sets the course of every river it
// lists: the points of its vertex places, in order.
func readCourses(ctx context.Context, path string, byID map[int64]*record) error {
	return eachRow(ctx, path, func(_ int, f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("%d columns, want river id, vertex ids, source", len(f))
		}
		id, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return fmt.Errorf("river id %q: %w", f[0], err)
		}
		river, ok := byID[id]
		if !ok {
			return fmt.Errorf("no place %d for a course", id)
		}
		var course [][2]float64
		for _, s := range strings.Split(f[1], ",") {
			vid, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
			if err != nil {
				return fmt.Errorf("vertex id %q: %w", s, err)
			}
			v, ok := byID[vid]
			if !ok {
				return fmt.Errorf("course of %d: no place %d", id, vid)
			}
			course = append(course, [2]float64{v.lat, v.lon})
		}
		if len(course) < 2 {
			return fmt.Errorf("course of %d: %d vertices, want 2 or more", id, len(course))
		}
		river.course = course
		return nil
	})
}
