// Package index stores extraction results in a Bleve (scorch) index on disk
// and searches them.
//
// Three kinds of Bleve document (rows) live in one index, told apart by
// their "kind" field: records (target, project, action), sentences (kind
// "sentence") and documents (kind "document").
//
// What is indexed and stored is chosen for size and speed (Layout 2). A
// sentence's text is analysed, stored and given term vectors once, on its
// row. A record row indexes what the record says (its text and governing
// verb, with term vectors for phrases), the clause around it, its names,
// headings and filter keywords; it stores the record's JSON without what
// other rows hold: its text (a slice of its sentence row's), its document's
// id, source, title, region, level and year, and its heading path (an
// index into the document row's table of heading paths). Search rebuilds
// hits whole from those rows and highlights a record's sentence on the
// sentence row. Every row keeps the keywords filters and facets need.
//
// Bleve ids are short and derived from the source (the path a document
// was read from): "dKEY" for the document, "sKEY.N" and "rKEY.N" for its
// sentences and records, KEY a hash of the source. A document and all its
// records and sentences are written in one Bleve batch, which scorch
// applies atomically, so an interrupted ingest never leaves half a
// document; the document row records its text hash (doc id), so an
// unchanged source is skipped.
package index

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/cjk" // baseline analyzer
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"
	bolt "go.etcd.io/bbolt"

	"github.com/planlens/planlens/extract/textlayer"
	"github.com/planlens/planlens/gazetteer"
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
	// ReadOnly opens an existing index for searching only: any number of
	// read-only opens (search, stats, serve) work side by side; a writer
	// (ingest) waits for them. Implies MustExist.
	ReadOnly bool
	// Shards is the number of shards of a new index (see shard.go); 0 or
	// 1 makes an unsharded index. An existing index keeps its own.
	Shards int
}

// ErrNoIndex reports that Open found no index and was told not to create one.
var ErrNoIndex = errors.New("no index")

// Index is an open planlens index. Its methods are safe for concurrent use.
type Index struct {
	dir string
	// bi is the index searched: the one Bleve index, or an alias over
	// the shards.
	bi bleve.Index
	// shards are the Bleve indexes written (one when unsharded).
	shards []bleve.Index
	// queryAnalyzer analyses queries on the Chinese text fields.
	queryAnalyzer string
	// fields says how each property of a row becomes Bleve fields.
	fields map[string][]fieldSpec
	// fold folds queries as the exact fields fold text; synonyms expand
	// query terms; gaz resolves regions for the region hierarchy.
	fold     *analyzer.Fold
	synonyms *synonymSet
	gaz      *gazetteer.Gazetteer
	hasExact bool
}

// Layout is the version of what rows hold and how they are keyed, kept in
// the index (internal key layoutKey). Open refuses an index of another
// layout: its rows would be misread and never replaced.
// 4: indicator, scaled and base_unit fields (panel's --indicator and
// scaled --min/--max); a layout-3 index has no such fields and would fail
// to take records that carry them.
const Layout = "4"

const layoutKey = "planlens_layout"

// ErrLayout reports an index written by a planlens with another row layout.
var ErrLayout = errors.New("written by another version of planlens")

// openOne opens the unsharded index (or the shard) in dir, creating it
// when dir holds no index.
func openOne(ctx context.Context, dir string, opts Options) (*Index, error) {
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
	if opts.ReadOnly {
		opts.MustExist = true
		runtime["read_only"] = true
	}
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
	if err := checkLayout(bi, opts.ReadOnly); err != nil {
		bi.Close()
		return nil, fmt.Errorf("index: open %s: %w", dir, err)
	}
	fold, err := analyzer.DefaultFold()
	if err != nil {
		bi.Close()
		return nil, fmt.Errorf("index: open %s: %w", dir, err)
	}
	syn, err := defaultSynonyms(fold)
	if err != nil {
		bi.Close()
		return nil, fmt.Errorf("index: open %s: %w", dir, err)
	}
	ix := &Index{dir: dir, bi: bi, shards: []bleve.Index{bi}, queryAnalyzer: analyzerOf(bi), fold: fold, synonyms: syn, gaz: gazetteer.Default()}
	im, ok := bi.Mapping().(*mapping.IndexMappingImpl)
	if !ok {
		bi.Close()
		return nil, fmt.Errorf("index: open %s: unexpected mapping %T", dir, bi.Mapping())
	}
	if ix.fields, err = fieldSpecs(im); err != nil {
		bi.Close()
		return nil, fmt.Errorf("index: open %s: %w", dir, err)
	}
	ix.hasExact = ix.hasField("text_exact")
	if ix.queryAnalyzer == analyzer.Name {
		ix.queryAnalyzer = analyzer.SearchName
		if err := analyzer.Load(); err != nil {
			bi.Close()
			return nil, fmt.Errorf("index: open %s: %w", dir, err)
		}
	}
	return ix, nil
}

