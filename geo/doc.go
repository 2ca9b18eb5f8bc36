// Package geo holds the pure geometry the rest of geoevents shares: WGS84
// bounding boxes (antimeridian-aware), great-circle distances and circles,
// and point-in-polygon tests (antimeridian-aware too). It does no I/O.
package geo
