package index

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"

	"github.com/planlens/planlens/index/analyzer"
)

//go:embed synonyms.txt
var synonymsData string

// synonymSet maps a folded term to its group (members as written).
type synonymSet struct {
	fold   *analyzer.Fold
	groups map[string][]string
}

func defaultSynonyms(f *analyzer.Fold) (*synonymSet, error) {
	return parseSynonyms("synonyms.txt", synonymsData, f)
}

// parseSynonyms reads one group a line (members separated by spaces or
// tabs; # comments). A member in two groups is an error naming the line.
func parseSynonyms(name, data string, f *analyzer.Fold) (*synonymSet, error) {
	s := &synonymSet{fold: f, groups: map[string][]string{}}
	sc := bufio.NewScanner(strings.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		members := strings.Fields(line)
		if len(members) < 2 {
			return nil, fmt.Errorf("index: %s:%d: a group needs two members or more, have %q", name, n, line)
		}
		for _, m := range members {
			k := f.String(m)
			if _, dup := s.groups[k]; dup {
				return nil, fmt.Errorf("index: %s:%d: %q is already in another group", name, n, m)
			}
			s.groups[k] = members
		}
	}
	return s, sc.Err()
}

// expand returns text and the other members of its group, text first.
func (s *synonymSet) expand(text string) []string {
	if s == nil {
		return []string{text}
	}
	g := s.groups[s.fold.String(text)]
	out := []string{text}
	for _, m := range g {
		if s.fold.String(m) != s.fold.String(text) {
			out = append(out, m)
		}
	}
	return out
}
