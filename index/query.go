package index

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// ErrQuery marks a malformed query string.
var ErrQuery = errors.New("index: malformed query")

// Part is one piece of a query string: words to match anywhere (in any
// order), or a quoted phrase to match as written.
type Part struct {
	Text   string
	Phrase bool
}

// ParseQuery splits a query string into words and "quoted phrases"
// (straight or Chinese quotes). Words separated by spaces are separate
// parts, each required. An unterminated quote or an empty phrase is an
// error wrapping ErrQuery.
func ParseQuery(s string) ([]Part, error) {
	var parts []Part
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case r == '"' || r == '“':
			closer := '"'
			if r == '“' {
				closer = '”'
			}
			j := i + 1
			for j < len(rs) && rs[j] != closer {
				j++
			}
			if j == len(rs) {
				return nil, fmt.Errorf("%w: unterminated quote at character %d", ErrQuery, i+1)
			}
			text := strings.TrimSpace(string(rs[i+1 : j]))
			if text == "" {
				return nil, fmt.Errorf("%w: empty phrase at character %d", ErrQuery, i+1)
			}
			parts = append(parts, Part{Text: text, Phrase: true})
			i = j + 1
		case r == '”':
			return nil, fmt.Errorf("%w: closing quote without opening at character %d", ErrQuery, i+1)
		default:
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) && rs[j] != '"' && rs[j] != '“' && rs[j] != '”' {
				j++
			}
			parts = append(parts, Part{Text: string(rs[i:j])})
			i = j
		}
	}
	return parts, nil
}
