// Package analyzer plugs planlens's gse segmenter into Bleve's analysis
// registry: a tokenizer (TokenizerName) and an analyzer (Name) built on it,
// used for Chinese text fields at index and query time.
//
// Tokens carry byte offsets into the analysed text and 1-based positions.
// At index time (Name) longer words also emit their dictionary sub-words
// (two runes or more) at the parent's position, so a query for 学校 finds
// 实验学校 while phrases over whole words still line up; queries use
// SearchName, the same without sub-words.
//
// The dictionary is the process-wide segment.Shared(): constructors never
// load it (Bleve builds tokenizers for every mapping and every Open); it
// loads on the first Tokenize, or earlier through Load, which reports errors.
package analyzer

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/planlens/planlens/extract/segment"
)

const (
	// TokenizerName is the gse tokenizer's name in Bleve's registry.
	TokenizerName = "planlens_gse"
	// Name is the analyzer's name in Bleve's registry: the gse tokenizer,
	// full-width to half-width folding and lower-casing.
	Name = "planlens_zh"

	// SearchTokenizerName and SearchName are the same without sub-words,
	// for queries: a query word then matches the same word in the text or
	// a longer word containing it, and a phrase's words must be adjacent.
	SearchTokenizerName = "planlens_gse_search"
	SearchName          = "planlens_zh_search"
)

// maxChunk bounds the text handed to one Cut call: gse slows down sharply
// on long inputs, so text is cut at clause punctuation and, failing that,
// every maxChunk bytes.
const maxChunk = 512

// Load loads the shared segmenter now rather than on the first Tokenize,
// and reports a failure that Tokenize (which cannot return errors) would
// only show as empty token streams.
func Load() error {
	if _, err := segment.Shared(); err != nil {
		return fmt.Errorf("analyzer: %w", err)
	}
	return nil
}

// Tokenizer cuts text into gse words. Its zero value uses segment.Shared
// and emits no sub-words.
type Tokenizer struct {
	// Segmenter, when set, is used instead of the shared one.
	Segmenter *segment.Segmenter
	// SubWords adds, after each word of three runes or more, its dictionary
	// sub-words of two runes or more at the same position.
	SubWords bool
}

func (t *Tokenizer) segmenter() *segment.Segmenter {
	if t.Segmenter != nil {
		return t.Segmenter
	}
	seg, err := segment.Shared()
	if err != nil {
		return nil
	}
	return seg
}

// Tokenize implements analysis.Tokenizer. Punctuation and spaces produce no
// tokens; if the dictionary cannot be loaded the stream is empty (see Load).
func (t *Tokenizer) Tokenize(input []byte) analysis.TokenStream {
	seg := t.segmenter()
	if seg == nil || len(input) == 0 {
		return nil
	}
	text := string(input)
	out := make(analysis.TokenStream, 0, len(text)/4)
	pos := 0
	for start := 0; start < len(text); {
		// Skip separators, then take the chunk up to the next one.
		r, n := utf8.DecodeRuneInString(text[start:])
		if isSeparator(r) {
			start += n
			continue
		}
		end := start
		for end < len(text) && end-start < maxChunk {
			r, n := utf8.DecodeRuneInString(text[end:])
			if isSeparator(r) {
				break
			}
			end += n
		}
		chunk := text[start:end]
		for _, tok := range seg.Cut(chunk) {
			word := chunk[tok.Start:tok.End]
			typ, ok := tokenType(word)
			if !ok {
				continue
			}
			pos++
			out = append(out, &analysis.Token{
				Start: start + tok.Start, End: start + tok.End,
				Term: []byte(word), Position: pos, Type: typ,
			})
			if !t.SubWords || typ != analysis.Ideographic || utf8.RuneCountInString(word) < 3 {
				continue
			}
			for _, sub := range seg.SubWords(chunk, tok.Start, tok.End) {
				sw := chunk[sub.Start:sub.End]
				if utf8.RuneCountInString(sw) < 2 {
					continue
				}
				out = append(out, &analysis.Token{
					Start: start + sub.Start, End: start + sub.End,
					Term: []byte(sw), Position: pos, Type: analysis.Ideographic,
				})
			}
		}
		start = end
	}
	return out
}

// isSeparator reports whether r ends a chunk: white space and non-ASCII
// punctuation (，。、；：“”《》（）…). ASCII punctuation stays inside chunks
// so that 1.2 and 5% reach the segmenter whole.
func isSeparator(r rune) bool {
	return unicode.IsSpace(r) || (r > unicode.MaxASCII && (unicode.IsPunct(r) || unicode.IsSymbol(r)))
}

// tokenType classifies a word; ok is false for words with no letter or
// digit (punctuation, symbols), which are dropped.
func tokenType(word string) (typ analysis.TokenType, ok bool) {
	han, digit, letter := false, false, false
	for _, r := range word {
		switch {
		case unicode.Is(unicode.Han, r):
			han = true
		case unicode.IsDigit(r):
			digit = true
		case unicode.IsLetter(r):
			letter = true
		}
	}
	switch {
	case han:
		return analysis.Ideographic, true
	case letter:
		return analysis.AlphaNumeric, true
	case digit:
		return analysis.Numeric, true
	}
	return 0, false
}

func tokenizerConstructor(config map[string]any, cache *registry.Cache) (analysis.Tokenizer, error) {
	return &Tokenizer{SubWords: true}, nil
}

func searchTokenizerConstructor(config map[string]any, cache *registry.Cache) (analysis.Tokenizer, error) {
	return &Tokenizer{}, nil
}

func analyzerConstructor(config map[string]any, cache *registry.Cache) (analysis.Analyzer, error) {
	return newAnalyzer(cache, TokenizerName)
}

func searchAnalyzerConstructor(config map[string]any, cache *registry.Cache) (analysis.Analyzer, error) {
	return newAnalyzer(cache, SearchTokenizerName)
}

func newAnalyzer(cache *registry.Cache, tokenizer string) (analysis.Analyzer, error) {
	tok, err := cache.TokenizerNamed(tokenizer)
	if err != nil {
		return nil, err
	}
	width, err := cache.TokenFilterNamed(cjk.WidthName)
	if err != nil {
		return nil, err
	}
	lower, err := cache.TokenFilterNamed(lowercase.Name)
	if err != nil {
		return nil, err
	}
	return &analysis.DefaultAnalyzer{
		Tokenizer:    tok,
		TokenFilters: []analysis.TokenFilter{width, lower},
	}, nil
}

func init() {
	if err := registry.RegisterTokenizer(TokenizerName, tokenizerConstructor); err != nil {
		panic(err)
	}
	if err := registry.RegisterAnalyzer(Name, analyzerConstructor); err != nil {
		panic(err)
	}
	if err := registry.RegisterTokenizer(SearchTokenizerName, searchTokenizerConstructor); err != nil {
		panic(err)
	}
	if err := registry.RegisterAnalyzer(SearchName, searchAnalyzerConstructor); err != nil {
		panic(err)
	}
}
