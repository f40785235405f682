package web

import (
	"fmt"
	"html"
	"math"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/planlens/planlens/index"
	"github.com/planlens/planlens/panel"
	"github.com/planlens/planlens/schema"
)

// The chart page (/chart) draws one indicator's headline targets from the
// panel (package panel, as planlens panel builds it): across years as a
// line (one region, national by default), or across regions as bars (one
// year). Each variant of the indicator (urban/rural income, central/local
// deficit) is a series, or one is chosen. Ranges (6.5%–7%) show their
// upper end, floors and ceilings (6%以上, 3%以内) an arrow; every point is
// a link to its record in its sentence. The SVG is drawn on the server.

// chartView is what the chart template shows.
type chartView struct {
	Indicator, By, Region, Level, Year, Variant string
	Indicators, Bys, Variants                   []option
	// UnitParam is the unit asked for; Units the units the rows state
	// (Value the unit, Label the chart's URL in it): one axis has one
	// unit, the most common unless asked.
	UnitParam string
	Units     []option
	Err       string
	// Line is true across years (a line), false across regions (bars).
	Line bool
	// Scope says what the chart holds (全国 · national, 2026 …).
	Scope string
	Unit  string
	// Rows is the panel rows read; Skipped those not drawn (no value,
	// another unit, or a second document at a point already drawn).
	Rows, Skipped int
	Series        []series
	Points        []point
	YTicks        []tick
	XTicks        []tick
	Width, Height int
	Left, Right   int
	Top, Base     int
	// Downloads link the panel rows behind the chart in each format.
	Downloads []option
	rows      []panel.Row
}

// chartFormats are the formats the chart's rows download in, with their
// media types.
var chartFormats = []struct{ format, label, mediaType string }{
	{"csv", "CSV", "text/csv; charset=utf-8"},
	{"xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	{"parquet", "Parquet", "application/vnd.apache.parquet"},
	{"jsonl", "JSON lines", "application/x-ndjson; charset=utf-8"},
}

type series struct {
	Name  string
	Class string // s0, s1, …: its colour
	// Path joins the points of consecutive years; Gaps joins points
	// across missing years (dashed).
	Path, Gaps string
	N          int
}

type tick struct {
	Pos   int
	Label string
}

// point is one panel row drawn: a dot of the line or a bar.
type point struct {
	Series int
	Class  string
	Label  string // the year or the region
	// Value is the value in the axis's unit as a researcher writes it
	// (6.5–7%左右), Short as the chart labels it (≈6.5–7).
	Value, Short string
	// V and VMax are the value and the upper end of its range (VMax is V
	// when the target states no range).
	V, VMax         float64
	Approx          string
	Flags           string
	X, Y            int
	HasMax          bool
	YMax            int
	BarX, BarW      int
	BarY, BarH      int
	MaxY, MaxH      int
	Doc, URL, Title string
	Text, Where     string
	Sentence        string
	Start, End      int
	Year            int
	Region          string
}

// Chart geometry, in SVG user units.
const (
	chartTop    = 24
	chartBase   = 300 // the y of the value axis's zero or foot
	chartHeight = 380 // room under the base for rotated region labels
	chartLeft   = 56
	chartRight  = 24
	chartYearW  = 32 // per year across years (room for a label such as ≈6.5 beside 6–6.5)
	chartMinW   = 480
)

// approxMark is how a record's approximator is written after its value.
var approxMark = map[string]string{schema.ApproxAbout: "左右", schema.ApproxAtLeast: "以上", schema.ApproxAtMost: "以内", schema.ApproxOver: "+"}

// approxSign is the approximator as the chart's labels write it, short.
var approxSign = map[string]string{schema.ApproxAbout: "≈", schema.ApproxAtLeast: "≥", schema.ApproxAtMost: "≤", schema.ApproxOver: ">"}

func (s *Server) chartPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	view := chartView{Indicator: q.Get("indicator"), By: q.Get("by"), Region: q.Get("region"), Level: q.Get("level"),
		Year: q.Get("year"), Variant: q.Get("variant"), UnitParam: q.Get("unit"), Height: chartHeight, Top: chartTop, Base: chartBase, Left: chartLeft}
	if view.Indicator == "" {
		view.Indicator = "gdp_growth"
	}
	if view.By == "" {
		view.By = "year"
		if view.Year != "" {
			view.By = "region"
		}
	}
	status := http.StatusOK
	switch {
	case !slices.Contains(s.indicators, view.Indicator):
		view.Err = fmt.Sprintf("indicator: unknown key %q (want one of %s)", view.Indicator, strings.Join(s.indicators, ", "))
	case view.By != "year" && view.By != "region":
		view.Err = fmt.Sprintf("by: want year or region, not %q", view.By)
	default:
		if err := s.drawChart(r, &view); err != nil {
			view.Err = err.Error()
		}
	}
	if view.Err != "" {
		status = http.StatusBadRequest
	}
	if f := q.Get("format"); f != "" {
		s.chartDownload(w, view, f)
		return
	}
	for _, f := range chartFormats {
		q.Set("format", f.format)
		view.Downloads = append(view.Downloads, option{Value: "/chart?" + q.Encode(), Label: f.label})
	}
	for _, k := range s.indicators {
		view.Indicators = append(view.Indicators, option{Value: k, Label: k, Selected: k == view.Indicator})
	}
	for _, b := range []string{"year", "region"} {
		view.Bys = append(view.Bys, option{Value: b, Label: "across " + b + "s", Selected: b == view.By})
	}
	s.render(w, status, "chart.html", view)
}

