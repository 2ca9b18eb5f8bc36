// Package geo holds the pure geometry the rest of geoevents shares: WGS84
// bounding boxes (antimeridian-aware), great-circle distances and circles,
// and point-in-polygon tests. It does no I/O.
package geo
