package source

import (
	"bufio"
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/planlens/planlens/schema"
)

//go:embed genre.txt
var genreData string

// genreRule is one row of genre.txt.
type genreRule struct {
	genre string
	where string // "title" or "text"
	cue   string
}

// genreExample is an example row of genre.txt.
type genreExample struct {
	genre string
	title string
	text  string
	line  int
}

// genreRules is the parsed genre.txt.
type genreRules struct {
	title, lead, text, row []genreRule
	examples               []genreExample
}

var loadGenreRules = sync.OnceValue(func() *genreRules {
	r, err := parseGenreRules("genre.txt", genreData)
	if err != nil {
		panic(err) // the embedded file is checked by the tests
	}
	return r
})

// parseGenreRules reads the format described in genre.txt; errors name
// the file and line.
func parseGenreRules(name, data string) (*genreRules, error) {
	known := map[string]bool{"-": true}
	for _, g := range schema.Genres() {
		known[g] = true
	}
	r := &genreRules{}
	sc := bufio.NewScanner(strings.NewReader(data))
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		f := strings.Split(s, "\t")
		bad := func(msg string) error { return fmt.Errorf("source: %s:%d: %s: %q", name, line, msg, s) }
		switch f[0] {
		case "rule":
			if len(f) != 4 || f[3] == "" {
				return nil, bad("want rule<TAB>GENRE<TAB>WHERE<TAB>CUE")
			}
			if !known[f[1]] || f[1] == "-" {
				return nil, bad("unknown genre " + f[1])
			}
			rule := genreRule{genre: f[1], where: f[2], cue: f[3]}
			switch f[2] {
			case "title":
				r.title = append(r.title, rule)
			case "lead":
				r.lead = append(r.lead, rule)
			case "text":
				r.text = append(r.text, rule)
			case "row":
				r.row = append(r.row, rule)
			default:
				return nil, bad("WHERE must be title, lead, text or row")
			}
		case "example":
			if len(f) != 3 || f[2] == "" {
				return nil, bad("want example<TAB>GENRE<TAB>TITLE")
			}
			if !known[f[1]] {
				return nil, bad("unknown genre " + f[1])
			}
			ex := genreExample{genre: f[1], line: line}
			title, text, _ := strings.Cut(f[2], "|text:")
			if t, ok := strings.CutPrefix(title, "text:"); ok {
				text = t
				title = ""
			}
			ex.title, ex.text = title, strings.ReplaceAll(text, `\n`, "\n")
			r.examples = append(r.examples, ex)
		default:
			return nil, bad("line must start with rule or example")
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("source: %s: %w", name, err)
	}
	if len(r.title) == 0 {
		return nil, fmt.Errorf("source: %s: no title rules", name)
	}
	return r, nil
}

// coveringNotice matches a notice that issues, forwards or hands down
// another document: its genre is that document's.
var coveringNotice = regexp.MustCompile(`(?:印发|转发|下发|下达|发布|颁布|公布)[^《]{0,40}《([^》]+)》[^《》]{0,20}$|关于(?:印发|转发|下发|下达)(.+?)的通知$`)

// innerTitle returns the title of the document a covering notice issues,
// or the title itself.
func innerTitle(title string) string {
	m := coveringNotice.FindStringSubmatch(title)
	switch {
	case m == nil:
		return title
	case m[1] != "":
		return m[1]
	}
	return m[2]
}

// InferGenre returns the genre of a document from its title (through a
// covering notice to the document it issues) and, when the title has no
// cue, from the start of its text; "" when nothing says.
func InferGenre(title, text string) string {
	r := loadGenreRules()
	return r.infer(title, text)
}

func (r *genreRules) infer(title, text string) string {
	lead := head(text, 300)
	for _, rule := range r.lead {
		if strings.Contains(lead, rule.cue) {
			return rule.genre
		}
	}
	full := strings.Join(strings.Fields(title), "")
	// the first sentence of an untitled text is no title (…请各位委员提出意见。)
	if !strings.ContainsAny(full, "，。！？；,;") {
		g := r.titleGenre(innerTitle(full))
		if g == "" {
			g = r.titleGenre(full) // the notice itself (…减量化任务的通知)
		}
		if g != "" {
			if refinable[g] {
				if rg := r.rowGenre(text); rg != "" {
					return rg
				}
			}
			return g
		}
	}
	for _, rule := range r.text {
		if strings.Contains(lead, rule.cue) {
			return rule.genre
		}
	}
	return r.rowGenre(text)
}

// refinable are the genres of generic title cues (…计划, …工作要点) that
// the body's structure may make more specific: a 工作要点 whose body is a
// list of owned task rows is a task list. A specific title (…行动计划,
// …实施方案) keeps its genre whatever its body looks like.
var refinable = map[string]bool{schema.GenrePlan: true}

// Thresholds of rowGenre: at least minOwnedRows numbered rows carry an
// owner label, and they are at least half of the numbered rows.
const minOwnedRows = 5

// itemLine matches a line that starts with a row number: 1. 1、 （1） （一）.
var itemLine = regexp.MustCompile(`^[ \t　]*(?:[0-9０-９]{1,3}[.、．]|[（(][0-9０-９一二三四五六七八九十]{1,3}[）)])`)

// rowGenre is the genre of a body whose numbered rows are mostly closed
// by a row label of genre.txt (（责任部门：…）, （牵头单位：…）), or "".
func (r *genreRules) rowGenre(text string) string {
	if len(r.row) == 0 {
		return ""
	}
	counts := map[string]int{}
	items := 0
	for line := range strings.Lines(text) {
		if itemLine.MatchString(line) {
			items++
		}
		for _, rule := range r.row {
			if strings.Contains(line, rule.cue+"：") || strings.Contains(line, rule.cue+":") {
				counts[rule.genre]++
				break
			}
		}
	}
	best, n := "", 0
	for g, c := range counts {
		if c > n || (c == n && g < best) {
			best, n = g, c
		}
	}
	if n < minOwnedRows || 2*n < items {
		return ""
	}
	return best
}

// titleGenre is the genre of the title cue that ends last, "" for none.
func (r *genreRules) titleGenre(t string) string {
	best, bestEnd := genreRule{}, -1
	for _, rule := range r.title {
		k := strings.LastIndex(t, rule.cue)
		if k < 0 {
			continue
		}
		end := k + len(rule.cue)
		if end > bestEnd || (end == bestEnd && len(rule.cue) > len(best.cue)) {
			best, bestEnd = rule, end
		}
	}
	return best.genre
}

// genreOf maps a genre value as a user writes it (English value or a
// Chinese genre word) to a schema genre, or "".
func genreOf(v string) string {
	v = strings.TrimSpace(v)
	if slices.Contains(schema.Genres(), strings.ToLower(v)) {
		return strings.ToLower(v)
	}
	if v == "" {
		return ""
	}
	return loadGenreRules().infer(v, "")
}