// chartDownload writes the panel rows behind the chart (long form, as
// planlens panel writes them) in format.
func (s *Server) chartDownload(w http.ResponseWriter, view chartView, format string) {
	if view.Err != "" {
		http.Error(w, "planlens: chart: "+view.Err, http.StatusBadRequest)
		return
	}
	for _, f := range chartFormats {
		if f.format != format {
			continue
		}
		name := "panel-" + view.Indicator
		if view.Scope != "" {
			name += "-" + strings.NewReplacer(" · ", "-", " ", "-").Replace(view.Scope)
		}
		w.Header().Set("Content-Type", f.mediaType)
		w.Header().Set("Content-Disposition", "attachment; filename=\"panel."+format+"\"; filename*=UTF-8''"+pathEscape(name+"."+format))
		if err := panel.Write(w, panel.Long(view.rows), format); err != nil {
			// The header is out: the error can only end the body.
			fmt.Fprintf(w, "\nplanlens: chart: %v\n", err)
		}
		return
	}
	http.Error(w, fmt.Sprintf("planlens: chart: format %q: want csv, xlsx, parquet or jsonl", format), http.StatusBadRequest)
}

// chartRows reads the indicator's headline targets under the region,
// level and year filters from the index (paging through it) and builds
// the panel of them.
func (s *Server) chartRows(r *http.Request, req index.Request) ([]panel.Row, error) {
	req.Kinds, req.Limit = []string{schema.KindTarget}, index.MaxLimit
	req.Sort = []string{"_id"}
	docs := map[string]schema.Document{}
	var recs []schema.Record
	// A search without words gives each record its sentence as the
	// fragment; the documents here have no text for panel to cut it from.
	sentences := map[[3]string]string{}
	key := func(doc string, start, end int) [3]string {
		return [3]string{doc, strconv.Itoa(start), strconv.Itoa(end)}
	}
	for req.Offset = 0; req.Offset <= index.MaxOffset; req.Offset += req.Limit {
		res, err := s.ix.Search(r.Context(), req)
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			if !h.Headline {
				continue
			}
			recs = append(recs, h.Record)
			if len(h.Fragments) > 0 {
				sentences[key(h.Doc, h.Start, h.End)] = html.UnescapeString(h.Fragments[0])
			}
			if h.Document != nil {
				docs[h.Doc] = *h.Document
			}
		}
		if len(res.Hits) < req.Limit {
			break
		}
	}
	dl := make([]schema.Document, 0, len(docs))
	for _, d := range docs {
		dl = append(dl, d)
	}
	rows := panel.Build(dl, recs, panel.Options{Indicators: []string{req.Indicator}})
	for i := range rows {
		if rows[i].Sentence == "" {
			rows[i].Sentence = sentences[key(rows[i].Doc, rows[i].Start, rows[i].End)]
		}
	}
	return rows, nil
}

