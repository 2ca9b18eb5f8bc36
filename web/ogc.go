package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"geoevents/internal/store"
)

// OGC API identifiers.
const (
	collectionID  = "events"
	relConform    = "http://www.opengis.net/def/rel/ogc/1.0/conformance"
	relData       = "http://www.opengis.net/def/rel/ogc/1.0/data"
	relQueryables = "http://www.opengis.net/def/rel/ogc/1.0/queryables"
	trsGregorian  = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"
	confPrefix    = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/"
)

// landing is GET /: the web map for browsers, the OGC API landing page
// for everything else (Accept: application/json or ?f=json).
func (s *Server) landing(c echo.Context) error {
	if wantsHTML(c) {
		// The map keeps its state in the fragment; stray query parameters
		// (tracking tags, cache busters) must not break the page.
		return s.serveAsset(c, "index.html")
	}
	if err := checkParams(c.QueryParams(), paramRules{}); err != nil {
		return err
	}
	return s.writeJSON(c, http.StatusOK, map[string]any{
		"title":       "geoevents",
		"description": "Geocoded, typed and dated events from news articles, as OGC API – Features and a JSON query API.",
		"links": []Link{
			{Href: s.absURL(c, "/?f=json", nil), Rel: "self", Type: mimeJSON, Title: "this document"},
			{Href: s.absURL(c, "/", nil), Rel: "alternate", Type: mimeHTML, Title: "the web map"},
			{Href: s.absURL(c, "/api", nil), Rel: "service-desc", Type: mimeOpenAPI, Title: "OpenAPI 3.0 definition"},
			{Href: s.absURL(c, "/api?f=html", nil), Rel: "service-doc", Type: mimeHTML, Title: "API documentation"},
			{Href: s.absURL(c, "/conformance", nil), Rel: "conformance", Type: mimeJSON, Title: "conformance classes"},
			{Href: s.absURL(c, "/conformance", nil), Rel: relConform, Type: mimeJSON, Title: "conformance classes"},
			{Href: s.absURL(c, "/collections", nil), Rel: "data", Type: mimeJSON, Title: "collections"},
			{Href: s.absURL(c, "/collections", nil), Rel: relData, Type: mimeJSON, Title: "collections"},
		},
	})
}

// conformanceClasses lists what the server implements.
func conformanceClasses() []string {
	return []string{confPrefix + "core", confPrefix + "geojson", confPrefix + "oas30", confPrefix + "html"}
}

// conformance is GET /conformance.
func (s *Server) conformance(c echo.Context) error {
	if err := checkParams(c.QueryParams(), paramRules{}); err != nil {
		return err
	}
	return s.writeJSON(c, http.StatusOK, map[string]any{
		"links":      []Link{{Href: s.absURL(c, "/conformance", nil), Rel: "self", Type: mimeJSON}},
		"conformsTo": conformanceClasses(),
	})
}

// collections is GET /collections: the one collection, "events".
func (s *Server) collections(c echo.Context) error {
	if err := checkParams(c.QueryParams(), paramRules{}); err != nil {
		return err
	}
	ext, done, err := s.metadataExtent(c)
	if done || err != nil {
		return err
	}
	return s.writeJSON(c, http.StatusOK, map[string]any{
		"links": []Link{
			{Href: s.absURL(c, "/collections", nil), Rel: "self", Type: mimeJSON, Title: "this document"},
			{Href: s.absURL(c, "/collections?f=html", nil), Rel: "alternate", Type: mimeHTML, Title: "this document as HTML"},
		},
		"collections": []any{s.collectionDoc(c, ext)},
	})
}

// collection is GET /collections/events.
func (s *Server) collection(c echo.Context) error {
	if err := s.checkCollection(c); err != nil {
		return err
	}
	if err := checkParams(c.QueryParams(), paramRules{}); err != nil {
		return err
	}
	ext, done, err := s.metadataExtent(c)
	if done || err != nil {
		return err
	}
	return s.writeJSON(c, http.StatusOK, s.collectionDoc(c, ext))
}

