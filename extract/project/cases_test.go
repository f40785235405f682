package project

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
)

var update = flag.Bool("update", false, "rewrite the records sections of testdata/*.txtar")

// A case file is a txtar archive: a comment, then for each case a
// "-- NAME: sentence --" section (the sentence; lines starting with "# "
// are comments kept on rewrite) and a "-- NAME: records --" section (the
// expected names, one a line).
type caseFile struct {
	comment string
	cases   []txtCase
}

type txtCase struct {
	name     string
	comments []string
	sentence string
	records  []string
}

func readCases(path string) (*caseFile, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	cf := &caseFile{}
	var cur *txtCase
	section := ""
	var comment []string
	for n, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		if strings.HasPrefix(line, "-- ") && strings.HasSuffix(line, " --") {
			head := strings.TrimSuffix(strings.TrimPrefix(line, "-- "), " --")
			name, kind, ok := strings.Cut(head, ": ")
			switch {
			case !ok:
				return nil, fmt.Errorf("%s:%d: want -- NAME: sentence -- or -- NAME: records --", path, n+1)
			case kind == "sentence":
				cf.cases = append(cf.cases, txtCase{name: name})
				cur = &cf.cases[len(cf.cases)-1]
			case kind == "records" && cur != nil && cur.name == name:
			default:
				return nil, fmt.Errorf("%s:%d: section %q out of order", path, n+1, head)
			}
			section = kind
			continue
		}
		switch {
		case cur == nil:
			comment = append(comment, line)
		case section == "sentence" && strings.HasPrefix(line, "# "):
			cur.comments = append(cur.comments, line)
		case section == "sentence" && line != "":
			if cur.sentence != "" {
				return nil, fmt.Errorf("%s:%d: case %s has two sentences", path, n+1, cur.name)
			}
			cur.sentence = line
		case section == "records" && line != "":
			cur.records = append(cur.records, line)
		}
	}
	cf.comment = strings.Join(comment, "\n")
	return cf, nil
}

func (cf *caseFile) write(path string) error {
	var b bytes.Buffer
	b.WriteString(cf.comment + "\n")
	for _, c := range cf.cases {
		fmt.Fprintf(&b, "-- %s: sentence --\n", c.name)
		for _, l := range c.comments {
			b.WriteString(l + "\n")
		}
		b.WriteString(c.sentence + "\n")
		fmt.Fprintf(&b, "-- %s: records --\n", c.name)
		for _, r := range c.records {
			b.WriteString(r + "\n")
		}
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}