// drawChart builds the panel and lays out the chart.
func (s *Server) drawChart(r *http.Request, view *chartView) error {
	view.Line = view.By == "year"
	req := index.Request{Indicator: view.Indicator, Region: view.Region, Level: view.Level}
	if view.Line && view.Region == "" && view.Level == "" {
		view.Level = schema.LevelNational // a line of one region: the national one unless told
		req.Level = view.Level
	}
	if view.Year != "" {
		y, err := strconv.Atoi(view.Year)
		if err != nil {
			return fmt.Errorf("year: not a number: %q", view.Year)
		}
		req.Year = y
	}
	if err := req.Validate(); err != nil {
		return err
	}
	rows, err := s.chartRows(r, req)
	if err != nil {
		return err
	}
	// Across regions with no year: the year most regions state.
	if !view.Line && view.Year == "" {
		n := map[int]int{}
		best := 0
		for _, row := range rows {
			n[row.Year]++
			if n[row.Year] > n[best] || n[row.Year] == n[best] && row.Year > best {
				best = row.Year
			}
		}
		if best != 0 {
			view.Year = strconv.Itoa(best)
		}
		kept := rows[:0:0]
		for _, row := range rows {
			if strconv.Itoa(row.Year) == view.Year {
				kept = append(kept, row)
			}
		}
		rows = kept
	}
	view.Rows, view.rows = len(rows), rows

	// One unit on the axis: the one asked for, else the most common.
	// Rows in another unit of the same base unit (万亿元 beside 亿元)
	// are drawn converted through their scaled values.
	units := map[string]int{}
	var unitList []string
	factor := map[string]float64{} // unit → base units per unit
	for _, row := range rows {
		if units[row.Unit] == 0 {
			unitList = append(unitList, row.Unit)
		}
		units[row.Unit]++
		if row.Scaled != nil && row.Value != nil && *row.Value != 0 && row.BaseUnit != "" {
			factor[row.Unit] = *row.Scaled / *row.Value
		}
	}
	sort.SliceStable(unitList, func(i, j int) bool { return units[unitList[i]] > units[unitList[j]] })
	unit := view.UnitParam
	if unit == "" && len(unitList) > 0 {
		unit = unitList[0]
	}
	base := ""
	for _, row := range rows {
		if row.Unit == unit && factor[unit] != 0 {
			base = row.BaseUnit
			break
		}
	}
	if len(unitList) > 1 {
		q := r.URL.Query()
		for _, u := range unitList {
			q.Set("unit", u)
			view.Units = append(view.Units, option{Value: u, Label: "/chart?" + q.Encode(), Selected: u == unit})
		}
	}
	// drawn says whether a row is on the axis, and converts its value to
	// the axis's unit.
	drawn := func(row panel.Row) (v, vmax float64, ok bool) {
		if row.Value == nil {
			return 0, 0, false
		}
		v, vmax = *row.Value, *row.Value
		if row.ValueMax != nil {
			vmax = *row.ValueMax
		}
		if row.Unit == unit {
			return v, vmax, true
		}
		if base == "" || row.BaseUnit != base || factor[row.Unit] == 0 {
			return 0, 0, false
		}
		k := factor[row.Unit] / factor[unit]
		return round9(v * k), round9(vmax * k), true
	}

	// Series: the variants found (the one asked for, when asked).
	var variants []string
	for _, row := range rows {
		if !slices.Contains(variants, row.Variant) {
			variants = append(variants, row.Variant)
		}
	}
	sort.Strings(variants)
	view.Variants = append(view.Variants, option{Value: "", Label: "every variant, a series each", Selected: view.Variant == ""})
	for _, v := range variants {
		param := v
		if v == "" {
			param = noVariant
		}
		view.Variants = append(view.Variants, option{Value: param, Label: variantName(view.Indicator, v), Selected: param == view.Variant})
	}
	switch view.Variant {
	case "":
	case noVariant:
		variants = []string{""}
	default:
		variants = []string{view.Variant}
	}
	seriesOf := map[string]int{}
	for i, v := range variants {
		seriesOf[v] = i
		view.Series = append(view.Series, series{Name: variantName(view.Indicator, v), Class: "s" + strconv.Itoa(i%6)})
	}

	// Points: the first row of each series at each year or region (the
	// panel's order puts higher levels first, then region, year and
	// position in the document).
	seen := map[string]bool{}
	for _, row := range rows {
		si, ok := seriesOf[row.Variant]
		if !ok {
			continue
		}
		key := row.Variant + "\x00" + row.Region
		if view.Line {
			key = row.Variant + "\x00" + strconv.Itoa(row.Year)
		}
		v, vmax, ok := drawn(row)
		if !ok || row.Year == 0 && view.Line || row.Region == "" || seen[key] {
			view.Skipped++
			continue
		}
		seen[key] = true
		view.Points = append(view.Points, newPoint(row, si, view.Line, v, vmax, unit))
		view.Series[si].N++
	}
	view.Unit = unit
	if view.Line {
		view.Scope = view.Region
		if view.Scope == "" {
			view.Scope = "全国"
		}
		if view.Level != "" {
			view.Scope += " · " + view.Level
		}
	} else {
		view.Scope = view.Year
		if view.Region != "" {
			view.Scope = view.Region + " · " + view.Scope
		}
		if view.Level != "" {
			view.Scope += " · " + view.Level
		}
	}
	if len(view.Points) == 0 {
		return nil
	}
	layout(view)
	return nil
}

