package web

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"

	"github.com/planlens/planlens/index"
	"github.com/planlens/planlens/panel"
	"github.com/planlens/planlens/schema"
)

// chartView is a bar chart of one indicator's headline targets across
// years or regions, drawn from the panel (package panel) as SVG; each bar
// links to its sentence in the document.
type chartView struct {
	Indicator, By, Region, Level, Year string
	Indicators                         []option
	Bys                                []option
	Bars                               []bar
	Err                                string
	Width, Height, Base                int
	Unit                               string
	Rows                               int
}

type bar struct {
	Label, Value, Title, URL string
	Doc                      string
	Start                    int
	X, Y, W, H               int
	// YMax, HMax draw the upper end of a range (6.5%–7%) above the bar.
	YMax, HMax int
	LabelX     int
}

const (
	chartHeight = 320
	chartBase   = 260 // the y of the bars' foot
	chartLeft   = 40
)

func (s *Server) chartPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	view := chartView{Indicator: q.Get("indicator"), By: q.Get("by"), Region: q.Get("region"), Level: q.Get("level"), Year: q.Get("year"),
		Height: chartHeight, Base: chartBase}
	if view.Indicator == "" {
		view.Indicator = "gdp_growth"
	}
	if view.By == "" {
		view.By = "year"
		if view.Year != "" {
			view.By = "region"
		}
	}
	for _, k := range s.indicators {
		view.Indicators = append(view.Indicators, option{Value: k, Label: k, Selected: k == view.Indicator})
	}
	for _, b := range []string{"year", "region"} {
		view.Bys = append(view.Bys, option{Value: b, Label: "across " + b + "s", Selected: b == view.By})
	}
	status := http.StatusOK
	if err := s.drawChart(r, &view); err != nil {
		view.Err, status = err.Error(), http.StatusBadRequest
	}
	s.render(w, status, "chart.html", view)
}

// drawChart reads the headline targets of the indicator under the
// filters (paging through the index), builds the panel and lays out bars.
func (s *Server) drawChart(r *http.Request, view *chartView) error {
	req := index.Request{Kinds: []string{schema.KindTarget}, Region: view.Region, Level: view.Level, Limit: index.MaxLimit}
	if view.Year != "" {
		y, err := strconv.Atoi(view.Year)
		if err != nil {
			return fmt.Errorf("year: not a number: %q", view.Year)
		}
		req.Year = y
	}
	docs := map[string]schema.Document{}
	var recs []schema.Record
	for req.Offset = 0; req.Offset <= index.MaxOffset; req.Offset += req.Limit {
		res, err := s.ix.Search(r.Context(), req)
		if err != nil {
			return err
		}
		for _, h := range res.Hits {
			if h.Indicator != view.Indicator || !h.Headline {
				continue
			}
			recs = append(recs, h.Record)
			if h.Document != nil {
				docs[h.Doc] = *h.Document
			}
		}
		if len(res.Hits) < req.Limit {
			break
		}
	}
	var dl []schema.Document
	for _, d := range docs {
		dl = append(dl, d)
	}
	rows := panel.Build(dl, recs, panel.Options{Indicators: []string{view.Indicator}})
	view.Rows = len(rows)
	// One bar per year or region: the first row of each (the panel's
	// order: national first, then by region and year).
	seen := map[string]bool{}
	var pts []panel.Row
	for _, row := range rows {
		if row.Value == nil || row.Variant != "" && rows[0].Variant != row.Variant {
			continue
		}
		k := row.Region
		if view.By == "year" {
			k = strconv.Itoa(row.Year)
		}
		if seen[k] || k == "" || k == "0" {
			continue
		}
		seen[k] = true
		pts = append(pts, row)
	}
	sort.SliceStable(pts, func(i, j int) bool {
		if view.By == "year" {
			return pts[i].Year < pts[j].Year
		}
		return *pts[i].Value > *pts[j].Value
	})
	top := 0.0
	for _, p := range pts {
		top = max(top, *p.Value)
		if p.ValueMax != nil {
			top = max(top, *p.ValueMax)
		}
		if view.Unit == "" {
			view.Unit = p.Unit
		}
	}
	step := 48
	view.Width = chartLeft + step*len(pts) + 20
	scale := func(v float64) int {
		if top <= 0 {
			return 0
		}
		return int(v / top * float64(chartBase-30))
	}
	for i, p := range pts {
		b := bar{Doc: p.Doc, Start: p.Start, X: chartLeft + i*step + 6, W: step - 12}
		b.H = max(scale(*p.Value), 1)
		b.Y = chartBase - b.H
		b.Value = fmtNum(p.Value)
		if p.ValueMax != nil {
			b.Value += "–" + fmtNum(p.ValueMax)
			b.HMax = scale(*p.ValueMax) - b.H
			b.YMax = b.Y - b.HMax
		}
		if p.Approx != "" && p.Approx != schema.ApproxExact {
			b.Value += map[string]string{schema.ApproxAbout: "左右", schema.ApproxAtLeast: "以上", schema.ApproxAtMost: "以内", schema.ApproxOver: "+"}[p.Approx]
		}
		b.Label = p.Region
		if view.By == "year" {
			b.Label = strconv.Itoa(p.Year)
		}
		b.LabelX = b.X + b.W/2
		b.Title = fmt.Sprintf("%s %d: %s (%s)", p.Region, p.Year, p.Text, p.Title)
		b.URL = "/doc/" + url.PathEscape(p.Doc) + "?at=" + strconv.Itoa(p.Start) + "&end=" + strconv.Itoa(p.End) + "#at"
		view.Bars = append(view.Bars, b)
	}
	return nil
}
