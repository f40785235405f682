package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/planlens/planlens/jsonl"
	"github.com/planlens/planlens/schema"
)

// ReviewFile is the name of the review file in an index directory.
// Ingest never touches it, so verdicts outlive re-ingest: they are keyed
// by the document's id (a hash of its text) and the record's span and
// kind, and a re-ingested unchanged document has the same id and spans.
const ReviewFile = "review.jsonl"

// Verdicts of a review.
const (
	VerdictRight = "right" // the record is right (with its fields as fixed)
	VerdictWrong = "wrong" // the record should not be there
	VerdictAdded = "added" // a record the extractor missed
	VerdictClear = "clear" // forget the verdict
)

// Verdict is a person's judgement of one record, a line of the review
// file. The last line of a key wins.
type Verdict struct {
	Doc     string `json:"doc"`
	Source  string `json:"source"`
	Kind    string `json:"kind"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Verdict string `json:"verdict"`
	// Record is the record as the reviewer says it is (for right and
	// added): its fields fixed, Text the document's text at the span.
	Record *schema.Record `json:"record,omitempty"`
	Note   string         `json:"note,omitempty"`
	Time   time.Time      `json:"time"`
}

// Key identifies the record a verdict is about.
func (v Verdict) Key() string {
	return fmt.Sprintf("%s:%d:%d:%s", v.Doc, v.Start, v.End, v.Kind)
}

// Reviews is the review file of an index: an append-only JSONL file read
// whole at open. It is safe for concurrent use.
type Reviews struct {
	path string
	mu   sync.Mutex
	// latest holds the last verdict of each key.
	latest map[string]Verdict
	order  []string
}

// OpenReviews reads the review file in dir (none yet is no error).
func OpenReviews(dir string) (*Reviews, error) {
	r := &Reviews{path: filepath.Join(dir, ReviewFile), latest: map[string]Verdict{}}
	f, err := os.Open(r.path)
	if errors.Is(err, os.ErrNotExist) {
		return r, nil
	}
	if err != nil {
		return nil, fmt.Errorf("web: reviews: %w", err)
	}
	defer f.Close()
	err = jsonl.Each(f, func(_ int, v Verdict) error {
		r.put(v)
		return nil
	})
	if err != nil {
		// A line cut by a crash is the last one; anything else is damage.
		return nil, fmt.Errorf("web: reviews: %s: %w", r.path, err)
	}
	return r, nil
}

// Path is the review file's path.
func (r *Reviews) Path() string { return r.path }

func (r *Reviews) put(v Verdict) {
	k := v.Key()
	if _, ok := r.latest[k]; !ok {
		r.order = append(r.order, k)
	}
	if v.Verdict == VerdictClear {
		delete(r.latest, k)
		return
	}
	r.latest[k] = v
}

// Save appends verdicts to the file (synced) and applies them.
func (r *Reviews) Save(vs ...Verdict) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	var b strings.Builder
	for _, v := range vs {
		switch v.Verdict {
		case VerdictRight, VerdictWrong, VerdictAdded, VerdictClear:
		default:
			return fmt.Errorf("web: reviews: unknown verdict %q", v.Verdict)
		}
		if v.Time.IsZero() {
			v.Time = time.Now().UTC()
		}
		js, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("web: reviews: %w", err)
		}
		b.Write(js)
		b.WriteByte('\n')
	}
	f, err := os.OpenFile(r.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("web: reviews: %w", err)
	}
	if _, err := io.WriteString(f, b.String()); err != nil {
		f.Close()
		return fmt.Errorf("web: reviews: write %s: %w", r.path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("web: reviews: sync %s: %w", r.path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("web: reviews: %w", err)
	}
	for _, v := range vs {
		r.put(v)
	}
	return nil
}

// Of returns the verdicts of a document, by key.
func (r *Reviews) Of(doc string) map[string]Verdict {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[string]Verdict{}
	for k, v := range r.latest {
		if v.Doc == doc {
			out[k] = v
		}
	}
	return out
}

// For returns the verdicts that hold for a document as the index has it
// now, by key: those given on this text (its id), and those given on an
// earlier text of the same source (ingested again after an edit) whose
// span text is still found: at the same offsets, else the occurrence
// nearest the old offset, moved there. Verdicts whose text is gone are
// left out (All still has them).
func (r *Reviews) For(doc schema.Document) map[string]Verdict {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[string]Verdict{}
	var moved []Verdict
	for _, k := range r.order {
		v, ok := r.latest[k]
		switch {
		case !ok:
		case v.Doc == doc.ID:
			out[k] = v
		case v.Source == doc.Source && v.Record != nil && v.Record.Text != "":
			if nv, ok := reanchor(v, doc); ok {
				moved = append(moved, nv)
			}
		}
	}
	// Newer verdicts first, so that of two versions the latest wins.
	sort.SliceStable(moved, func(i, j int) bool { return moved[i].Time.After(moved[j].Time) })
	for _, v := range moved {
		if _, ok := out[v.Key()]; !ok {
			out[v.Key()] = v
		}
	}
	return out
}

// reanchor moves a verdict given on another text of its source onto doc.
func reanchor(v Verdict, doc schema.Document) (Verdict, bool) {
	t := v.Record.Text
	start := -1
	if v.End <= len(doc.Text) && v.Start >= 0 && doc.Text[v.Start:v.End] == t {
		start = v.Start
	} else {
		best := -1
		for i := 0; ; {
			j := strings.Index(doc.Text[i:], t)
			if j < 0 {
				break
			}
			if best < 0 || abs(i+j-v.Start) < abs(best-v.Start) {
				best = i + j
			}
			i += j + 1
			if i >= len(doc.Text) {
				break
			}
		}
		start = best
	}
	if start < 0 {
		return v, false
	}
	rec := *v.Record
	rec.Start, rec.End, rec.Doc = start, start+len(t), doc.ID
	v.Doc, v.Start, v.End, v.Record = doc.ID, rec.Start, rec.End, &rec
	return v, true
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// All returns every standing verdict, in the order their keys were first
// judged.
func (r *Reviews) All() []Verdict {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Verdict
	for _, k := range r.order {
		if v, ok := r.latest[k]; ok {
			out = append(out, v)
		}
	}
	return out
}

// Gold turns verdicts into gold records in the format of the shared gold
// files (planlens eval --gold): records judged right and records added,
// with their fixed fields; targets judged wrong become not_target spans;
// other records judged wrong are left out. doc is the document's file
// name, as eval pairs gold and documents by it. Records are in text order.
func Gold(vs []Verdict) []schema.Record {
	var out []schema.Record
	for _, v := range vs {
		var g schema.Record
		switch {
		case v.Verdict == VerdictWrong && v.Kind == schema.KindTarget:
			g = schema.Record{Kind: schema.KindNotTarget, Start: v.Start, End: v.End}
			if v.Record != nil {
				g.Text = v.Record.Text
			}
		case (v.Verdict == VerdictRight || v.Verdict == VerdictAdded) && v.Record != nil:
			g = *v.Record
			g.Kind = v.Kind
			g.Start, g.End = v.Start, v.End
			g.Sentence, g.Heading = 0, nil
			g.Origin, g.Confirmed, g.LLMDisputed, g.LLMFields = "", false, false, nil
		default:
			continue
		}
		g.Doc, g.Source = goldDocName(v.Source), ""
		out = append(out, g)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Doc != out[j].Doc {
			return out[i].Doc < out[j].Doc
		}
		return out[i].Start < out[j].Start
	})
	return out
}

// goldDocName is the document's name in a gold file: its source's file
// name (what eval.DocKey pairs documents by).
func goldDocName(source string) string { return filepath.Base(source) }

// goldLine is a gold record as the shared gold files write it: doc, kind,
// text, start, end, then the fields that have values (no sentence, no
// origin).
func goldLine(g schema.Record) ([]byte, error) {
	js, err := json.Marshal(g)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(js, &m); err != nil {
		return nil, err
	}
	delete(m, "sentence")
	delete(m, "source")
	delete(m, "origin")
	var b strings.Builder
	b.WriteByte('{')
	first := true
	write := func(k string) {
		v, ok := m[k]
		if !ok {
			return
		}
		delete(m, k)
		if !first {
			b.WriteString(", ")
		}
		first = false
		kj, _ := json.Marshal(k)
		vj, _ := marshalNoEscape(v)
		b.Write(kj)
		b.WriteString(": ")
		b.Write(vj)
	}
	for _, k := range []string{"doc", "kind", "text", "start", "end"} {
		write(k)
	}
	rest := make([]string, 0, len(m))
	for k := range m {
		rest = append(rest, k)
	}
	sort.Strings(rest)
	for _, k := range rest {
		write(k)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

func marshalNoEscape(v any) ([]byte, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(strings.TrimSuffix(b.String(), "\n")), nil
}