// noVariant is the variant parameter that asks for the indicator's
// series without a variant (variant= empty asks for every series).
const noVariant = "-"

// variantName names a series: the indicator itself, or its variant.
func variantName(indicator, v string) string {
	if v == "" {
		return indicator
	}
	return indicator + " · " + v
}

// newPoint makes a point of a row whose value and upper end are v and
// vmax in the axis's unit.
func newPoint(row panel.Row, si int, line bool, v, vmax float64, unit string) point {
	p := point{Series: si, Class: "s" + strconv.Itoa(si%6), Approx: row.Approx, Flags: row.Flags, Doc: row.Doc,
		Start: row.Start, End: row.End, Year: row.Year, Region: row.Region, Text: row.Text,
		HasMax: row.ValueMax != nil, V: v, VMax: vmax}
	num := fmtNum(&v)
	if p.HasMax {
		num += "–" + fmtNum(&vmax)
	}
	p.Value = num + unit + approxMark[row.Approx]
	p.Short = approxSign[row.Approx] + num
	if row.Unit != unit {
		p.Value += " (" + fmtNum(row.Value) + row.Unit + ")"
	}
	p.Label = row.Region
	if line {
		p.Label = strconv.Itoa(row.Year)
	}
	p.Where = fmt.Sprintf("%s %d · %s", row.Region, row.Year, row.Title)
	p.Sentence = row.Sentence
	said := row.Sentence
	if said == "" {
		said = row.Text + " (" + row.Title + ")"
	}
	p.Title = fmt.Sprintf("%s %d: %s — %s", row.Region, row.Year, p.Value, said)
	if row.Flags != "" {
		p.Title += " [" + row.Flags + "]"
	}
	p.URL = recordURL(row.Doc, row.Start, row.End)
	return p
}

