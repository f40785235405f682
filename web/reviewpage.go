package web

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/planlens/planlens/index"
	"github.com/planlens/planlens/schema"
)

// editFields are the fields a reviewer may fix, by kind, in form order.
var editFields = map[string][]string{
	schema.KindTarget:  {"value", "value_max", "unit", "approx", "object", "year", "direction", "verb", "stage", "modality"},
	schema.KindProject: {"name", "category", "phase", "verb", "stage", "modality", "tense"},
	schema.KindAction:  {"verb", "stage", "object", "modality"},
}

// fieldsToEdit are the fields a reviewer may fix on a record of kind: a
// kind editFields does not know offers every field.
func fieldsToEdit(kind string) []string {
	if f, ok := editFields[kind]; ok {
		return f
	}
	return allEditFields
}

// allEditFields is every field of editFields once, for the add form.
var allEditFields = []string{"value", "value_max", "unit", "approx", "object", "year", "direction", "name", "category", "phase", "verb", "stage", "modality", "tense"}

// fieldRef points at one editable field of a record: text (s), a whole
// number (n, 0 for none) or a number (f, nil for none).
type fieldRef struct {
	s *string
	n *int
	f **float64
}

// refOf returns the field name of r (one of allEditFields).
func refOf(r *schema.Record, name string) (fieldRef, bool) {
	text := map[string]*string{"unit": &r.Unit, "approx": &r.Approx, "object": &r.Object, "direction": &r.Direction,
		"name": &r.Name, "category": &r.Category, "verb": &r.Verb, "stage": &r.Stage, "modality": &r.Modality, "tense": &r.Tense}
	switch name {
	case "value":
		return fieldRef{f: &r.Value}, true
	case "value_max":
		return fieldRef{f: &r.ValueMax}, true
	case "year":
		return fieldRef{n: &r.Year}, true
	case "phase":
		return fieldRef{n: &r.Phase}, true
	}
	p, ok := text[name]
	return fieldRef{s: p}, ok
}

// fieldOf reads a record field as form text.
func fieldOf(r schema.Record, name string) string {
	ref, _ := refOf(&r, name)
	switch {
	case ref.s != nil:
		return *ref.s
	case ref.n != nil && *ref.n != 0:
		return strconv.Itoa(*ref.n)
	case ref.f != nil:
		return fmtNum(*ref.f)
	}
	return ""
}

// setField sets a record field from form text ("" clears it). A fixed
// value or unit drops the scaled value, which no longer follows from it.
func setField(r *schema.Record, name, s string) error {
	s = strings.TrimSpace(s)
	ref, ok := refOf(r, name)
	if !ok {
		return fmt.Errorf("unknown field %q", name)
	}
	switch name {
	case "value":
		r.Scaled, r.BaseUnit = nil, ""
	case "value_max":
		r.ScaledMax = nil
	case "unit":
		if s != r.Unit {
			r.Scaled, r.ScaledMax, r.BaseUnit = nil, nil, ""
		}
	}
	switch {
	case ref.s != nil:
		*ref.s = s
	case ref.n != nil:
		n := 0
		if s != "" {
			var err error
			if n, err = strconv.Atoi(s); err != nil || n < 0 {
				return fmt.Errorf("%s: not a whole number: %q", name, s)
			}
		}
		*ref.n = n
	case ref.f != nil:
		if s == "" {
			*ref.f = nil
			return nil
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fmt.Errorf("%s: not a number: %q", name, s)
		}
		*ref.f = &f
	}
	return nil
}

// reviewPost is POST /review: a verdict on a record of a document, or a
// record added on a span of its text. Forms post here and are sent back
// to the document (303).
func (s *Server) reviewPost(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "planlens: review: "+err.Error(), http.StatusBadRequest)
		return
	}
	// The verdict buttons name the record in their value (v), the add and
	// fix forms in fields.
	v, err := s.verdictFromForm(r, r.PostForm)
	if err != nil {
		http.Error(w, "planlens: review: "+err.Error(), http.StatusBadRequest)
		return
	}
	if err := s.opts.Reviews.Save(v); err != nil {
		http.Error(w, "planlens: "+err.Error(), http.StatusInternalServerError)
		return
	}
	http.Redirect(w, r, "/doc/"+url.PathEscape(v.Doc)+"?at="+strconv.Itoa(v.Start)+"&end="+strconv.Itoa(v.End)+"#at", http.StatusSeeOther)
}

