package web

import (
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/planlens/planlens/index"
	"github.com/planlens/planlens/schema"
)

// docView is what the document template shows.
type docView struct {
	Doc      schema.Document
	Complete bool
	Counts   []kindCount
	Segments []segment
	Records  []recordView
	// At is the offset a search hit linked to (-1 when none).
	At, AtEnd int
	Back      string
	Review    bool
	AddFields []string
	Reviewed  int
}

type kindCount struct {
	Kind  string
	Count int
}

// segment is a stretch of text between two record boundaries, with the
// records that cover it. Overlapping records split the text at every
// boundary, so each segment is one flat <mark> whose classes name all the
// kinds over it: no nesting, every overlap readable.
type segment struct {
	Text    string
	Start   int
	Recs    string // record numbers, space-separated
	Classes string
	ID      string // an anchor: r-N where record N starts, "at" at the linked offset
}

type recordView struct {
	N int
	schema.Record
	Details string
	Focus   bool
	// Verdict is the review's ("" when none); Fields are the fields a
	// reviewer may fix, with their values.
	Verdict string
	// Key is "kind start end", the verdict buttons' value after the
	// verdict; Fields its fixable fields and values (fields.json).
	Key        string
	Fields     [][2]string
	NewHeading bool
}

func (s *Server) docPage(w http.ResponseWriter, r *http.Request) {
	view, ok := s.docView(w, r)
	if ok {
		s.render(w, http.StatusOK, "doc.html", view)
	}
}

