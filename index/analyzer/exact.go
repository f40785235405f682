package analyzer

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/width"
)

//go:generate go run gen_t2s.go

//go:embed t2s.txt
var t2sData string

// ExactName is the analyzer of the exact-match fields: every rune that is
// not a space is a token of its own (folded: full-width to half-width,
// lower case, traditional to simplified), at consecutive positions, so a
// phrase query over runes matches exactly the places where the text holds
// the phrase as written, whatever gse would make of it; a space breaks a
// phrase as it does for grep. One-rune queries are single terms.
const ExactName = "planlens_exact"

// ExactTokenizerName is its tokenizer in Bleve's registry.
const ExactTokenizerName = "planlens_exact_runes"

// Fold is the rune fold of the exact fields and of queries on them.
type Fold struct{ t2s map[rune]rune }

var (
	foldOnce sync.Once
	fold     *Fold
	foldErr  error
)

// DefaultFold returns the fold with the embedded traditional→simplified
// table (parsed once per process; immutable).
func DefaultFold() (*Fold, error) {
	foldOnce.Do(func() { fold, foldErr = parseT2S(t2sData) })
	return fold, foldErr
}

func parseT2S(data string) (*Fold, error) {
	f := &Fold{t2s: make(map[rune]rune, 4096)}
	sc := bufio.NewScanner(strings.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		a, b, ok := strings.Cut(line, "\t")
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if !ok || na != len(a) || nb != len(b) || ra == utf8.RuneError || rb == utf8.RuneError {
			return nil, fmt.Errorf("analyzer: t2s.txt:%d: want two runes separated by a tab, have %q", n, line)
		}
		f.t2s[ra] = rb
	}
	return f, sc.Err()
}

// Rune folds one rune.
func (f *Fold) Rune(r rune) rune {
	if r < utf8.RuneSelf {
		return unicode.ToLower(r)
	}
	if p := width.LookupRune(r); p.Kind() == width.EastAsianFullwidth {
		if n := p.Narrow(); n != 0 {
			r = n
		}
	}
	if s, ok := f.t2s[r]; ok {
		r = s
	}
	return unicode.ToLower(r)
}

// String folds every rune of s (byte lengths may change; use it on
// queries, never on text that offsets point into).
func (f *Fold) String(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(f.Rune(r))
	}
	return b.String()
}

// ExactTokenizer emits one token per non-space rune.
type ExactTokenizer struct{ Fold *Fold }

// Tokenize implements analysis.Tokenizer.
func (t ExactTokenizer) Tokenize(input []byte) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, utf8.RuneCount(input))
	pos := 0
	gap := false
	for i := 0; i < len(input); {
		r, n := utf8.DecodeRune(input[i:])
		if unicode.IsSpace(r) || r == utf8.RuneError {
			gap = true
			i += n
			continue
		}
		pos++
		if gap && len(out) > 0 {
			pos++ // a space breaks phrases
		}
		gap = false
		if t.Fold != nil {
			r = t.Fold.Rune(r)
		}
		out = append(out, &analysis.Token{
			Term: utf8.AppendRune(nil, r), Start: i, End: i + n, Position: pos,
			Type: exactType(r),
		})
		i += n
	}
	return out
}

func exactType(r rune) analysis.TokenType {
	switch {
	case unicode.Is(unicode.Han, r):
		return analysis.Ideographic
	case unicode.IsDigit(r):
		return analysis.Numeric
	}
	return analysis.AlphaNumeric
}

// ExactTerms returns the folded runes of a query phrase, spaces dropped:
// the terms of a phrase query on an exact field.
func (f *Fold) ExactTerms(s string) []string {
	var out []string
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		out = append(out, string(f.Rune(r)))
	}
	return out
}

func exactTokenizerConstructor(config map[string]any, cache *registry.Cache) (analysis.Tokenizer, error) {
	f, err := DefaultFold()
	if err != nil {
		return nil, err
	}
	return ExactTokenizer{Fold: f}, nil
}

func exactAnalyzerConstructor(config map[string]any, cache *registry.Cache) (analysis.Analyzer, error) {
	tok, err := cache.TokenizerNamed(ExactTokenizerName)
	if err != nil {
		return nil, fmt.Errorf("analyzer: %w", err)
	}
	return &analysis.DefaultAnalyzer{Tokenizer: tok}, nil
}

func init() {
	if err := registry.RegisterTokenizer(ExactTokenizerName, exactTokenizerConstructor); err != nil {
		panic(fmt.Sprintf("analyzer: %v", err))
	}
	if err := registry.RegisterAnalyzer(ExactName, exactAnalyzerConstructor); err != nil {
		panic(fmt.Sprintf("analyzer: %v", err))
	}
}