func (s *Server) verdictFromForm(r *http.Request, f url.Values) (Verdict, error) {
	var v Verdict
	if b := f.Get("v"); b != "" { // a verdict button: "VERDICT KIND START END"
		parts := strings.Fields(b)
		if len(parts) != 4 {
			return v, fmt.Errorf("v: want \"verdict kind start end\", not %q", b)
		}
		f = url.Values{"doc": {f.Get("doc")}, "verdict": {parts[0]}, "kind": {parts[1]}, "start": {parts[2]}, "end": {parts[3]}}
	}
	v.Doc, v.Kind, v.Verdict = f.Get("doc"), f.Get("kind"), f.Get("verdict")
	v.Note = strings.TrimSpace(f.Get("note"))
	var err error
	if v.Start, err = strconv.Atoi(f.Get("start")); err != nil {
		return v, fmt.Errorf("start: not a number: %q", f.Get("start"))
	}
	if v.End, err = strconv.Atoi(f.Get("end")); err != nil {
		return v, fmt.Errorf("end: not a number: %q", f.Get("end"))
	}
	if !isRecordKind(v.Kind) {
		return v, fmt.Errorf("kind: want target, project or action, not %q", v.Kind)
	}
	dv, found, err := s.document(r.Context(), v.Doc)
	if err != nil {
		return v, err
	}
	if !found {
		return v, fmt.Errorf("no document %q in the index", v.Doc)
	}
	if !dv.Complete {
		return v, fmt.Errorf("document %s: the index holds only its sentences; ingest it again to review it", v.Doc)
	}
	text := dv.Doc.Text
	if v.Start < 0 || v.End > len(text) || v.Start >= v.End || !utf8.RuneStart(text[v.Start]) || (v.End < len(text) && !utf8.RuneStart(text[v.End])) {
		return v, fmt.Errorf("span [%d:%d] is not a stretch of the document's %d bytes", v.Start, v.End, len(text))
	}
	v.Source = dv.Doc.Source
	span := text[v.Start:v.End]
	if t, ok := f["text"]; ok && t[0] != span {
		return v, fmt.Errorf("text %q is not the document's text at [%d:%d] (%q)", t[0], v.Start, v.End, span)
	}
	var rec *schema.Record
	for i := range dv.Records {
		if x := dv.Records[i]; x.Kind == v.Kind && x.Start == v.Start && x.End == v.End {
			rec = &dv.Records[i]
			break
		}
	}
	if rec == nil { // an added record, or one judged before: its saved form
		if old, ok := s.opts.Reviews.For(dv.Doc)[v.Key()]; ok && old.Record != nil {
			rec = old.Record
		}
	}
	switch v.Verdict {
	case VerdictRight, VerdictAdded:
		var out schema.Record
		if rec != nil {
			out = *rec
		} else if v.Verdict == VerdictRight {
			return v, fmt.Errorf("no %s record at [%d:%d] to judge right", v.Kind, v.Start, v.End)
		}
		out.Kind, out.Doc, out.Source, out.Text, out.Start, out.End = v.Kind, v.Doc, v.Source, span, v.Start, v.End
		if rec == nil {
			out.Origin = "review"
			out.Sentence = -1
			for i, s := range dv.Sentences {
				if s.Start <= v.Start && v.End <= s.End {
					out.Sentence = i
				}
			}
		}
		for _, name := range allEditFields {
			if vals, ok := f[name]; ok {
				if err := setField(&out, name, vals[0]); err != nil {
					return v, err
				}
			}
		}
		v.Record = &out
		if v.Verdict == VerdictAdded && rec != nil && rec.Origin != "review" {
			v.Verdict = VerdictRight // the extractor has it: a fix, not an addition
		}
	case VerdictWrong:
		if rec == nil {
			return v, fmt.Errorf("no %s record at [%d:%d] to judge wrong", v.Kind, v.Start, v.End)
		}
		cp := *rec
		cp.Text = span
		v.Record = &cp
	case VerdictClear:
	default:
		return v, fmt.Errorf("verdict: want right, wrong, added or clear, not %q", v.Verdict)
	}
	return v, nil
}

func isRecordKind(k string) bool {
	for _, x := range index.RecordKinds {
		if x == k {
			return true
		}
	}
	return false
}

