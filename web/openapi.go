package web

import (
	"net/http"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"geoevents/internal/event"
)

// obj is a JSON object in the OpenAPI document.
type obj = map[string]any

// openAPI is GET /api: the OpenAPI 3.0 definition of every endpoint
// (?f=html shows it as a page).
func (s *Server) openAPI(c echo.Context) error {
	if err := checkParams(c.QueryParams(), paramRules{}); err != nil {
		return err
	}
	doc := openAPIDoc(s.baseURL(c), s.cfg.Version)
	if wantsHTML(c) {
		return s.renderDocHTML(c, http.StatusOK, obj{"title": "geoevents API", "links": apiDocLinks(s, c, doc), "openapi": doc})
	}
	return s.writeJSONType(c, http.StatusOK, mimeOpenAPI, doc)
}

func apiDocLinks(s *Server, c echo.Context, doc obj) []Link {
	paths := doc["paths"].(obj)
	names := make([]string, 0, len(paths))
	for p := range paths {
		names = append(names, p)
	}
	sort.Strings(names)
	links := []Link{{Href: s.absURL(c, "/api", nil), Rel: "service-desc", Type: mimeOpenAPI, Title: "this definition as JSON"}}
	for _, p := range names {
		links = append(links, Link{Href: s.absURL(c, p, nil), Rel: "item", Title: p})
	}
	return links
}

// param is an inline OpenAPI query parameter.
func param(name, desc string, schema obj) obj {
	return obj{"name": name, "in": "query", "required": false, "description": desc, "schema": schema, "style": "form", "explode": false}
}

func strSchema() obj { return obj{"type": "string"} }

// filterParams documents the event filters shared by the event endpoints.
func filterParams() []any {
	types := obj{"type": "array", "items": obj{"type": "string", "enum": eventTypes()}}
	return []any{
		param("bbox", "minLon,minLat,maxLon,maxLat in WGS84 degrees (CRS84); minLon > maxLon crosses the antimeridian",
			obj{"type": "array", "minItems": 4, "maxItems": 6, "items": obj{"type": "number"}}),
		param("datetime", "instant or interval (RFC 3339 or YYYY-MM-DD, also YYYY-MM-DDT as GDAL sends a date; open ends .. or empty), e.g. 2024-12-01/2024-12-08", strSchema()),
		param("near", "lon,lat centre of a distance search (needs radius); results are sorted by distance", strSchema()),
		param("radius", "search radius in km around near", obj{"type": "number", "exclusiveMinimum": true, "minimum": 0}),
		param("from", "events on or after this date (YYYY-MM-DD or RFC 3339)", strSchema()),
		param("to", "events on or before this date (YYYY-MM-DD or RFC 3339)", strSchema()),
		param("type", "ACLED event types; repeat or comma-separate", types),
		param("subtype", "ACLED sub-event types; repeat or comma-separate", obj{"type": "array", "items": strSchema()}),
		param("country", "ISO 3166-1 alpha-2 codes; repeat or comma-separate", obj{"type": "array", "items": obj{"type": "string", "pattern": "^[A-Za-z]{2}$"}}),
		param("place", "place id or name", strSchema()),
		param("article", "source article id", strSchema()),
		param("q", "words searched in the article title and the sentence", strSchema()),
		param("min_score", "minimum geocoding score", obj{"type": "number", "minimum": 0, "maximum": 1}),
		obj{"name": "actor", "in": "query", "required": false, "style": "form", "explode": true,
			"description": "events naming any of these actors (ACLED-style names such as Islamic State or Civilians (Syria)), matched whole, any case; repeat for several (names are not comma-split)",
			"schema":      obj{"type": "array", "maxItems": maxActors, "items": strSchema()}},
		param("max_precision", "only events whose geo_precision (ACLED's: 1 the place itself, 2 near it or part of a region, 3 a province or country standing for an unknown place in it; 0, unknown, counts as 1) is at most this; the map leaves out 3 by default",
			obj{"type": "integer", "minimum": 1, "maximum": 3}),
		param("mentions", "also match plain mentions (type Mention: a place named where nothing happens); by default only events are matched unless type lists Mention", obj{"type": "boolean", "default": false}),
	}
}

func pagingParams() []any {
	return []any{
		param("limit", "page size", obj{"type": "integer", "minimum": 1, "maximum": MaxLimit, "default": DefaultLimit}),
		param("offset", "number of results to skip", obj{"type": "integer", "minimum": 0, "default": 0}),
		param("sortby", "order: -date (newest first, default), date, score, distance (with near)",
			obj{"type": "string", "enum": []string{"-date", "date", "score", "distance"}, "default": "-date"}),
	}
}

func propertiesParam() obj {
	return param("properties", "the properties each feature carries, comma-separated (default: all; empty: none): "+
		strings.Join(event.FeatureProperties(), ", "), obj{"type": "array", "items": strSchema()})
}

func fParam() obj {
	return param("f", "response format", obj{"type": "string", "enum": []string{"json", "html"}})
}

func pathParam(name, desc string) obj {
	return obj{"name": name, "in": "path", "required": true, "description": desc, "schema": strSchema()}
}