func (s *Server) checkCollection(c echo.Context) error {
	if id := c.Param("collectionId"); id != collectionID {
		return apiErr(http.StatusNotFound, "NotFound", "no collection %q; the only collection is %q", truncate(id, 80), collectionID)
	}
	return nil
}

// collectionDoc describes the events collection with its extent.
func (s *Server) collectionDoc(c echo.Context, ext store.Extent) map[string]any {
	base := "/collections/" + collectionID
	bbox := []float64{-180, -90, 180, 90}
	if ext.Count > 0 {
		b := ext.BBox
		bbox = []float64{b.MinLon, b.MinLat, b.MaxLon, b.MaxLat}
	}
	interval := []any{nil, nil}
	if !ext.From.IsZero() {
		interval[0] = ext.From.UTC().Format(time.RFC3339)
	}
	if !ext.To.IsZero() {
		interval[1] = ext.To.UTC().Format(time.RFC3339)
	}
	return map[string]any{
		"id":          collectionID,
		"title":       "Events",
		"description": "Events geocoded from news articles: one point per place mention, typed (ACLED event types) and dated.",
		"links": []Link{
			{Href: s.absURL(c, base, nil), Rel: "self", Type: mimeJSON, Title: "this collection"},
			{Href: s.absURL(c, base+"?f=html", nil), Rel: "alternate", Type: mimeHTML, Title: "this collection as HTML"},
			{Href: s.absURL(c, base+"/items", nil), Rel: "items", Type: mimeGeoJSON, Title: "the events"},
			{Href: s.absURL(c, base+"/items?f=html", nil), Rel: "items", Type: mimeHTML, Title: "the events as HTML"},
			{Href: s.absURL(c, base+"/queryables", nil), Rel: relQueryables, Type: mimeSchema, Title: "queryable properties"},
			{Href: s.absURL(c, "/api/export.geojson", nil), Rel: "enclosure", Type: mimeGeoJSON, Title: "all events as one GeoJSON file"},
		},
		"extent": map[string]any{
			"spatial":  map[string]any{"bbox": [][]float64{bbox}, "crs": crs84},
			"temporal": map[string]any{"interval": [][]any{interval}, "trs": trsGregorian},
		},
		"itemType":   "feature",
		"crs":        []string{crs84},
		"storageCrs": crs84,
		"itemCount":  ext.Count,
	}
}

// metadataExtent reads the data's extent for a collection metadata document
// and sets its validators; done reports that a 304 was already sent.
func (s *Server) metadataExtent(c echo.Context) (ext store.Extent, done bool, err error) {
	ext, err = s.st.Extent(c.Request().Context())
	if err != nil {
		return ext, false, err
	}
	return ext, s.notModified(c, ext), nil
}

// notModified sets ETag and Cache-Control from the data's extent and
// answers 304 when the client's If-None-Match matches.
func (s *Server) notModified(c echo.Context, ext store.Extent) bool {
	h := sha256.Sum256(fmt.Appendf(nil, "%s|%d|%v|%d|%d|%s|%t", s.cfg.Version, ext.Count, ext.BBox,
		ext.From.UnixNano(), ext.To.UnixNano(), c.QueryParam("f"), wantsHTML(c)))
	etag := `"` + hex.EncodeToString(h[:12]) + `"`
	res := c.Response().Header()
	res.Set("ETag", etag)
	res.Set("Cache-Control", "public, max-age=60, must-revalidate")
	res.Add(echo.HeaderVary, echo.HeaderAccept)
	for _, t := range strings.Split(c.Request().Header.Get("If-None-Match"), ",") {
		if t = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t), "W/")); t == etag || t == "*" {
			_ = c.NoContent(http.StatusNotModified)
			return true
		}
	}
	return false
}

