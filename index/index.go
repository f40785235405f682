// Package index stores extraction results in a Bleve (scorch) index on disk
// and searches them.
//
// Three kinds of Bleve document live in one index, told apart by their
// "kind" field: records (target, project, action) with their clause and
// document metadata copied in, sentences (kind "sentence") with their text
// and heading path, and documents (kind "document") with their metadata.
// A sentence's text is indexed and stored once, on its row; a record hit's
// highlighted sentence is fetched from that row at search time.
//
// Bleve ids are derived from the source (the path a document was read from):
// "doc:SRC", "rec:SRC#N", "sen:SRC#N". A document and all its records and
// sentences are written in one Bleve batch, which scorch applies atomically,
// so an interrupted ingest never leaves half a document; the document row
// records its text hash (doc id), so an unchanged source is skipped.
package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/cjk" // baseline analyzer
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"
	bolt "go.etcd.io/bbolt"

	"github.com/planlens/planlens/extract"
	"github.com/planlens/planlens/index/analyzer"
	"github.com/planlens/planlens/schema"
)

// Kinds of Bleve document besides the record kinds of schema.
const (
	KindSentence = "sentence"
	KindDocument = "document"
)

// DefaultLockTimeout is how long Open waits for another process's lock.
const DefaultLockTimeout = 2 * time.Second

// ErrLocked reports that another process holds the index open for writing.
var ErrLocked = errors.New("in use by another planlens process")

// Options configure Open.
type Options struct {
	// Analyzer names the Bleve analyzer for Chinese text fields of a new
	// index: analyzer.Name (the default) or a built-in such as "cjk"
	// (bigrams, the baseline). An existing index keeps its own.
	Analyzer string
	// LockTimeout bounds the wait for another process's lock
	// (DefaultLockTimeout when zero).
	LockTimeout time.Duration
	// MustExist makes Open fail with an error wrapping ErrNoIndex instead
	// of creating a missing index.
	MustExist bool
}

// ErrNoIndex reports that Open found no index and was told not to create one.
var ErrNoIndex = errors.New("no index")

// Index is an open planlens index. Its methods are safe for concurrent use.
type Index struct {
	dir string
	bi  bleve.Index
	// queryAnalyzer analyses queries on the Chinese text fields.
	queryAnalyzer string
}

// Open opens the index in dir, creating it when dir holds no index.
// It fails with an error wrapping ErrLocked when another process has the
// index open.
func Open(ctx context.Context, dir string, opts Options) (*Index, error) {
	if opts.Analyzer == "" {
		opts.Analyzer = analyzer.Name
	}
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = DefaultLockTimeout
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	runtime := map[string]any{"bolt_timeout": opts.LockTimeout.String()}
	var bi bleve.Index
	var err error
	if _, serr := os.Stat(filepath.Join(dir, "index_meta.json")); errors.Is(serr, os.ErrNotExist) {
		if opts.MustExist {
			return nil, fmt.Errorf("index: %w at %s", ErrNoIndex, dir)
		}
		bi, err = bleve.NewUsing(dir, newMapping(opts.Analyzer), scorch.Name, scorch.Name, runtime)
		if errors.Is(err, bleve.ErrorIndexPathExists) { // created meanwhile by another process
			bi, err = bleve.OpenUsing(dir, runtime)
		}
	} else {
		bi, err = bleve.OpenUsing(dir, runtime)
	}
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("index %s is %w", dir, ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("index: open %s: %w", dir, err)
	}
	ix := &Index{dir: dir, bi: bi, queryAnalyzer: analyzerOf(bi)}
	if ix.queryAnalyzer == analyzer.Name {
		ix.queryAnalyzer = analyzer.SearchName
		if err := analyzer.Load(); err != nil {
			bi.Close()
			return nil, fmt.Errorf("index: open %s: %w", dir, err)
		}
	}
	return ix, nil
}

func analyzerOf(bi bleve.Index) string {
	if m, ok := bi.Mapping().(*mapping.IndexMappingImpl); ok {
		return m.DefaultAnalyzer
	}
	return ""
}

// Dir returns the index directory.
func (ix *Index) Dir() string { return ix.dir }

// Close releases the index and its lock.
func (ix *Index) Close() error {
	if err := ix.bi.Close(); err != nil {
		return fmt.Errorf("index: close %s: %w", ix.dir, err)
	}
	return nil
}

