// Package segment wraps gse with its embedded simplified-Chinese dictionary
// and planlens's policy-domain lexicon. Load it once per process and share
// the *Segmenter: cutting is safe for concurrent use, loading is not.
package segment

import (
	"bufio"
	_ "embed"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

//go:embed policy.dict
var policyDict string

// Options configure Load.
type Options struct {
	// Dicts are extra user dictionaries: one word a line, optionally
	// followed by a frequency and a part-of-speech tag, separated by spaces.
	Dicts []string
	// Cache is the directory of dictionary snapshots (see Load): empty for
	// the user cache directory's planlens/segment, "off" for none.
	Cache string
}

// Segmenter cuts Chinese text into words with byte offsets.
type Segmenter struct {
	seg gse.Segmenter
}

// Token is one word: its byte span in the cut text and gse's POS tag
// (from the dictionary; empty for unknown words).
type Token struct {
	Start, End int
	Pos        string
}

// Load returns a segmenter with gse's embedded zh_s dictionary, the policy
// lexicon and the user dictionaries (the lexicon and user words first, so
// that their frequencies win over gse's).
//
// Building that dictionary takes gse a second or more (it segments every
// entry to prepare its search mode), so Load keeps the built dictionary as
// a snapshot file in opts.Cache, keyed by a hash of everything it is built
// from, and later loads read the snapshot instead (about a tenth of the
// time). A missing, stale or damaged snapshot is rebuilt; failing to write
// one only costs time.
func Load(opts Options) (*Segmenter, error) {
	var dicts []userDict
	for _, path := range opts.Dicts {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("segment: user dictionary: %w", err)
		}
		dicts = append(dicts, userDict{name: path, data: string(b)})
	}
	key := snapshotKey(dicts)
	path := snapshotPath(opts.Cache, key)
	if path != "" {
		if dict, err := readSnapshot(path, key); err == nil {
			return newSegmenter(dict), nil
		}
	}
	s, err := build(dicts)
	if err != nil {
		return nil, err
	}
	if path != "" {
		_ = writeSnapshot(path, key, &s.seg) // the snapshot only saves time
	}
	return s, nil
}

// userDict is the content of one user dictionary file.
type userDict struct{ name, data string }

// newSegmenter returns a segmenter with gse's settings as build leaves them.
func newSegmenter(dict *gse.Dictionary) *Segmenter {
	s := &Segmenter{}
	s.seg.SkipLog = true
	// Segment never uses gse's HMM model; loading it costs time and memory
	s.seg.NotLoadHMM = true
	s.seg.Dict = dict
	s.seg.Init()
	return s
}

// build loads the dictionary from its sources with a single CalcToken pass.
func build(dicts []userDict) (*Segmenter, error) {
	s := newSegmenter(gse.NewDict())
	if err := s.addEntries("policy.dict", policyDict); err != nil {
		return nil, err
	}
	for _, d := range dicts {
		if err := s.addEntries(d.name, d.data); err != nil {
			return nil, err
		}
	}
	if err := s.seg.LoadDictEmbed("zh_s"); err != nil {
		return nil, fmt.Errorf("segment: load gse zh_s dictionary: %w", err)
	}
	return s, nil
}

func (s *Segmenter) addEntries(name, data string) error {
	sc := bufio.NewScanner(strings.NewReader(data))
	line := 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		freq := 3000.0
		pos := "nz"
		if len(f) > 1 {
			v, err := strconv.ParseFloat(f[1], 64)
			if err != nil || v <= 0 {
				return fmt.Errorf("segment: %s:%d: bad frequency %q", name, line, f[1])
			}
			freq = v
		}
		if len(f) > 2 {
			pos = f[2]
		}
		if err := s.seg.AddToken(f[0], freq, pos); err != nil {
			return fmt.Errorf("segment: %s:%d: %w", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("segment: %s: %w", name, err)
	}
	return nil
}

// Cut segments text (a sentence or clause; not a whole document, gse slows
// down sharply on very long inputs) by dictionary shortest path. Token
// offsets are byte offsets into text; slice text with them, gse lowercases
// Latin letters in its own token texts.
func (s *Segmenter) Cut(text string) []Token {
	segs := s.seg.Segment([]byte(text))
	out := make([]Token, 0, len(segs))
	for _, sg := range segs {
		out = append(out, Token{Start: sg.Start(), End: sg.End(), Pos: sg.Token().Pos()})
	}
	return out
}

// SubWords returns, for the word at text[start:end], the shorter dictionary
// words inside it (search mode), with offsets relative to text. It is empty
// for words with no sub-words and for text that is not one word.
//
// These are the sub-segments gse's CalcToken stores on each dictionary
// token, computed here when asked for (a snapshot does not store them):
// gse's search-mode segmentation of the word, without single kana.
func (s *Segmenter) SubWords(text string, start, end int) []Token {
	word := []byte(text[start:end])
	segs := s.seg.Segment(word)
	if len(segs) != 1 {
		return nil
	}
	var out []Token
	for _, sub := range s.seg.ModeSegment(word, true) {
		w := text[start+sub.Start() : start+sub.End()]
		if sub.End()-sub.Start() == end-start || utf8.RuneCountInString(w) == 1 && gse.IsJp(w) {
			continue
		}
		out = append(out, Token{Start: start + sub.Start(), End: start + sub.End(), Pos: sub.Token().Pos()})
	}
	return out
}

// Lookup reports whether word is in the dictionary, with its POS tag.
func (s *Segmenter) Lookup(word string) (pos string, ok bool) {
	_, pos, ok = s.seg.Dict.Find([]byte(word))
	return pos, ok
}

var (
	sharedOnce sync.Once
	shared     *Segmenter
	sharedErr  error
)

// Shared returns the process-wide segmenter with the default options,
// loading it on first use. It exists for Bleve's tokenizer registry, whose
// constructors cannot be handed values; everything else should take a
// *Segmenter explicitly (and may pass this one).
func Shared() (*Segmenter, error) {
	sharedOnce.Do(func() { shared, sharedErr = Load(Options{}) })
	return shared, sharedErr
}
