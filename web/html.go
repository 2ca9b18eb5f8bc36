package web

import (
	"bytes"
	"encoding/json"
	"html/template"
	"net/http"

	"github.com/labstack/echo/v4"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// pageTemplate renders the minimal HTML view of an OGC API resource. All
// data goes through html/template escaping.
const pageTemplate = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} – geoevents</title>
<style>body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem;max-width:70rem}pre{background:#f4f4f4;padding:1rem;overflow:auto}
table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}</style>
</head><body>
<nav><a href="/">map</a> · <a href="/?f=json">landing page</a> · <a href="/collections?f=html">collections</a> · <a href="/api?f=html">API</a></nav>
<h1>{{.Title}}</h1>
{{if .Links}}<ul>{{range .Links}}<li><a href="{{.Href}}">{{.Rel}}</a>{{if .Type}} ({{.Type}}){{end}}{{if .Title}} – {{.Title}}{{end}}</li>{{end}}</ul>{{end}}
{{if .Events}}<p>{{.Matched}} events match; showing {{len .Events}}.</p>
<table><tr><th>id</th><th>date</th><th>type</th><th>place</th><th>sentence</th></tr>
{{range .Events}}<tr><td><a href="/collections/events/items/{{.ID}}?f=html">{{.ID}}</a></td><td>{{if not .Date.IsZero}}{{.Date.Format "2006-01-02"}}{{end}}</td><td>{{.Type}}{{if .SubType}} / {{.SubType}}{{end}}</td><td>{{.PlaceName}} ({{.Lon}}, {{.Lat}})</td><td>{{.Sentence}}</td></tr>{{end}}
</table>{{end}}
{{if .JSON}}<pre>{{.JSON}}</pre>{{end}}
</body></html>
`

type pageData struct {
	Title   string
	Links   []Link
	Events  []event.Event
	Matched int64
	JSON    string
}

func parsePageTemplate() (*template.Template, error) {
	return template.New("page").Parse(pageTemplate)
}

func (s *Server) renderHTML(c echo.Context, status int, d pageData) error {
	var buf bytes.Buffer
	if err := s.tmpl.Execute(&buf, d); err != nil {
		return err
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// renderDocHTML shows a JSON document as HTML: its links, then the JSON.
func (s *Server) renderDocHTML(c echo.Context, status int, v any) error {
	d := pageData{Title: c.Request().URL.Path}
	if m, ok := v.(map[string]any); ok {
		if t, ok := m["title"].(string); ok {
			d.Title = t
		}
		if l, ok := m["links"].([]Link); ok {
			d.Links = l
		}
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	d.JSON = string(b)
	return s.renderHTML(c, status, d)
}

// renderItemsHTML shows a page of events as an HTML table.
func (s *Server) renderItemsHTML(c echo.Context, page store.Page, links []Link) error {
	return s.renderHTML(c, http.StatusOK, pageData{Title: "Events", Links: links, Events: page.Events, Matched: page.NumberMatched})
}

// renderItemHTML shows one event.
func (s *Server) renderItemHTML(c echo.Context, e *event.Event) error {
	b, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return err
	}
	return s.renderHTML(c, http.StatusOK, pageData{Title: "Event " + e.ID, Events: []event.Event{*e}, Matched: 1, JSON: string(b)})
}