// checkLayout stamps an empty index with Layout and checks that a
// non-empty one has it.
func checkLayout(bi bleve.Index, readOnly bool) error {
	v, err := bi.GetInternal([]byte(layoutKey))
	if err != nil {
		return err
	}
	if string(v) == Layout || (readOnly && v == nil) {
		return nil
	}
	n, err := bi.DocCount()
	if err != nil {
		return err
	}
	if n > 0 || v != nil {
		if v == nil {
			v = []byte("1")
		}
		return fmt.Errorf("%w (layout %s, this one reads %s): remove it and ingest again", ErrLayout, v, Layout)
	}
	return bi.SetInternal([]byte(layoutKey), []byte(Layout))
}

func analyzerOf(bi bleve.Index) string {
	if m, ok := bi.Mapping().(*mapping.IndexMappingImpl); ok {
		return m.DefaultAnalyzer
	}
	return ""
}

// Dir returns the index directory.
func (ix *Index) Dir() string { return ix.dir }

// Close releases the index and its locks.
func (ix *Index) Close() error {
	var errs []error
	for _, bi := range ix.shards {
		if err := bi.Close(); err != nil {
			errs = append(errs, fmt.Errorf("index: close %s: %w", ix.dir, err))
		}
	}
	return errors.Join(errs...)
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

	// With gse, titles are also indexed as bigrams (the cjk analyzer) in
	// NAME_cjk: a low-weight recall companion for words that gse cuts
	// differently in context (海淀区 in 海淀|区政府).
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
	// Exact companions NAME_exact: every rune a token (analyzer.ExactName),
	// so that a quoted phrase finds every literal occurrence, one-rune
	// queries work, and traditional and simplified text match.
	exact := func(name string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Name = name + "_exact"
		f.Analyzer = analyzer.ExactName
		f.Store = false
		f.IncludeTermVectors = true
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	dm := bleve.NewDocumentStaticMapping()
	// Sentence rows: the sentence, searched and highlighted.
	dm.AddFieldMappingsAt("text", text(true, true), exact("text"))
	// Records: what the record says, searched (phrases too). No bigram
	// companion here: on the corpus queries it found no record more, and it
	// cost a tenth of the index.
	dm.AddFieldMappingsAt("about", text(false, true), exact("about"))
	dm.AddFieldMappingsAt("context", text(false, true))
	for _, name := range []string{"object", "name"} {
		dm.AddFieldMappingsAt(name, text(false, false), exact(name))
	}
	// Headings repeat on every row of their section: no exact companion
	// (heading:"…" is a gse phrase).
	dm.AddFieldMappingsAt("heading", text(false, true))
	dm.AddFieldMappingsAt("examples", text(false, false))
	dm.AddFieldMappingsAt("title", append([]*mapping.FieldMapping{text(false, false), exact("title")}, companion("title")...)...)
	for _, name := range []string{"kind", "stage", "modality", "region", "unit", "year_key", "level", "genre", "issuer", "indicator"} {
		dm.AddFieldMappingsAt(name, keyword(true))
	}
	// Filters. Record fields no query looks at (verb, approx, direction,
	// origin, base_unit, value_max, scaled) are only in the stored JSON.
	// region_path holds the document's region and every division above
	// it (names as paths, and codes): a region filter includes what lies
	// under it. source_base is the file name, for --doc.
	for _, name := range []string{"doc", "source", "source_base", "category", "region_path", "doc_number"} {
		dm.AddFieldMappingsAt(name, keyword(false))
	}
	value := number()
	value.DocValues = true // sort by value
	dm.AddFieldMappingsAt("value", value)
	dm.AddFieldMappingsAt("confidence", number())
	// scaled: a target's value in its base unit (1.2亿元 → 1.2e8 元), for
	// --min/--max with --unit; base_unit its unit without multiplier.
	dm.AddFieldMappingsAt("scaled", number())
	dm.AddFieldMappingsAt("base_unit", keyword(false))
	dm.AddFieldMappingsAt("json", stored())
	dm.AddFieldMappingsAt("headings", stored())
	// The document's whole text, for the document view (Index.Document).
	dm.AddFieldMappingsAt("doctext", stored())
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

// Bleve document ids: a letter for the row kind and a key of the source
// (short ids keep the stored _id field small): "dKEY" for the document,
// "sKEY.N" for its sentence N, "rKEY.N" for its record N.
func sourceKey(source string) string {
	h := sha256.Sum256([]byte(source))
	return base64.RawURLEncoding.EncodeToString(h[:9])
}

func docID(source string) string { return "d" + sourceKey(source) }
func recID(source string, n int) string {
	return "r" + sourceKey(source) + "." + strconv.Itoa(n)
}
func senID(source string, n int) string { return senRowID(sourceKey(source), n) }
func senRowID(key string, n int) string { return "s" + key + "." + strconv.Itoa(n) }

// parseID splits a row id into its kind letter, source key and number.
func parseID(id string) (kind byte, key string, n int, ok bool) {
	if len(id) < 2 {
		return 0, "", 0, false
	}
	kind, rest := id[0], id[1:]
	if kind == 'd' {
		return kind, rest, 0, true
	}
	key, num, found := strings.Cut(rest, ".")
	if !found {
		return 0, "", 0, false
	}
	n, err := strconv.Atoi(num)
	return kind, key, n, err == nil
}

// Stored forms. Rows store only what their document row does not: a hit
// gets its document's id, source, title, region, level and year, and its
// heading path (an index into the document's table of headings), from the
// document row.

// storedRecord is a record row's "json": the record without doc, source
// and heading.
type storedRecord struct {
	schema.Record
	// H indexes the document's headings; nil when the record has none.
	H *int `json:"h,omitempty"`
	// T marks a record stored without its text: the text is the slice of
	// its sentence row's text at its offsets.
	T bool `json:"t,omitempty"`
}

// storedSentence is a sentence row's "json"; its text is the stored text
// field.
type storedSentence struct {
	Start int  `json:"start"`
	End   int  `json:"end"`
	H     *int `json:"h,omitempty"`
}

// headingTable numbers a document's distinct heading paths.
type headingTable struct {
	paths [][]string
	index map[string]int
}

func (t *headingTable) add(h []string) *int {
	if len(h) == 0 {
		return nil
	}
	k := strings.Join(h, "\x00")
	i, ok := t.index[k]
	if !ok {
		if t.index == nil {
			t.index = map[string]int{}
		}
		i = len(t.paths)
		t.index[k] = i
		t.paths = append(t.paths, h)
	}
	return &i
}

// row builds one Bleve document field by field, as the mapping says.
type row struct {
	ix  *Index
	doc *document.Document
	err error
}

func (ix *Index) newRow(id string) *row {
	return &row{ix: ix, doc: document.NewDocument(id)}
}

func (r *row) fieldSpecs(name string) []fieldSpec {
	specs, ok := r.ix.fields[name]
	if !ok && r.err == nil {
		r.err = fmt.Errorf("index: field %q is not in the mapping", name)
	}
	return specs
}

// text adds a string property; empty strings are left out, so that facets
// and filters never see empty keywords.
func (r *row) text(name, v string) {
	if v != "" {
		r.add(name, v, []uint64{})
	}
}

// texts adds an array property, one field per element.
func (r *row) texts(name string, vs []string) {
	for i, v := range vs {
		if v != "" {
			r.add(name, v, []uint64{uint64(i)})
		}
	}
}

func (r *row) add(name, v string, pos []uint64) {
	for _, f := range r.fieldSpecs(name) {
		r.doc.AddField(document.NewTextFieldCustom(f.name, pos, []byte(v), f.opts, f.analyzer))
	}
}

// number adds a numeric property.
func (r *row) number(name string, v float64) {
	for _, f := range r.fieldSpecs(name) {
		r.doc.AddField(document.NewNumericFieldWithIndexingOptions(f.name, []uint64{}, v, f.opts))
	}
}

// json adds v as JSON text.
func (r *row) json(name string, v any) {
	js, err := json.Marshal(v)
	if err != nil {
		if r.err == nil {
			r.err = err
		}
		return
	}
	r.text(name, string(js))
}

// fieldSpec is one Bleve field a mapped property becomes.
type fieldSpec struct {
	name     string
	opts     bindex.FieldIndexingOptions
	analyzer analysis.Analyzer
}

// fieldSpecs reads the mapping's properties into the fields Batch.Add
// builds, so that rows are what Bleve's mapping would make of them,
// without its reflection walk. The heading field's analysis is cached: a
// document's heading paths repeat on many rows.
func fieldSpecs(im *mapping.IndexMappingImpl) (map[string][]fieldSpec, error) {
	if im.DefaultMapping == nil {
		return nil, errors.New("index: mapping has no default document mapping")
	}
	out := map[string][]fieldSpec{}
	for prop, dm := range im.DefaultMapping.Properties {
		for _, fm := range dm.Fields {
			f := fieldSpec{name: prop, opts: fm.Options()}
			if fm.Name != "" {
				f.name = fm.Name
			}
			switch fm.Type {
			case "text":
				an := fm.Analyzer
				if an == "" {
					an = im.DefaultAnalyzer
				}
				f.analyzer = im.AnalyzerNamed(an)
				if f.analyzer == nil {
					return nil, fmt.Errorf("index: field %s: no analyzer %q", f.name, an)
				}
				if prop == "heading" {
					f.analyzer = newCachedAnalyzer(f.analyzer, 4096)
				}
			case "number":
			default:
				return nil, fmt.Errorf("index: field %s: type %q not supported", f.name, fm.Type)
			}
			out[prop] = append(out[prop], f)
		}
	}
	return out, nil
}

// cachedAnalyzer remembers the token streams of recent inputs. It is safe
// for concurrent use; the cache is emptied whenever it holds max inputs.
type cachedAnalyzer struct {
	an  analysis.Analyzer
	max int
	mu  sync.Mutex
	m   map[string]analysis.TokenStream
}

func newCachedAnalyzer(an analysis.Analyzer, max int) *cachedAnalyzer {
	return &cachedAnalyzer{an: an, max: max, m: map[string]analysis.TokenStream{}}
}

// Analyze implements analysis.Analyzer. Callers get their own tokens.
func (c *cachedAnalyzer) Analyze(in []byte) analysis.TokenStream {
	c.mu.Lock()
	ts, ok := c.m[string(in)]
	c.mu.Unlock()
	if !ok {
		ts = c.an.Analyze(in)
		c.mu.Lock()
		if len(c.m) >= c.max {
			clear(c.m)
		}
		c.m[string(in)] = ts
		c.mu.Unlock()
	}
	out := make(analysis.TokenStream, len(ts))
	toks := make([]analysis.Token, len(ts))
	for i, t := range ts {
		toks[i] = *t
		out[i] = &toks[i]
	}
	return out
}

// maxClause bounds a record's context on each side, in bytes.
const maxClause = 120

// clause widens [start:end] of text to the clause around it (the text
// layer's definition, textlayer.IsClauseBreak): back to just after the
// previous clause mark and on to just before the next,
// not beyond [lo:hi] nor maxClause bytes on either side.
func clause(text string, start, end, lo, hi int) (int, int) {
	lo, hi = max(lo, start-maxClause), min(hi, end+maxClause)
	cs := start
	for cs > lo {
		r, n := utf8.DecodeLastRuneInString(text[lo:cs])
		if textlayer.IsClauseBreak(r) {
			break
		}
		cs -= n
	}
	ce := end
	for ce < hi {
		r, n := utf8.DecodeRuneInString(text[ce:hi])
		if textlayer.IsClauseBreak(r) {
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

func yearKey(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

// Batch collects writes that Commit applies atomically.
type Batch struct {
	ix *Index
	// bs holds one Bleve batch per shard.
	bs   []*bleve.Batch
	docs int
	recs int
}

// NewBatch starts an empty batch.
func (ix *Index) NewBatch() *Batch { return &Batch{ix: ix, bs: ix.newBatches()} }

// Size is the number of Bleve operations in the batch.
func (b *Batch) Size() int {
	n := 0
	for _, bb := range b.bs {
		n += bb.Size()
	}
	return n
}

// Documents and Records count what Add put in the batch.
func (b *Batch) Documents() int { return b.docs }
func (b *Batch) Records() int   { return b.recs }

// Add puts a document with its sentences and records in the batch,
// replacing whatever the index holds for the same source.
func (b *Batch) Add(res *schema.Result) error {
	doc := res.Doc
	if doc.Source == "" {
		return errors.New("index: add: document has no source")
	}
	old, found, err := b.ix.Lookup(doc.Source)
	if err != nil {
		return err
	}
	bb := b.bs[b.ix.shardOf(doc.Source)]
	var rows []*row
	var headings headingTable
	year := yearKey(doc.Year)
	regionPath := regionKeys(b.ix.gaz, doc.Region)
	// common adds the fields every row has: what filters and facets need.
	common := func(r *row, kind, year string) {
		r.text("kind", kind)
		r.text("doc", doc.ID)
		r.text("source", doc.Source)
		r.text("region", doc.Region)
		r.text("level", doc.Level)
		r.text("year_key", year)
		r.texts("region_path", regionPath)
		r.text("genre", doc.Genre)
		r.text("issuer", doc.Issuer)
		r.text("doc_number", doc.DocNumber)
		r.text("source_base", filepath.Base(doc.Source))
	}
	for i, s := range res.Sentences {
		if s.Start < 0 || s.End > len(doc.Text) || s.Start > s.End {
			return fmt.Errorf("index: add %s: sentence %d span [%d:%d] outside the text", doc.Source, i, s.Start, s.End)
		}
		r := b.ix.newRow(senID(doc.Source, i))
		common(r, KindSentence, year)
		r.text("text", doc.Text[s.Start:s.End])
		r.texts("heading", s.Heading)
		r.json("json", storedSentence{Start: s.Start, End: s.End, H: headings.add(s.Heading)})
		rows = append(rows, r)
	}
	for i, rec := range res.Records {
		if rec.Start < 0 || rec.End > len(doc.Text) || rec.Start > rec.End || doc.Text[rec.Start:rec.End] != rec.Text {
			return fmt.Errorf("index: add %s: record %d is not grounded: text[%d:%d] != %q", doc.Source, i, rec.Start, rec.End, rec.Text)
		}
		r := b.ix.newRow(recID(doc.Source, i))
		y := rec.Year
		if y == 0 {
			y = doc.Year
		}
		common(r, rec.Kind, yearKey(y))
		// What the record says: its text, and its governing verb when the
		// text does not contain it (a target 9所学校 of verb 开工 is about
		// 9所学校 开工, and a phrase query 学校开工 matches it).
		about := rec.Text
		if rec.Verb != "" && !strings.Contains(rec.Text, rec.Verb) {
			about += " " + rec.Verb
		}
		r.text("about", about)
		heading := rec.Heading
		lo, hi := 0, len(doc.Text)
		inSentence := false
		if rec.Sentence >= 0 && rec.Sentence < len(res.Sentences) {
			s := res.Sentences[rec.Sentence]
			if len(heading) == 0 {
				heading = s.Heading
			}
			if s.Start <= rec.Start && rec.End <= s.End {
				lo, hi = s.Start, s.End
				inSentence = true
			}
		}
		// The clause around the record, when it says more: the verb that
		// starts a project, the object of a target.
		if cs, ce := clause(doc.Text, rec.Start, rec.End, lo, hi); ce-cs > len(rec.Text) {
			r.text("context", doc.Text[cs:ce])
		}
		r.texts("heading", heading)
		r.text("object", rec.Object)
		r.text("name", rec.Name)
		r.texts("examples", rec.Examples)
		r.text("stage", rec.Stage)
		r.text("modality", rec.Modality)
		r.text("unit", rec.Unit)
		r.text("category", rec.Category)
		if rec.Value != nil {
			r.number("value", *rec.Value)
		}
		if rec.Confidence > 0 {
			r.number("confidence", rec.Confidence)
		}
		r.text("indicator", rec.Indicator)
		if rec.Value != nil && rec.Unit != "" {
			scaled, base := *rec.Value, rec.Unit
			if rec.Scaled != nil && rec.BaseUnit != "" {
				scaled, base = *rec.Scaled, rec.BaseUnit
			}
			r.text("base_unit", base)
			r.number("scaled", scaled)
		}
		sr := storedRecord{Record: rec, H: headings.add(rec.Heading)}
		sr.Doc, sr.Source, sr.Heading = "", "", nil
		if inSentence && rec.Text != "" {
			sr.Text, sr.T = "", true
		}
		js, err := json.Marshal(sr)
		if err != nil {
			return fmt.Errorf("index: add %s: %w", doc.Source, err)
		}
		// The emptied fields go too (schema.Record's order: kind, doc,
		// source, text).
		js = bytes.Replace(js, []byte(`,"doc":"","source":""`), nil, 1)
		if sr.T {
			js = bytes.Replace(js, []byte(`,"text":""`), nil, 1)
		}
		r.text("json", string(js))
		rows = append(rows, r)
	}
	// The document row comes last; Lookup finds it, with its counts.
	r := b.ix.newRow(docID(doc.Source))
	common(r, KindDocument, year)
	r.text("title", doc.Title)
	r.json("json", doc)
	r.json("headings", headings.paths)
	if _, ok := b.ix.fields["doctext"]; ok { // indexes made before it have no such field
		r.text("doctext", doc.Text)
	}
	r.number("records", float64(len(res.Records)))
	r.number("sentences", float64(len(res.Sentences)))
	rows = append(rows, r)
	for _, r := range rows {
		if r.err != nil {
			return fmt.Errorf("index: add %s: %w", doc.Source, r.err)
		}
	}
	for _, r := range rows {
		if err := bb.IndexAdvanced(r.doc); err != nil {
			return fmt.Errorf("index: add %s: %w", doc.Source, err)
		}
	}
	// Rows of the old version beyond the new counts go; the others were
	// overwritten above.
	if found {
		for i := len(res.Sentences); i < old.Sentences; i++ {
			bb.Delete(senID(doc.Source, i))
		}
		for i := len(res.Records); i < old.Records; i++ {
			bb.Delete(recID(doc.Source, i))
		}
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
	bb := b.bs[b.ix.shardOf(source)]
	for i := 0; i < old.Sentences; i++ {
		bb.Delete(senID(source, i))
	}
	for i := 0; i < old.Records; i++ {
		bb.Delete(recID(source, i))
	}
	bb.Delete(docID(source))
	return nil
}

// Commit applies the batch durably, then empties it: atomically when the
// index is unsharded; sharded, each shard's part is applied atomically, in
// parallel (a document and its rows are always in one shard).
func (ix *Index) Commit(ctx context.Context, b *Batch) error {
	if b.Size() == 0 {
		return nil
	}
	if err := ix.commitShards(b.bs); err != nil {
		return fmt.Errorf("index: commit: %w", err)
	}
	// New Bleve batches rather than Reset: scorch's analysis goroutine may
	// still be reading the old one's map when Batch returns.
	b.bs = ix.newBatches()
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
	di, err := docInfo(res.Hits[0].Fields)
	if err != nil {
		return DocInfo{}, false, err
	}
	if di.Doc.Source != source {
		return DocInfo{}, false, fmt.Errorf("index: lookup %s: row %s holds %s", source, docID(source), di.Doc.Source)
	}
	return di, true, nil
}

func docInfo(f map[string]any) (DocInfo, error) {
	var di DocInfo
	js, _ := f["json"].(string)
	if err := json.Unmarshal([]byte(js), &di.Doc); err != nil {
		return DocInfo{}, fmt.Errorf("index: stored document: %w", err)
	}
	n, _ := f["records"].(float64)
	di.Records = int(n)
	n, _ = f["sentences"].(float64)
	di.Sentences = int(n)
	return di, nil
}
