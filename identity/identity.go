// Package identity is when two records are the same record: the one
// identity that scoring (eval), the LLM merge (extract/llm) and review
// share. Position is not part of it.
package identity

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/planlens/planlens/extract/textlayer"
	"github.com/planlens/planlens/schema"
)

// MinCover is the share of the longer project name that the shorter one
// must cover for the two to match.
const MinCover = 0.6

// Same is the identity of a record: the same kind and, for a target, the
// same quantity (SameQuantity), for a project, matching names (NamesMatch
// of the names as the rules see them, full-width forms folded).
func Same(a, b schema.Record) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case schema.KindTarget:
		return SameQuantity(a, b)
	case schema.KindProject:
		return NamesMatch(Name(a), Name(b))
	}
	return false
}

// SameQuantity reports the same value (to 1e-9) and unit (full-width
// forms folded).
func SameQuantity(a, b schema.Record) bool {
	if a.Value == nil || b.Value == nil || a.Unit != b.Unit && textlayer.New(a.Unit).Norm != textlayer.New(b.Unit).Norm {
		return false
	}
	return math.Abs(*a.Value-*b.Value) <= 1e-9*math.Max(1, math.Abs(*a.Value))
}

// Name is the name a project record is compared by, normalised as
// the rules see text (full-width folded, stray spaces inside Chinese
// removed), so that 北小河（金盏段） and 北小河(金盏段) are one name.
func Name(p schema.Record) string {
	n := p.Name
	if n == "" {
		n = p.Text
	}
	return textlayer.New(n).Norm
}

// NamesMatch reports whether one name contains the other and covers at
// least MinCover of it (in characters).
func NamesMatch(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	short, long := a, b
	if utf8.RuneCountInString(short) > utf8.RuneCountInString(long) {
		short, long = long, short
	}
	if !strings.Contains(long, short) {
		return false
	}
	return float64(utf8.RuneCountInString(short)) >= MinCover*float64(utf8.RuneCountInString(long))
}