// newMapping builds the mapping; zh names the analyzer of Chinese text.
//
// What is indexed is chosen for size and speed: the text of a sentence is
// analysed, stored and given term vectors once, on its sentence row;
// records index only what they say (about: their span and governing verb,
// with term vectors for phrase queries) and fetch their sentence's
// highlighted text from the sentence row at search time. Fields that are
// only shown are stored, not indexed; only facet fields have doc values;
// the _all composite field is off.
func newMapping(zh string) *mapping.IndexMappingImpl {
	text := func(store, vectors bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = zh
		f.Store = store
		f.IncludeTermVectors = vectors
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	keyword := func(facet bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = facet
		return f
	}
	number := func() *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.Store = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	stored := func() *mapping.FieldMapping { // kept for display, not searched
		f := bleve.NewTextFieldMapping()
		f.Index = false
		f.Store = true
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	storedNumber := func() *mapping.FieldMapping {
		f := number()
		f.Index = false
		f.Store = true
		return f
	}

	// With gse, some running text is also indexed as bigrams (the cjk
	// analyzer) in NAME_cjk: a low-weight recall companion for words that
	// gse cuts differently in context (海淀区 in 海淀|区政府).
	companion := func(name string) []*mapping.FieldMapping {
		if zh == "cjk" {
			return nil
		}
		f := bleve.NewTextFieldMapping()
		f.Name = name + "_cjk"
		f.Analyzer = "cjk"
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return []*mapping.FieldMapping{f}
	}
	dm := bleve.NewDocumentStaticMapping()
	// Sentence rows: the sentence, searched and highlighted.
	dm.AddFieldMappingsAt("text", text(true, true))
	// Records: what the record says, searched (phrases too).
	dm.AddFieldMappingsAt("about", append([]*mapping.FieldMapping{text(false, true)}, companion("about")...)...)
	dm.AddFieldMappingsAt("context", text(false, true))
	for _, name := range []string{"object", "name", "examples", "heading"} {
		dm.AddFieldMappingsAt(name, text(false, false))
	}
	dm.AddFieldMappingsAt("title", append([]*mapping.FieldMapping{text(false, false)}, companion("title")...)...)
	for _, name := range []string{"kind", "stage", "region", "unit", "year_key"} {
		dm.AddFieldMappingsAt(name, keyword(true))
	}
	for _, name := range []string{"doc", "source", "modality", "level", "category", "verb", "approx", "direction", "origin", "base_unit"} {
		dm.AddFieldMappingsAt(name, keyword(false))
	}
	for _, name := range []string{"value", "value_max", "scaled"} {
		dm.AddFieldMappingsAt(name, number())
	}
	// Shown with hits.
	for _, name := range []string{"region", "level"} {
		dm.Properties[name].Fields[0].Store = true
	}
	dm.AddFieldMappingsAt("doc_year", storedNumber())
	dm.AddFieldMappingsAt("json", stored())
	dm.AddFieldMappingsAt("title_s", stored())
	dm.AddFieldMappingsAt("records", storedNumber())
	dm.AddFieldMappingsAt("sentences", storedNumber())
	// No _all field: every query names its fields.
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())

	im := bleve.NewIndexMapping()
	im.DefaultMapping = dm
	im.DefaultAnalyzer = zh
	im.ScoringModel = bindex.BM25Scoring
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	return im
}

// Bleve document ids.
func docID(source string) string        { return "doc:" + source }
func recID(source string, n int) string { return "rec:" + source + "#" + strconv.Itoa(n) }
func senID(source string, n int) string { return "sen:" + source + "#" + strconv.Itoa(n) }

// recordDoc is a record as indexed.
type recordDoc struct {
	Kind   string `json:"kind"`
	Doc    string `json:"doc"`
	Source string `json:"source"`
	// Text is a sentence row's text.
	Text string `json:"text,omitempty"`
	// About is what a record says: its text, and its governing verb when
	// the text does not contain it (a target 9所学校 of verb 开工 is about
	// 9所学校 开工, and a phrase query 学校开工 matches it).
	About string `json:"about,omitempty"`
	// Context is the clause around a record (between clause punctuation,
	// inside its sentence) when it says more than the record's text: the
	// verb that starts a project, the object of a target.
	Context   string   `json:"context,omitempty"`
	Heading   []string `json:"heading,omitempty"`
	Object    string   `json:"object,omitempty"`
	Name      string   `json:"name,omitempty"`
	Examples  []string `json:"examples,omitempty"`
	Verb      string   `json:"verb,omitempty"`
	Stage     string   `json:"stage,omitempty"`
	Modality  string   `json:"modality,omitempty"`
	Unit      string   `json:"unit,omitempty"`
	BaseUnit  string   `json:"base_unit,omitempty"`
	Approx    string   `json:"approx,omitempty"`
	Direction string   `json:"direction,omitempty"`
	Category  string   `json:"category,omitempty"`
	Origin    string   `json:"origin,omitempty"`
	Value     *float64 `json:"value,omitempty"`
	ValueMax  *float64 `json:"value_max,omitempty"`
	Scaled    *float64 `json:"scaled,omitempty"`
	// YearKey is the record's own year, or the document's when it states
	// none.
	YearKey string  `json:"year_key,omitempty"`
	DocYear float64 `json:"doc_year,omitempty"`
	Region  string  `json:"region,omitempty"`
	Level   string  `json:"level,omitempty"`
	Title   string  `json:"title_s,omitempty"`
	// JSON is the whole record (or document), returned with hits.
	JSON string `json:"json"`
	// Counts, on document rows.
	Records   float64 `json:"records,omitempty"`
	Sentences float64 `json:"sentences,omitempty"`
	// TitleText is the searchable title, on document rows.
	TitleText string `json:"title,omitempty"`
}

// index puts the document in the batch as Bleve should see it: a map without the empty
// fields, so that facets and filters never see empty keywords or zero years.
func (b *Batch) index(id string, d *recordDoc) error {
	js, err := json.Marshal(d)
	if err != nil {
		return err
	}
	m := map[string]any{}
	if err := json.Unmarshal(js, &m); err != nil {
		return err
	}
	return b.b.Index(id, m)
}

// maxClause bounds a record's context on each side, in bytes.
const maxClause = 120

// clause widens [start:end] of text to the clause around it: back to just
// after the previous clause punctuation and on to just before the next,
// not beyond [lo:hi] nor maxClause bytes on either side.
func clause(text string, start, end, lo, hi int) (int, int) {
	lo, hi = max(lo, start-maxClause), min(hi, end+maxClause)
	cs := start
	for cs > lo {
		r, n := utf8.DecodeLastRuneInString(text[lo:cs])
		if isClauseMark(r) {
			break
		}
		cs -= n
	}
	ce := end
	for ce < hi {
		r, n := utf8.DecodeRuneInString(text[ce:hi])
		if isClauseMark(r) {
			break
		}
		ce += n
	}
	// Never cut a rune at the bounds.
	for cs < start && !utf8.RuneStart(text[cs]) {
		cs++
	}
	for ce > end && ce < len(text) && !utf8.RuneStart(text[ce]) {
		ce--
	}
	return cs, ce
}

// isClauseMark reports whether r ends a clause: ，；。！？：, their ASCII
// forms (but not . or : inside numbers, which stay with their digits) and
// line breaks.
func isClauseMark(r rune) bool {
	switch r {
	case '，', '；', '。', '！', '？', '：', ',', ';', '!', '?', '\n', '\r':
		return true
	}
	return false
}

func yearKey(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

func docFields(d *recordDoc, doc schema.Document) {
	d.Doc, d.Source = doc.ID, doc.Source
	d.Region, d.Level, d.Title = doc.Region, doc.Level, doc.Title
	d.DocYear = float64(doc.Year)
}

// Batch collects writes that Commit applies atomically.
type Batch struct {
	ix   *Index
	b    *bleve.Batch
	docs int
	recs int
}

// NewBatch starts an empty batch.
func (ix *Index) NewBatch() *Batch { return &Batch{ix: ix, b: ix.bi.NewBatch()} }

// Size is the number of Bleve operations in the batch.
func (b *Batch) Size() int { return b.b.Size() }

// Documents and Records count what Add put in the batch.
func (b *Batch) Documents() int { return b.docs }
func (b *Batch) Records() int   { return b.recs }

// Add puts a document with its sentences and records in the batch,
// replacing whatever the index holds for the same source.
func (b *Batch) Add(res *extract.Result) error {
	doc := res.Doc
	if doc.Source == "" {
		return errors.New("index: add: document has no source")
	}
	old, found, err := b.ix.Lookup(doc.Source)
	if err != nil {
		return err
	}
	for i, s := range res.Sentences {
		if s.Start < 0 || s.End > len(doc.Text) || s.Start > s.End {
			return fmt.Errorf("index: add %s: sentence %d span [%d:%d] outside the text", doc.Source, i, s.Start, s.End)
		}
		d := &recordDoc{Kind: KindSentence, Text: doc.Text[s.Start:s.End], Heading: s.Heading}
		docFields(d, doc)
		d.YearKey = yearKey(doc.Year)
		// The stored JSON leaves the text out: it is the stored text field.
		js, err := json.Marshal(schema.Record{Kind: KindSentence, Doc: doc.ID, Source: doc.Source,
			Start: s.Start, End: s.End, Sentence: i, Heading: s.Heading})
		if err != nil {
			return fmt.Errorf("index: add %s: %w", doc.Source, err)
		}
		d.JSON = string(js)
		if err := b.index(senID(doc.Source, i), d); err != nil {
			return fmt.Errorf("index: add %s: %w", doc.Source, err)
		}
	}
	for i, r := range res.Records {
		if r.Start < 0 || r.End > len(doc.Text) || r.Start > r.End || doc.Text[r.Start:r.End] != r.Text {
			return fmt.Errorf("index: add %s: record %d is not grounded: text[%d:%d] != %q", doc.Source, i, r.Start, r.End, r.Text)
		}
		d := &recordDoc{
			Kind: r.Kind, Text: r.Text, Heading: r.Heading, Object: r.Object, Name: r.Name,
			Examples: r.Examples, Verb: r.Verb, Stage: r.Stage, Modality: r.Modality, Unit: r.Unit,
			BaseUnit: r.BaseUnit, Approx: r.Approx, Direction: r.Direction, Category: r.Category,
			Origin: r.Origin, Value: r.Value, ValueMax: r.ValueMax, Scaled: r.Scaled,
		}
		docFields(d, doc)
		d.About = r.Text
		if r.Verb != "" && !strings.Contains(r.Text, r.Verb) {
			d.About += " " + r.Verb
		}
		lo, hi := 0, len(doc.Text)
		if r.Sentence >= 0 && r.Sentence < len(res.Sentences) {
			s := res.Sentences[r.Sentence]
			if len(d.Heading) == 0 {
				d.Heading = s.Heading
			}
			if s.Start <= r.Start && r.End <= s.End {
				lo, hi = s.Start, s.End
			}
		}
		if cs, ce := clause(doc.Text, r.Start, r.End, lo, hi); ce-cs > len(r.Text) {
			d.Context = doc.Text[cs:ce]
		}
		y := r.Year
		if y == 0 {
			y = doc.Year
		}
		d.YearKey = yearKey(y)
		r.Doc, r.Source = doc.ID, doc.Source
		js, err := json.Marshal(r)
		if err != nil {
			return fmt.Errorf("index: add %s: %w", doc.Source, err)
		}
		d.JSON = string(js)
		if err := b.index(recID(doc.Source, i), d); err != nil {
			return fmt.Errorf("index: add %s: %w", doc.Source, err)
		}
	}
	// Rows of the old version beyond the new counts go; the others were
	// overwritten above.
	if found {
		for i := len(res.Sentences); i < old.Sentences; i++ {
			b.b.Delete(senID(doc.Source, i))
		}
		for i := len(res.Records); i < old.Records; i++ {
			b.b.Delete(recID(doc.Source, i))
		}
	}
	d := &recordDoc{Kind: KindDocument, TitleText: doc.Title,
		Records: float64(len(res.Records)), Sentences: float64(len(res.Sentences))}
	docFields(d, doc)
	d.YearKey = yearKey(doc.Year)
	js, err := json.Marshal(doc)
	if err != nil {
		return fmt.Errorf("index: add %s: %w", doc.Source, err)
	}
	d.JSON = string(js)
	if err := b.index(docID(doc.Source), d); err != nil {
		return fmt.Errorf("index: add %s: %w", doc.Source, err)
	}
	b.docs++
	b.recs += len(res.Records)
	return nil
}

// Delete puts the removal of a source's document, sentences and records in
// the batch. Deleting an unknown source is not an error.
func (b *Batch) Delete(source string) error {
	old, found, err := b.ix.Lookup(source)
	if err != nil || !found {
		return err
	}
	for i := 0; i < old.Sentences; i++ {
		b.b.Delete(senID(source, i))
	}
	for i := 0; i < old.Records; i++ {
		b.b.Delete(recID(source, i))
	}
	b.b.Delete(docID(source))
	return nil
}

// Commit applies the batch atomically and durably, then empties it.
func (ix *Index) Commit(ctx context.Context, b *Batch) error {
	if b.b.Size() == 0 {
		return nil
	}
	if err := ix.bi.Batch(b.b); err != nil {
		return fmt.Errorf("index: commit: %w", err)
	}
	b.b.Reset()
	b.docs, b.recs = 0, 0
	return nil
}

// DocInfo is what the index holds about a stored document.
type DocInfo struct {
	Doc       schema.Document
	Records   int
	Sentences int
}

// Lookup returns the stored document read from source.
func (ix *Index) Lookup(source string) (DocInfo, bool, error) {
	req := bleve.NewSearchRequest(bleve.NewDocIDQuery([]string{docID(source)}))
	req.Fields = []string{"json", "records", "sentences"}
	res, err := ix.bi.Search(req)
	if err != nil {
		return DocInfo{}, false, fmt.Errorf("index: lookup %s: %w", source, err)
	}
	if len(res.Hits) == 0 {
		return DocInfo{}, false, nil
	}
	return docInfo(res.Hits[0].Fields)
}

func docInfo(f map[string]any) (DocInfo, bool, error) {
	var di DocInfo
	js, _ := f["json"].(string)
	if err := json.Unmarshal([]byte(js), &di.Doc); err != nil {
		return DocInfo{}, false, fmt.Errorf("index: stored document: %w", err)
	}
	n, _ := f["records"].(float64)
	di.Records = int(n)
	n, _ = f["sentences"].(float64)
	di.Sentences = int(n)
	return di, true, nil
}