// reviewAccept is POST /review/accept: every record of a document without
// a verdict is judged right (after the wrong ones are marked and the
// missed ones added, the document's gold is complete).
func (s *Server) reviewAccept(w http.ResponseWriter, r *http.Request) {
	doc := r.FormValue("doc")
	dv, found, err := s.document(r.Context(), doc)
	if err != nil {
		http.Error(w, "planlens: "+err.Error(), http.StatusInternalServerError)
		return
	}
	if !found {
		http.Error(w, "planlens: review: no document "+strconv.Quote(doc), http.StatusBadRequest)
		return
	}
	have := s.opts.Reviews.For(dv.Doc)
	var vs []Verdict
	for _, rec := range dv.Records {
		v := Verdict{Doc: doc, Source: dv.Doc.Source, Kind: rec.Kind, Start: rec.Start, End: rec.End, Verdict: VerdictRight}
		if _, ok := have[v.Key()]; ok {
			continue
		}
		cp := rec
		v.Record = &cp
		vs = append(vs, v)
	}
	if len(vs) > 0 {
		if err := s.opts.Reviews.Save(vs...); err != nil {
			http.Error(w, "planlens: "+err.Error(), http.StatusInternalServerError)
			return
		}
	}
	http.Redirect(w, r, "/doc/"+url.PathEscape(doc), http.StatusSeeOther)
}

// goldExport is GET /review/gold.jsonl[?doc=ID]: the verdicts as a gold
// file for planlens eval --gold.
func (s *Server) goldExport(w http.ResponseWriter, r *http.Request) {
	vs, err := s.currentVerdicts(r, r.URL.Query().Get("doc"))
	if err != nil {
		http.Error(w, "planlens: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/jsonl; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="review.gold.jsonl"`)
	for _, g := range Gold(vs) {
		line, err := goldLine(g)
		if err != nil {
			return
		}
		w.Write(append(line, '\n'))
	}
}

// currentVerdicts are the verdicts to export, one version of each source:
// for a source in the index, the verdicts that hold for its text now
// (Reviews.For); for a source no longer there, those of its most recently
// judged text. only, when set, keeps one document id.
func (s *Server) currentVerdicts(r *http.Request, only string) ([]Verdict, error) {
	bySource := map[string][]Verdict{}
	var sources []string
	for _, v := range s.opts.Reviews.All() {
		if _, ok := bySource[v.Source]; !ok {
			sources = append(sources, v.Source)
		}
		bySource[v.Source] = append(bySource[v.Source], v)
	}
	var out []Verdict
	for _, src := range sources {
		vs := bySource[src]
		di, found, err := s.ix.Lookup(src)
		if err != nil {
			return nil, err
		}
		if found {
			dv, ok, err := s.document(r.Context(), di.Doc.ID)
			if err != nil {
				return nil, err
			}
			if ok && dv.Complete {
				m := s.opts.Reviews.For(dv.Doc)
				vs = vs[:0:0]
				for _, v := range m {
					vs = append(vs, v)
				}
			}
		} else {
			latest := vs[0]
			for _, v := range vs {
				if v.Time.After(latest.Time) {
					latest = v
				}
			}
			kept := vs[:0:0]
			for _, v := range vs {
				if v.Doc == latest.Doc {
					kept = append(kept, v)
				}
			}
			vs = kept
		}
		for _, v := range vs {
			if only == "" || v.Doc == only {
				out = append(out, v)
			}
		}
	}
	return out, nil
}

type reviewDoc struct {
	Doc                 string
	Title, Source       string
	Right, Wrong, Added int
	InIndex             bool
	URL, Gold           string
}

// reviewList is GET /review: the documents judged so far and the export.
func (s *Server) reviewList(w http.ResponseWriter, r *http.Request) {
	byDoc := map[string]*reviewDoc{}
	var order []string
	for _, v := range s.opts.Reviews.All() {
		d := byDoc[v.Doc]
		if d == nil {
			d = &reviewDoc{Doc: v.Doc, Source: v.Source, URL: "/doc/" + url.PathEscape(v.Doc), Gold: "/review/gold.jsonl?doc=" + url.QueryEscape(v.Doc)}
			byDoc[v.Doc] = d
			order = append(order, v.Doc)
		}
		switch v.Verdict {
		case VerdictRight:
			d.Right++
		case VerdictWrong:
			d.Wrong++
		case VerdictAdded:
			d.Added++
		}
	}
	sort.Strings(order)
	var docs []reviewDoc
	for _, id := range order {
		d := byDoc[id]
		if dv, found, err := s.document(r.Context(), id); err == nil && found {
			d.InIndex, d.Title = true, dv.Doc.Title
		}
		docs = append(docs, *d)
	}
	s.render(w, http.StatusOK, "review.html", struct {
		Docs []reviewDoc
		File string
	}{docs, s.opts.Reviews.Path()})
}
