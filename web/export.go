package web

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/planlens/planlens/index"
)

// MaxExport bounds the rows of a CSV export; exportPage is how many hits
// each search of an export fetches.
const (
	MaxExport  = MaxOffset
	exportPage = 500
)

// csvColumns are the CSV columns: every JSON field of a hit (the record's
// and its document's), in the order of the types, so that fields added to
// schema.Record appear without a change here; fragments are left out.
var csvColumns = jsonNames(reflect.TypeOf(index.Hit{}))

func jsonNames(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			out = append(out, jsonNames(f.Type)...)
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" || name == "fragments" || !f.IsExported() {
			continue
		}
		out = append(out, name)
	}
	return out
}

// csvExport is GET /export.csv: every hit of the page's query and filters
// (up to MaxExport), streamed a search page at a time, each write with a
// fresh deadline.
func (s *Server) csvExport(w http.ResponseWriter, r *http.Request) {
	st := newState(r.URL.Query())
	req, _, err := searchRequest(st)
	if err != nil {
		http.Error(w, "planlens: "+err.Error(), http.StatusBadRequest)
		return
	}
	req.Limit, req.Offset, req.Facets = exportPage, 0, nil
	first, err := s.search(r.Context(), req)
	if err != nil {
		status := http.StatusInternalServerError
		if isQueryError(err) {
			status = http.StatusBadRequest
		}
		http.Error(w, "planlens: "+err.Error(), status)
		return
	}
	name := "planlens"
	if q := st.Get("q"); q != "" {
		name += "-" + q
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", "attachment; filename=\"planlens.csv\"; filename*=UTF-8''"+pathEscape(name+".csv"))
	w.Header().Set("X-Planlens-Total", strconv.FormatUint(first.Total, 10))
	rc := http.NewResponseController(w)
	// A UTF-8 byte order mark makes Excel read the file as UTF-8.
	w.Write([]byte("\ufeff"))
	cw := csv.NewWriter(w)
	cw.Write(csvColumns)
	res, n := first, 0
	for {
		for _, h := range res.Hits {
			if n >= MaxExport {
				break
			}
			cw.Write(csvRow(h))
			n++
		}
		cw.Flush()
		if cw.Error() != nil || n >= MaxExport || len(res.Hits) < req.Limit || uint64(n) >= first.Total {
			return
		}
		rc.SetWriteDeadline(time.Now().Add(WriteTimeout))
		req.Offset += req.Limit
		if res, err = s.search(r.Context(), req); err != nil {
			// The header is sent; a last line says why the file stops.
			cw.Write([]string{"error: " + err.Error()})
			cw.Flush()
			return
		}
	}
}

// csvRow is a hit's JSON fields as CSV cells: lists joined with " / ",
// objects as JSON.
func csvRow(h index.Hit) []string {
	js, _ := json.Marshal(h)
	var m map[string]any
	json.Unmarshal(js, &m)
	row := make([]string, len(csvColumns))
	for i, c := range csvColumns {
		row[i] = cell(m[c])
	}
	return row
}

func cell(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case []any:
		var parts []string
		for _, e := range v {
			parts = append(parts, cell(e))
		}
		return strings.Join(parts, " / ")
	default:
		js, _ := json.Marshal(v)
		return string(js)
	}
}

func pathEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