// docFields is GET /doc/ID/fields.json: each record's fixable fields and
// values, by record number (the fix form reads them).
func (s *Server) docFields(w http.ResponseWriter, r *http.Request) {
	view, ok := s.docView(w, r)
	if !ok {
		return
	}
	out := make([][][2]string, len(view.Records))
	for i, rv := range view.Records {
		out[i] = rv.Fields
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	json.NewEncoder(w).Encode(out)
}

// docView builds the view of the document named in the path; on failure
// it writes the error and returns false.
func (s *Server) docView(w http.ResponseWriter, r *http.Request) (*docView, bool) {
	id := r.PathValue("id")
	v, found, err := s.document(r.Context(), id)
	if err != nil {
		http.Error(w, "planlens: "+err.Error(), http.StatusInternalServerError)
		return nil, false
	}
	if !found {
		http.Error(w, "planlens: no document "+strconv.Quote(id)+" in the index", http.StatusNotFound)
		return nil, false
	}
	at, atEnd := -1, -1
	if n, err := strconv.Atoi(r.URL.Query().Get("at")); err == nil && n >= 0 && n <= len(v.Doc.Text) {
		at = n
	}
	if n, err := strconv.Atoi(r.URL.Query().Get("end")); err == nil && n >= at && n <= len(v.Doc.Text) {
		atEnd = n
	}
	view := docView{Doc: v.Doc, Complete: v.Complete, At: at, AtEnd: atEnd, Back: r.Referer(),
		Review: s.opts.Reviews != nil && v.Complete, AddFields: allEditFields}
	recs := v.Records
	var verdicts map[string]Verdict
	if s.opts.Reviews != nil {
		verdicts = s.opts.Reviews.For(v.Doc)
		// Records the reviewer added, or judged when an earlier extraction
		// had them, join the list in their reviewed form.
		have := map[string]bool{}
		for _, rec := range recs {
			have[Verdict{Doc: v.Doc.ID, Kind: rec.Kind, Start: rec.Start, End: rec.End}.Key()] = true
		}
		var extra []schema.Record
		for k, vd := range verdicts {
			if !have[k] && vd.Record != nil && vd.Verdict != VerdictWrong && vd.End <= len(v.Doc.Text) && v.Doc.Text[vd.Start:vd.End] == vd.Record.Text {
				extra = append(extra, *vd.Record)
			}
		}
		sort.Slice(extra, func(i, j int) bool { return extra[i].Start < extra[j].Start })
		recs = append(recs[:len(recs):len(recs)], extra...)
	}
	counts := map[string]int{}
	for i, rec := range recs {
		counts[rec.Kind]++
		rv := recordView{N: i, Record: rec, Details: details(rec),
			Focus: at >= 0 && rec.Start == at && (atEnd < 0 || rec.End == atEnd)}
		if vd, ok := verdicts[Verdict{Doc: v.Doc.ID, Kind: rec.Kind, Start: rec.Start, End: rec.End}.Key()]; ok {
			rv.Verdict = vd.Verdict
			view.Reviewed++
			if vd.Record != nil && vd.Verdict != VerdictWrong {
				rv.Record, rv.Details = *vd.Record, details(*vd.Record)
			}
		}
		rv.Key = rec.Kind + " " + strconv.Itoa(rec.Start) + " " + strconv.Itoa(rec.End)
		for _, name := range fieldsToEdit(rec.Kind) {
			rv.Fields = append(rv.Fields, [2]string{name, fieldOf(rv.Record, name)})
		}
		rv.NewHeading = len(rv.Heading) > 0 && (i == 0 || !slices.Equal(rv.Heading, view.Records[i-1].Heading))
		view.Records = append(view.Records, rv)
	}
	for _, k := range index.RecordKinds {
		view.Counts = append(view.Counts, kindCount{Kind: k, Count: counts[k]})
	}
	view.Segments = segments(v.Doc.Text, recs, at)
	return &view, true
}

// segments cuts text at every record start and end (and at at), giving
// each piece the records over it.
func segments(text string, recs []schema.Record, at int) []segment {
	bounds := map[int]bool{0: true, len(text): true}
	starts := map[int][]int{}
	for i, r := range recs {
		if r.Start < 0 || r.End > len(text) || r.Start >= r.End {
			continue
		}
		bounds[r.Start], bounds[r.End] = true, true
		starts[r.Start] = append(starts[r.Start], i)
	}
	if at >= 0 && at <= len(text) {
		bounds[at] = true
	}
	cuts := make([]int, 0, len(bounds))
	for b := range bounds {
		cuts = append(cuts, b)
	}
	sort.Ints(cuts)
	// Records sorted by start; open holds those over the current piece.
	order := make([]int, 0, len(recs))
	for i, r := range recs {
		if r.Start >= 0 && r.End <= len(text) && r.Start < r.End {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return recs[order[a]].Start < recs[order[b]].Start })
	var open []int
	next := 0
	var out []segment
	atDone := false
	for c := 0; c+1 < len(cuts); c++ {
		lo, hi := cuts[c], cuts[c+1]
		for next < len(order) && recs[order[next]].Start <= lo {
			open = append(open, order[next])
			next++
		}
		kept := open[:0]
		for _, i := range open {
			if recs[i].End > lo {
				kept = append(kept, i)
			}
		}
		open = kept
		seg := segment{Text: text[lo:hi], Start: lo}
		if len(open) > 0 {
			kinds := map[string]int{}
			nums := make([]string, len(open))
			for j, i := range open {
				kinds[recs[i].Kind]++
				nums[j] = strconv.Itoa(i)
			}
			seg.Recs = strings.Join(nums, " ")
			var cls []string
			for _, k := range index.RecordKinds {
				if n := kinds[k]; n > 0 {
					cls = append(cls, "k-"+k)
					if n > 1 {
						cls = append(cls, "k-"+k+"-2")
					}
				}
			}
			if len(open) > 1 {
				cls = append(cls, "overlap")
			}
			seg.Classes = strings.Join(cls, " ")
		}
		if ss := starts[lo]; len(ss) > 0 {
			seg.ID = "r-" + strconv.Itoa(ss[0])
		}
		if !atDone && lo == at {
			seg.ID, atDone = "at", true
		}
		out = append(out, seg)
	}
	return out
}
