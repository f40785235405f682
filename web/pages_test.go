package web

import (
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/planlens/planlens/index"
	"github.com/planlens/planlens/panel"
	"golang.org/x/net/html"
)

func newTestServer(t *testing.T, opts Options) *httptest.Server {
	t.Helper()
	f := getFixture(t)
	s, err := New(f.ix, opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, srv *httptest.Server, path string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

// hits returns the data-doc/data-start of the page's li.hit elements.
func hits(t *testing.T, page string) [][2]string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out [][2]string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			var cls, d, s string
			for _, a := range n.Attr {
				switch a.Key {
				case "class":
					cls = a.Val
				case "data-doc":
					d = a.Val
				case "data-start":
					s = a.Val
				}
			}
			if strings.Contains(" "+cls+" ", " hit ") {
				out = append(out, [2]string{d, s})
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

var totalRE = regexp.MustCompile(`data-total="(\d+)"`)

func total(t *testing.T, page string) int {
	t.Helper()
	m := totalRE.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no total in page")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func TestSearchPage(t *testing.T) {
	f := getFixture(t)
	srv := newTestServer(t, Options{})
	q := url.QueryEscape("高铁")
	_, _, all := get(t, srv, "/?q="+q)
	n := total(t, all)
	if n < 10 {
		t.Fatalf("高铁: %d hits", n)
	}
	status, _, sx := get(t, srv, "/?q="+q+"&region="+url.QueryEscape("陕西省"))
	if status != 200 {
		t.Fatalf("region filter: %d", status)
	}
	ns := total(t, sx)
	if ns == 0 || ns >= n {
		t.Errorf("region=陕西省 gives %d of %d hits", ns, n)
	}
	for _, h := range hits(t, sx) {
		if h[0] != f.shaanxi {
			t.Errorf("hit of another document %s under region=陕西省", h[0])
		}
	}
	// Page 2 is other hits; the link is in the page.
	_, _, p1 := get(t, srv, "/?per=20")
	if !strings.Contains(p1, `href="/?page=2&amp;per=20"`) {
		t.Errorf("page 1 has no link to page 2")
	}
	_, _, p2 := get(t, srv, "/?per=20&page=2")
	h1, h2 := hits(t, p1), hits(t, p2)
	if len(h1) != 20 || len(h2) != 20 || h1[0] == h2[0] {
		t.Errorf("pages: %d and %d hits, first %v and %v", len(h1), len(h2), h1[0], h2[0])
	}
	// Facet links narrow.
	if !strings.Contains(all, `class="facet-term" href="/?kind=project&amp;q=`+q+`"`) {
		t.Errorf("no kind=project facet link")
	}
	_, _, pj := get(t, srv, "/?kind=project&q="+q)
	if np := total(t, pj); np == 0 || np >= n {
		t.Errorf("kind=project: %d of %d hits", np, n)
	}
	for _, bad := range []string{"/?page=0", "/?per=x", "/?sort=nope", "/?q=" + url.QueryEscape(`"未闭合`), "/?kind=memo"} {
		if status, _, body := get(t, srv, bad); status != 400 || !strings.Contains(body, `class="error"`) {
			t.Errorf("GET %s: %d", bad, status)
		}
	}
	// A year range keeps the national reports of 2023 and 2024 only.
	_, _, yr := get(t, srv, "/?kind=target&years=2023..2024&per=100")
	if ny := total(t, yr); ny == 0 || strings.Contains(yr, "广东省") || !strings.Contains(yr, `data-facet="genre"`) {
		t.Errorf("years=2023..2024: %d hits, or Guangdong among them, or no genre facet", ny)
	}
	// Sort by year, newest first: national 2023 comes after the 2026 reports.
	_, _, sy := get(t, srv, "/?sort=year&kind=target&per=100")
	if strings.Index(sy, "2023") < strings.Index(sy, "2026") {
		t.Errorf("sort=year does not put 2026 first")
	}
}

func TestCSVExport(t *testing.T) {
	srv := newTestServer(t, Options{})
	q := url.QueryEscape("高铁")
	_, _, page := get(t, srv, "/?q="+q)
	n := total(t, page)
	status, h, body := get(t, srv, "/export.csv?q="+q)
	if status != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") {
		t.Fatalf("export: %d %s", status, h.Get("Content-Type"))
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-1 != n {
		t.Errorf("CSV has %d rows, the query %d hits", len(rows)-1, n)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	for _, c := range []string{"kind", "doc", "source", "text", "start", "end", "value", "unit", "title", "region", "doc_year"} {
		if _, ok := col[c]; !ok {
			t.Errorf("no column %s in %v", c, rows[0])
		}
	}
	// All hits, more than one search page of them.
	_, _, all := get(t, srv, "/?per=20")
	na := total(t, all)
	_, _, body = get(t, srv, "/export.csv")
	rows, err = csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if na <= exportPage || len(rows)-1 != na {
		t.Errorf("export of everything: %d rows of %d hits", len(rows)-1, na)
	}
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		k := r[col["doc"]] + ":" + r[col["start"]] + ":" + r[col["end"]] + ":" + r[col["kind"]] + ":" + r[col["text"]]
		if seen[k] {
			t.Errorf("row %s twice", k)
		}
		seen[k] = true
	}
}

// The hostile document's markup shows as text on every page.
func TestHostileText(t *testing.T) {
	f := getFixture(t)
	srv := newTestServer(t, Options{})
	pages := []string{
		"/?q=" + url.QueryEscape("学校"),
		"/?doc=" + f.hostile,
		"/?kind=sentence&doc=" + f.hostile,
		"/doc/" + f.hostile,
		"/?q=" + url.QueryEscape("示范区") + "&region=" + url.QueryEscape("某某区"),
		// Its headline target is a point of the chart: its sentence is in
		// the point's tooltip inside the SVG, and in the table.
		"/chart?indicator=urban_new_jobs&by=region&level=district",
	}
	for _, p := range pages {
		status, _, body := get(t, srv, p)
		if status != 200 {
			t.Fatalf("GET %s: %d", p, status)
		}
		if !strings.Contains(body, f.hostile) && !strings.Contains(body, "hostile-2026") {
			t.Errorf("GET %s: the hostile document is not on the page", p)
		}
		for _, bad := range []string{"<script>alert", "<img src=x", "<svg onload"} {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s: raw %q in the page", p, bad)
			}
		}
		if !strings.Contains(body, "&lt;script&gt;") && !strings.Contains(body, "&lt;img") && !strings.Contains(body, "&lt;svg") {
			t.Errorf("GET %s: the markup is not shown escaped", p)
		}
	}
}

func TestDocPage(t *testing.T) {
	f := getFixture(t)
	srv := newTestServer(t, Options{})
	v, _, err := f.ix.Document(t.Context(), f.long)
	if err != nil {
		t.Fatal(err)
	}
	r := v.Records[len(v.Records)/2]
	status, _, body := get(t, srv, "/doc/"+f.long+"?at="+strconv.Itoa(r.Start)+"&end="+strconv.Itoa(r.End))
	if status != 200 {
		t.Fatalf("doc: %d", status)
	}
	if !strings.Contains(body, `id="at" data-recs=`) && !strings.Contains(body, `data-start="`+strconv.Itoa(r.Start)+`" id="at"`) {
		t.Errorf("no anchor at the linked record")
	}
	if c := strings.Count(body, `class="rec rec-`); c != len(v.Records) {
		t.Errorf("%d records listed, want %d", c, len(v.Records))
	}
	// The text is whole: stripping the tags gives the document back.
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if got := textOf(findID(doc, "doctext")); got != v.Doc.Text {
		t.Errorf("doctext is %d bytes, the document %d", len(got), len(v.Doc.Text))
	}
	if status, _, _ := get(t, srv, "/doc/nope"); status != 404 {
		t.Errorf("unknown doc: %d", status)
	}
}

func findID(n *html.Node, id string) *html.Node {
	if n.Type == html.ElementNode {
		for _, a := range n.Attr {
			if a.Key == "id" && a.Val == id {
				return n
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findID(c, id); f != nil {
			return f
		}
	}
	return nil
}

func textOf(n *html.Node) string {
	if n == nil {
		return ""
	}
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}

func TestChartPage(t *testing.T) {
	srv := newTestServer(t, Options{})
	pointRE := regexp.MustCompile(`<a class="point [^"]*" href="(/doc/[^"]+)"[^>]*data-year="(\d+)" data-region="([^"]*)" data-value="([^"]*)" data-series="(\d+)" data-approx="([^"]*)"`)
	for _, tt := range []struct {
		path         string
		min, series  int
		want         []string // year or region=value of points that must be drawn
		line, status bool
	}{
		// National GDP growth across the fixture's years: a point, two
		// ranges, a floor and two about-values.
		{path: "/chart?indicator=gdp_growth", min: 6, series: 1, line: true,
			want: []string{"2012=7.5%", "2016=6.5–7%", "2019=6–6.5%", "2021=6%以上", "2023=5%左右", "2024=5%左右"}},
		{path: "/chart?indicator=gdp_growth&by=region&year=2026", min: 4, series: 1,
			want: []string{"北京市=5%左右", "安徽省=5–5.5%"}},
		// Across regions without a year: the year most regions state.
		{path: "/chart?indicator=gdp_growth&by=region", min: 4, series: 1},
		// The deficit's variants (central, local) are series.
		{path: "/chart?indicator=deficit", min: 4, series: 2, line: true},
		{path: "/chart?indicator=deficit&variant=central", min: 2, series: 1, line: true},
		{path: "/chart?indicator=deficit&variant=-", min: 2, series: 1, line: true}, // the series without a variant
	} {
		status, _, body := get(t, srv, tt.path)
		if status != 200 {
			t.Fatalf("GET %s: %d", tt.path, status)
		}
		pts := pointRE.FindAllStringSubmatch(body, -1)
		got := map[string]bool{}
		series := map[string]bool{}
		lastYear := map[string]int{}
		for _, p := range pts {
			key := p[3]
			if tt.line {
				key = p[2]
				y, _ := strconv.Atoi(p[2])
				if y <= lastYear[p[5]] {
					t.Errorf("GET %s: years out of order in series %s: %d after %d", tt.path, p[5], y, lastYear[p[5]])
				}
				lastYear[p[5]] = y
			}
			got[key+"="+p[4]] = true
			series[p[5]] = true
		}
		if len(pts) < tt.min || len(series) < tt.series || strings.Count(body, `class="point `) != len(pts) {
			t.Errorf("GET %s: %d points in %d series, want at least %d in %d", tt.path, len(pts), len(series), tt.min, tt.series)
		}
		for _, w := range tt.want {
			if !got[w] {
				t.Errorf("GET %s: no point %s among %v", tt.path, w, got)
			}
		}
		if tt.line != strings.Contains(body, `class="chart linechart"`) {
			t.Errorf("GET %s: line chart %v", tt.path, !tt.line)
		}
		if tt.line && tt.series == 1 && !strings.Contains(body, `class="range"`) && tt.want != nil {
			t.Errorf("GET %s: no range whisker", tt.path)
		}
	}
	for _, bad := range []string{"/chart?indicator=colour", "/chart?by=month", "/chart?by=region&year=20x6"} {
		if status, _, body := get(t, srv, bad); status != 400 || !strings.Contains(body, `class="error"`) {
			t.Errorf("GET %s: %d", bad, status)
		}
	}
}

func TestNiceStep(t *testing.T) {
	for _, tt := range []struct{ raw, want float64 }{
		{0, 1}, {0.3, 0.5}, {1, 1}, {1.6, 2}, {2.2, 5}, {7, 10}, {1800, 2000}, {8100, 10000},
	} {
		if got := niceStep(tt.raw); got != tt.want {
			t.Errorf("niceStep(%g) = %g, want %g", tt.raw, got, tt.want)
		}
	}
}

// Every filter of the search page is in the URL and narrows as the same
// filter of the index request does (the request the search command
// builds from its flags): the page's total equals the index's, which is
// below the unfiltered total; facet filters are offered as facet links.
func TestSearchFilters(t *testing.T) {
	f := getFixture(t)
	srv := newTestServer(t, Options{})
	ctx := t.Context()
	all, err := f.ix.Search(ctx, index.Request{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	num := func(v float64) *float64 { return &v }
	for _, tt := range []struct {
		param, value string
		req          index.Request
		facet        bool
	}{
		{"kind", "project", index.Request{Kinds: []string{"project"}}, true},
		{"stage", "start", index.Request{Stage: "start"}, true},
		{"modality", "strive", index.Request{Modality: "strive"}, true},
		{"region", "陕西", index.Request{Region: "陕西"}, true},
		{"region", "610000", index.Request{Region: "610000"}, false}, // a GB/T 2260 code
		{"level", "national", index.Request{Level: "national"}, true},
		{"year", "2024", index.Request{Year: 2024}, true},
		{"years", "2023..2024", index.Request{YearFrom: 2023, YearTo: 2024}, false},
		{"genre", "implementation_plan", index.Request{Genre: "implementation_plan"}, true},
		{"issuer", "上海市交通委员会", index.Request{Issuer: "上海市交通委员会"}, true},
		{"indicator", "gdp_growth", index.Request{Indicator: "gdp_growth"}, true},
		{"min_confidence", "0.9", index.Request{MinConfidence: 0.9}, false},
		{"unit", "%", index.Request{Unit: "%"}, true},
		{"min", "100", index.Request{Min: num(100)}, false},
	} {
		t.Run(tt.param+"="+tt.value, func(t *testing.T) {
			tt.req.Limit = 1
			want, err := f.ix.Search(ctx, tt.req)
			if err != nil {
				t.Fatal(err)
			}
			status, _, page := get(t, srv, "/?"+tt.param+"="+url.QueryEscape(tt.value))
			got := total(t, page)
			if status != 200 || got != int(want.Total) || got == 0 || uint64(got) >= all.Total {
				t.Errorf("page: %d, %d hits; index: %d of %d", status, got, want.Total, all.Total)
			}
			// A search by filters only shows each record's sentence.
			if n := len(hits(t, page)); tt.param != "kind" && strings.Count(page, `class="fragment"`) != n {
				t.Errorf("%d of %d hits show their sentence", strings.Count(page, `class="fragment"`), n)
			}
			// The state survives in the page's links (paging, CSV).
			if !strings.Contains(page, tt.param+"="+url.QueryEscape(tt.value)) {
				t.Errorf("the page's links lose %s=%s", tt.param, tt.value)
			}
			if tt.facet && !strings.Contains(page, `data-facet="`+strings.TrimSuffix(tt.param, "s")+`"`) {
				t.Errorf("no %s facet", tt.param)
			}
		})
	}
}

// The chart's rows download as the panel writes them, and read back.
func TestChartDownload(t *testing.T) {
	srv := newTestServer(t, Options{})
	_, _, page := get(t, srv, "/chart?indicator=gdp_growth")
	m := regexp.MustCompile(`the (\d+) panel rows behind the chart`).FindStringSubmatch(page)
	if m == nil || !strings.Contains(page, `href="/chart?format=xlsx&amp;indicator=gdp_growth"`) {
		t.Fatalf("no download links on the chart page")
	}
	want, _ := strconv.Atoi(m[1])
	for _, format := range []string{"csv", "xlsx"} {
		status, h, body := get(t, srv, "/chart?indicator=gdp_growth&format="+format)
		if status != 200 || !strings.Contains(h.Get("Content-Disposition"), "panel-gdp_growth") {
			t.Fatalf("%s: %d %v", format, status, h)
		}
		cols := panel.Long(nil).Columns
		var tab panel.Table
		var err error
		if format == "csv" {
			tab, err = panel.ReadCSV(strings.NewReader(body), cols)
		} else {
			tab, err = panel.ReadXLSX(strings.NewReader(body), cols)
		}
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		years := map[string]bool{}
		for _, row := range tab.Rows {
			cell := func(v any) string {
				if f, ok := v.(*float64); ok {
					return fmtNum(f)
				}
				return fmt.Sprint(v)
			}
			years[cell(row[3])+" "+cell(row[9])+" "+cell(row[10])] = true
		}
		if len(tab.Rows) != want || !years["2016 6.5 7"] {
			t.Errorf("%s: %d rows (want %d), year value value_max: %v", format, len(tab.Rows), want, years)
		}
	}
	if status, _, _ := get(t, srv, "/chart?indicator=gdp_growth&format=pdf"); status != 400 {
		t.Errorf("format=pdf: %d", status)
	}
}