// layout places the points: the value axis (from zero, or below it when
// a value is negative) with round ticks, then years along a line or
// regions as groups of bars.
func layout(view *chartView) {
	lo, hi := 0.0, 0.0
	for _, p := range view.Points {
		lo, hi = math.Min(lo, math.Min(p.V, p.VMax)), math.Max(hi, math.Max(p.V, p.VMax))
	}
	step := niceStep((hi - lo) / 5)
	lo = math.Floor(lo/step) * step
	hi = math.Ceil(hi/step) * step
	if hi == lo {
		hi = lo + step
	}
	y := func(v float64) int { return chartBase - int(math.Round((v-lo)/(hi-lo)*float64(chartBase-chartTop))) }
	for v := lo; v <= hi+step/2; v += step {
		view.YTicks = append(view.YTicks, tick{Pos: y(v), Label: strconv.FormatFloat(v, 'f', -1, 64)})
	}
	zero := y(math.Max(lo, 0))

	if view.Line {
		y0, y1 := view.Points[0].Year, view.Points[0].Year
		for _, p := range view.Points {
			y0, y1 = min(y0, p.Year), max(y1, p.Year)
		}
		w := max(chartMinW, chartYearW*(y1-y0+1))
		view.Width = chartLeft + w + chartRight
		view.Right = chartLeft + w
		x := func(year int) int {
			if y1 == y0 {
				return chartLeft + w/2
			}
			return chartLeft + chartYearW/2 + (year-y0)*(w-chartYearW)/(y1-y0)
		}
		every := 1
		for (y1-y0)/every > 16 {
			every++
		}
		for yr := y0; yr <= y1; yr += every {
			view.XTicks = append(view.XTicks, tick{Pos: x(yr), Label: strconv.Itoa(yr)})
		}
		sort.SliceStable(view.Points, func(i, j int) bool {
			a, b := view.Points[i], view.Points[j]
			if a.Series != b.Series {
				return a.Series < b.Series
			}
			return a.Year < b.Year
		})
		last := map[int]*point{}
		for i := range view.Points {
			p := &view.Points[i]
			p.X, p.Y = x(p.Year), y(p.V)
			if p.HasMax {
				p.YMax = y(p.VMax)
			}
			s := &view.Series[p.Series]
			if prev := last[p.Series]; prev == nil {
				s.Path += fmt.Sprintf("M%d,%d", p.X, p.Y)
			} else if p.Year == prev.Year+1 {
				s.Path += fmt.Sprintf(" L%d,%d", p.X, p.Y)
			} else {
				s.Gaps += fmt.Sprintf("M%d,%d L%d,%d ", prev.X, prev.Y, p.X, p.Y)
				s.Path += fmt.Sprintf(" M%d,%d", p.X, p.Y)
			}
			last[p.Series] = p
		}
		return
	}

	// Bars: one group per region, in falling order of its first series'
	// value; a bar per series in the group.
	type group struct {
		region string
		top    float64
		pts    []int
	}
	var groups []*group
	byRegion := map[string]*group{}
	for i, p := range view.Points {
		g := byRegion[p.Region]
		if g == nil {
			g = &group{region: p.Region, top: math.Inf(-1)}
			byRegion[p.Region] = g
			groups = append(groups, g)
		}
		if len(g.pts) == 0 || p.Series < view.Points[g.pts[0]].Series {
			g.top = p.V
		}
		g.pts = append(g.pts, i)
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].top > groups[j].top })
	barW := 28
	if len(view.Series) > 1 {
		barW = 16
	}
	groupW := barW*len(view.Series) + 16
	view.Width = chartLeft + groupW*len(groups) + chartRight
	view.Right = chartLeft + groupW*len(groups)
	var ordered []point
	for gi, g := range groups {
		gx := chartLeft + gi*groupW + 8
		sort.SliceStable(g.pts, func(i, j int) bool { return view.Points[g.pts[i]].Series < view.Points[g.pts[j]].Series })
		for _, i := range g.pts {
			p := view.Points[i]
			p.BarX, p.BarW = gx+p.Series*barW, barW-2
			p.X = p.BarX + p.BarW/2
			top := y(p.V)
			p.BarY, p.BarH = min(top, zero), max(abs(zero-top), 1)
			p.Y = top
			if p.HasMax {
				p.YMax = y(p.VMax)
				p.MaxY, p.MaxH = p.YMax, top-p.YMax
			}
			ordered = append(ordered, p)
		}
		view.XTicks = append(view.XTicks, tick{Pos: gx + barW*len(view.Series)/2, Label: g.region})
	}
	view.Points = ordered
}

// round9 rounds away the binary noise of a unit conversion (1.35万亿元
// is 13500亿元, not 13499.999999999998).
func round9(v float64) float64 {
	f, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 9, 64), 64)
	return f
}

// niceStep rounds a tick step up to 1, 2 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	if raw <= 0 || math.IsNaN(raw) || math.IsInf(raw, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*p {
			return m * p
		}
	}
	return 10 * p
}