func concat(lists ...[]any) []any {
	var out []any
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// resp builds a responses object: the success response plus the errors.
func resp(code, desc, mediaType string, errs ...string) obj {
	r := obj{code: obj{"description": desc, "content": obj{mediaType: obj{}}}}
	for _, e := range errs {
		r[e] = obj{"$ref": "#/components/responses/Error"}
	}
	return r
}

func op(summary string, params []any, responses obj) obj {
	return obj{"summary": summary, "parameters": params, "responses": responses}
}

// openAPIDoc builds the definition with server URL base.
func openAPIDoc(base, version string) obj {
	if version == "" {
		version = "dev"
	}
	fc, js := mimeGeoJSON, mimeJSON
	coll := pathParam("collectionId", "collection id; the only collection is events")
	coll["schema"] = obj{"type": "string", "enum": []string{collectionID}}
	items := concat(filterParams(), pagingParams(), []any{propertiesParam(), fParam()})
	exportParams := concat(filterParams(), []any{
		param("limit", "optional cap on the number of events (default: all)", obj{"type": "integer", "minimum": 1}),
		param("offset", "events to skip", obj{"type": "integer", "minimum": 0}),
		param("sortby", "order", obj{"type": "string", "enum": []string{"-date", "date", "score", "distance"}}),
	})
	polygonBody := obj{"required": true, "description": "a GeoJSON Polygon or MultiPolygon, or a Feature holding one. " +
		"Polygons may cross the antimeridian: split at ±180 into a MultiPolygon (RFC 7946 §3.1.9), with longitudes beyond ±180 " +
		"(up to ±540, e.g. 177 to 182), or with an edge jumping across it (177 to -178): an edge spanning more than 180° of longitude " +
		"is read as the short way across, except edges from -180 to 180 in whole-world boxes. " +
		"Rings winding around a pole, or with an edge that could go either way round, are a 400.",
		"content": obj{js: obj{"schema": obj{"type": "object"}}, fc: obj{"schema": obj{"type": "object"}}}}
	articleBody := obj{"required": true, "description": "the article (body limit 2 MB by default)", "content": obj{
		js: obj{"schema": obj{"type": "object", "required": []string{"text"}, "properties": obj{
			"title": strSchema(), "text": strSchema(), "url": strSchema(), "published": strSchema(), "date": obj{"type": "string", "description": "alias of published"}, "source": strSchema()}}},
		"text/markdown": obj{"schema": strSchema()},
	}}
	paths := obj{
		"/":            obj{"get": op("OGC API landing page (JSON), or the web map for browsers", []any{fParam()}, resp("200", "landing page", js, "400"))},
		"/conformance": obj{"get": op("conformance classes", []any{fParam()}, resp("200", "conformance declaration", js, "400"))},
		"/api":         obj{"get": op("this OpenAPI definition", []any{fParam()}, resp("200", "OpenAPI 3.0 document", mimeOpenAPI, "400"))},
		"/collections": obj{"get": op("feature collections", []any{fParam()}, resp("200", "collections", js, "400"))},
		"/collections/{collectionId}": obj{"get": op("collection metadata with spatial and temporal extent",
			[]any{coll, fParam()}, resp("200", "collection", js, "400", "404"))},
		"/collections/{collectionId}/queryables": obj{"get": op("queryable properties (JSON Schema)",
			[]any{coll, fParam()}, resp("200", "queryables", mimeSchema, "400", "404"))},
		"/collections/{collectionId}/items": obj{"get": op("events as GeoJSON features, paged with next links",
			concat([]any{coll}, items), resp("200", "feature collection", fc, "400", "404"))},
		"/collections/{collectionId}/items/{featureId}": obj{"get": op("one event",
			[]any{coll, pathParam("featureId", "event id"), propertiesParam(), fParam()}, resp("200", "feature", fc, "400", "404"))},
		"/healthz":    obj{"get": op("liveness", nil, resp("200", `{"status":"ok"}`, js))},
		"/api/config": obj{"get": op("web map configuration (tile layer, version)", nil, resp("200", "config", js))},
		"/api/events": obj{"get": op("query events by area, distance, time, type and text",
			concat(filterParams(), pagingParams(), []any{propertiesParam()}), resp("200", "feature collection", fc, "400"))},
		"/api/events/search": obj{"post": obj{"summary": "query events inside a polygon (plus the query filters)",
			"parameters": concat(filterParams(), pagingParams(), []any{propertiesParam()}), "requestBody": polygonBody,
			"responses": resp("200", "feature collection", fc, "400", "413", "415")}},
		"/api/events/{id}": obj{"get": op("one event", []any{pathParam("id", "event id"), propertiesParam()}, resp("200", "feature", fc, "400", "404"))},
		"/api/articles": obj{
			"get": op("articles, newest first", []any{
				param("q", "words in title or text", strSchema()),
				param("limit", "page size", obj{"type": "integer", "minimum": 1, "maximum": MaxLimit, "default": DefaultLimit}),
				param("offset", "results to skip", obj{"type": "integer", "minimum": 0}),
			}, resp("200", "articles page", js, "400")),
			"post": obj{"summary": "geoparse and store an article (Authorization: Bearer token)",
				"parameters":  []any{param("title", "title, for text/markdown bodies", strSchema())},
				"requestBody": articleBody, "security": []any{obj{"bearer": []any{}}},
				"responses": func() obj {
					r := resp("201", "stored article with its events", js, "400", "401", "403", "413", "415")
					r["200"] = obj{"description": "the same article was already stored", "content": obj{js: obj{}}}
					return r
				}()},
		},
		"/api/incidents/{id}": obj{"get": op("the sources of the incident an event stands for ({id}: any of its reports' event ids): "+
			"{id (the event the map shows), sources (exact), more (beyond those listed), reports: [{event_id, article_id, title, url, source, published, sentence, fatalities (as that report states)}]}, "+
			"at most 100 reports, the primary first; an event reported once lists itself",
			[]any{pathParam("id", "event id")}, resp("200", "incident", js, "404", "501"))},
		"/api/incidents/{id}/split": obj{"post": obj{"summary": "split reports off a wrongly grouped incident (Authorization: Bearer token): " +
			"body {\"events\": [event ids of its reports]}; each becomes an event of its own with its own toll, and stays so when its article is derived again",
			"parameters": []any{pathParam("id", "event id of any report of the incident")}, "security": []any{obj{"bearer": []any{}}},
			"responses": resp("200", `{"split": N}`, js, "400", "401", "403", "404", "501")}},
		"/api/articles/{id}": obj{"get": op("an article's text with its mentions' events (UTF-8 byte offsets)",
			[]any{pathParam("id", "article id")}, resp("200", "article", js, "404"))},
		"/api/places": obj{"get": op("gazetteer autocomplete by name prefix", []any{
			param("q", "name prefix", strSchema()),
			param("limit", "suggestions", obj{"type": "integer", "minimum": 1, "maximum": maxPlaceLimit, "default": defaultPlaceLimit}),
		}, resp("200", "places", js, "400"))},
		"/api/labels": obj{"get": op("towns and villages of the embedded gazetteer in a view (at most 30° each way), the most important first: capital, admin seats, then by population; for the map's offline labels", []any{
			param("bbox", "minLon,minLat,maxLon,maxLat of the view (required)", obj{"type": "array", "minItems": 4, "maxItems": 4, "items": obj{"type": "number"}}),
			param("limit", "labels", obj{"type": "integer", "minimum": 1, "maximum": maxLabelLimit, "default": defaultLabelLimit}),
		}, resp("200", "labels", js, "400"))},
		"/api/stats": obj{"get": op("event counts by type, country and day for the filters", filterParams(),
			resp("200", "stats", js, "400"))},
		"/api/weekly": obj{"get": op("event counts per week (Monday to Sunday, UTC; weeks without events left out) and type for the filters: {weeks: [{week, count, by_type}]}", filterParams(),
			resp("200", "weekly counts", js, "400"))},
		"/api/live": obj{"get": op("Server-Sent Events: event 'total' with {total, newest} at the start and whenever the number of events changes",
			nil, resp("200", "text/event-stream", js, "400"))},
		"/api/aggregate": obj{"get": op("the matching events grouped into grid cells sized for a map zoom: count, fatalities, dominant type and cell bbox per point",
			concat(filterParams(), []any{param("zoom", "map zoom the cells are sized for (about 64 pixels)", obj{"type": "integer", "minimum": 0, "maximum": MaxAggregateZoom})}),
			resp("200", "feature collection of cells", fc, "400"))},
		"/api/export.geojson": obj{"get": op("all matching events as a streamed GeoJSON download", exportParams,
			resp("200", "GeoJSON file", fc, "400"))},
		"/api/export.geojsons": obj{"get": op("all matching events as streamed GeoJSON text sequences (RFC 8142)", exportParams,
			resp("200", "GeoJSON text sequence", "application/geo+json-seq", "400"))},
		"/api/export.csv": obj{"get": op("all matching events as a streamed CSV download", exportParams,
			resp("200", "CSV file", "text/csv", "400"))},
		"/api/feeds": obj{"get": op("each followed feed's last poll, status, items and errors", []any{}, resp("200", "feeds", js))},
		"/metrics":   obj{"get": op("Prometheus text metrics: feed polls, fetch latency, articles and events ingested, errors by kind, ingest lag", []any{}, resp("200", "metrics", "text/plain"))},
	}
	return obj{
		"openapi": "3.0.3",
		"info": obj{"title": "geoevents", "version": version,
			"description": "Geocoded events from news articles: a JSON query API and OGC API – Features (Part 1)."},
		"servers": []any{obj{"url": base}},
		"paths":   paths,
		"components": obj{
			"securitySchemes": obj{"bearer": obj{"type": "http", "scheme": "bearer"}},
			"schemas": obj{"Error": obj{"type": "object", "required": []string{"code", "description"},
				"properties": obj{"code": strSchema(), "description": strSchema()}}},
			"responses": obj{"Error": obj{"description": "error",
				"content": obj{js: obj{"schema": obj{"$ref": "#/components/schemas/Error"}}}}},
		},
	}
}