// queryables is GET /collections/events/queryables: the properties that
// can filter items, as JSON Schema.
func (s *Server) queryables(c echo.Context) error {
	if err := s.checkCollection(c); err != nil {
		return err
	}
	if err := checkParams(c.QueryParams(), paramRules{}); err != nil {
		return err
	}
	str := func(desc string) map[string]any { return map[string]any{"type": "string", "description": desc} }
	types := map[string]any{"type": "string", "description": "ACLED event type", "enum": eventTypes()}
	doc := map[string]any{
		"$schema":     "https://json-schema.org/draft/2019-09/schema",
		"$id":         s.absURL(c, "/collections/"+collectionID+"/queryables", nil),
		"type":        "object",
		"title":       "Events",
		"description": "Properties usable as query parameters on /collections/events/items (e.g. ?type=Battles&country=SY).",
		"properties": map[string]any{
			"geometry": map[string]any{"format": "geometry-point", "x-ogc-role": "primary-geometry"},
			"datetime": map[string]any{"type": "string", "format": "date-time", "x-ogc-role": "primary-instant",
				"description": "event date; filter with datetime=instant or start/end"},
			"type":    types,
			"subtype": str("ACLED sub-event type"),
			"country": map[string]any{"type": "string", "pattern": "^[A-Za-z]{2}$", "description": "ISO 3166-1 alpha-2 country code"},
			"place":   str("place id or place name"),
			"article": str("source article id"),
			"q":       str("words searched in the article title and the sentence"),
			"min_score": map[string]any{"type": "number", "minimum": 0, "maximum": 1,
				"description": "minimum geocoding score"},
			"actor": str("an actor the event names (ACLED-style name), matched whole, any case"),
			"max_precision": map[string]any{"type": "integer", "minimum": 1, "maximum": 3,
				"description": "only events whose geo_precision is at most this (3: province or country level)"},
		},
		"additionalProperties": false,
	}
	return s.writeJSONType(c, http.StatusOK, mimeSchema, doc)
}

// items is GET /collections/events/items: /api/events under its OGC name.
func (s *Server) items(c echo.Context) error {
	if err := s.checkCollection(c); err != nil {
		return err
	}
	q := c.QueryParams()
	f, err := parseFilter(q, eventsRules())
	if err != nil {
		return err
	}
	props, err := parseProperties(q)
	if err != nil {
		return err
	}
	path := "/collections/" + collectionID + "/items"
	collection := Link{Href: s.absURL(c, "/collections/"+collectionID, nil), Rel: "collection", Type: mimeJSON, Title: "the events collection"} // base is the same for the cached page
	if wantsHTML(c) {
		page, err := s.st.Events(c.Request().Context(), f)
		if err != nil {
			return err
		}
		return s.renderItemsHTML(c, page, pageLinks(s.baseURL(c), path, q, f.Limit, f.Offset, len(page.Events), page.NumberMatched, mimeHTML))
	}
	return s.respondCached(c, path, q, mimeGeoJSON, func(ctx context.Context, base string) ([]byte, error) {
		return s.eventPage(ctx, base, path, q, f, props, []Link{collection})
	})
}

// item is GET /collections/events/items/{featureId}.
func (s *Server) item(c echo.Context) error {
	if err := s.checkCollection(c); err != nil {
		return err
	}
	q := c.QueryParams()
	if err := checkParams(q, featureRules()); err != nil {
		return err
	}
	props, err := parseProperties(q)
	if err != nil {
		return err
	}
	if wantsHTML(c) {
		e, err := s.lookupEvent(c.Request().Context(), c.Param("featureId"))
		if err != nil {
			return err
		}
		return s.renderItemHTML(c, &e)
	}
	coll := "/collections/" + collectionID
	id := c.Param("featureId")
	return s.respondCached(c, coll+"/items/"+id, q, mimeGeoJSON, func(ctx context.Context, base string) ([]byte, error) {
		e, err := s.lookupEvent(ctx, id)
		if err != nil {
			return nil, err
		}
		links, err := marshalJSON([]Link{
			{Href: linkURL(base, coll+"/items/"+urlPathEscape(e.ID), nil), Rel: "self", Type: mimeGeoJSON, Title: "this event"},
			{Href: linkURL(base, coll, nil), Rel: "collection", Type: mimeJSON, Title: "the events collection"},
		})
		if err != nil {
			return nil, err
		}
		return featureWithLinks(&e, props, links), nil
	})
}
