// Package web is geoevents' HTTP server, built on Echo v4: a JSON query API
// under /api (events by area, time, type and text, articles, places, stats,
// streamed exports, article ingestion), OGC API – Features (Part 1) for QGIS
// and GDAL, and the embedded web map at /. Every error leaves through one
// handler that maps it to a status and a {"code","description"} JSON body.
package web
