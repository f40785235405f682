package project

import (
	"embed"
	"fmt"
	"strings"
	"unicode/utf8"

	datafile "github.com/planlens/planlens/extract/lexicon"
)

//go:embed data/*.txt
var dataFS embed.FS

// head is a name head from data/heads.txt.
type head struct {
	word     string
	category string
	weak     bool // generic head: needs a proper part or a longer core
	sub      bool // sub-unit that may follow a complete name
	dist     bool // may be shared by a list of bare names
	char     bool // needs a proper part (a one-character head, 高速, 集团)
	named    bool // distinctive: any short core makes a name (未来科学城)
	place    bool // needs a place or organisation word, quotes do not do
	quote    bool // needs a quoted title (“书香京城”全民阅读活动), a place does not do
	nonr     bool // a person's name is no proper part (蒋介石集团)
	typed    bool // a type of zone: a short description names a type (文创园区)
}

// lexicon holds the embedded word lists.
type lexicon struct {
	// wordClass are the words of a fixed class (data/wordclass.txt)
	wordClass map[string]class
	// sets are the word sets the classifier's rules read, by name
	sets     map[string]map[string]bool
	heads    map[string]*head
	maxRunes int // runes in the longest head
	verbs    map[string]bool
	trim     map[string]bool
	weak     map[string]bool
	subject  map[string]bool // 全市 我省: subjects before a verb
	place    map[string]bool // proper words gse tags otherwise (首都/d)
	govern   map[string]bool // verbs that never sit inside a title
	noun     map[string]bool // words to read as nouns whatever their tag
	level    map[string]bool // designation levels (国家级, 省级)
	modVerb  map[string]bool // verbs that modify a noun inside a name (应用, 转化)
	// partner verbs take an existing body as object (依托, 联合)
	partner map[string]bool
	// designate verbs take a title applied for (创建, 争创, 获批)
	designate map[string]bool
	// kindSubject words before a name make it a kind (各地, 各市)
	kindSubject map[string]bool
	// modified nouns after a name make it a modifier (…地位, …排名)
	modified map[string]bool
	// titleVerb may end a title just before its head (绿色消费推进行动)
	titleVerb map[string]bool
	// listNouns close a list after 等: noun → category ("-": the list's)
	listNouns map[string]string
	// quant words before a name make it a kind (所有, 各类, 一批)
	quant map[string]bool
	// scope words before a name close a list of fields (…等领域)
	scope map[string]bool
	// geoHead heads name geographic features (江, 河, 走廊)
	geoHead map[string]bool
	// measure words count things (个, 座, 批)
	measure map[string]bool
	// adverb words gse tags as nouns (基本, 正式)
	adverb map[string]bool
	// frame nouns after a name make it a member of a system or rank
	// (…工程体系, …行列), whatever its category
	frame map[string]bool
	// attribute nouns after a river make it a place (…段水质, …流域)
	attribute map[string]bool
	// routeAttr nouns after a railway or road make it a place (京广铁路沿线)
	routeAttr map[string]bool
	// quantity nouns before a plan type make it a planned quantity
	// (工农业总产值计划, 政府投资计划), not a programme
	quantity map[string]bool
	// works nouns before 工程 make it construction works of a type
	// (防洪工程, 供水工程), not a named programme
	works map[string]bool
	// planVerb heads are also verbs 'plan to' (原计划1957年修到)
	planVerb map[string]bool
	// firm words name a class of enterprises (国企, 央企, 企业): firms
	// listed before 等 + a class are examples of it (河北港口集团等多家省属国企)
	firm map[string]bool
	// settle verbs make listed firms projects (…等市属国企迁入副中心)
	settle map[string]bool
	// org words and suffixes name existing bodies (集团, 管委会; …局, …研究院):
	// evidence for the confidence model
	org, orgSuffix map[string]bool
	// bodyHead heads name bodies that exist before the plan (集团, 大学):
	// a project only under an establish verb (组建, 设立, 迁入)
	bodyHead, establish map[string]bool
	// programmeNext nouns may follow a programme's name without making it
	// a modifier (…工程项目, …规划任务)
	programmeNext map[string]bool
}

func loadLexicon() (*lexicon, error) {
	lx := &lexicon{heads: map[string]*head{}, verbs: map[string]bool{}, listNouns: map[string]string{}}
	kinds := lx.genericKinds()
	for _, m := range kinds {
		*m = map[string]bool{}
	}
	if err := eachLine("data/heads.txt", lx.addHead); err != nil {
		return nil, err
	}
	for w := range lx.heads {
		lx.maxRunes = max(lx.maxRunes, utf8.RuneCountInString(w))
	}
	if err := eachLine("data/verbs.txt", func(f []string) error {
		for _, w := range f {
			lx.verbs[w] = true
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := eachLine("data/generic.txt", func(f []string) error { return lx.addGeneric(kinds, f) }); err != nil {
		return nil, err
	}
	if err := loadWordClasses(lx); err != nil {
		return nil, err
	}
	if err := eachLine("data/listnouns.txt", func(f []string) error {
		if len(f) != 2 {
			return fmt.Errorf("want noun and category")
		}
		lx.listNouns[f[0]] = f[1]
		return nil
	}); err != nil {
		return nil, err
	}
	return lx, nil
}

// genericKinds maps the kinds of data/generic.txt to the word sets they
// fill.
func (lx *lexicon) genericKinds() map[string]*map[string]bool {
	return map[string]*map[string]bool{
		"trim": &lx.trim, "weak": &lx.weak, "subject": &lx.subject, "place": &lx.place, "govern": &lx.govern,
		"noun": &lx.noun, "level": &lx.level, "modverb": &lx.modVerb, "partner": &lx.partner,
		"designate": &lx.designate, "kindsubject": &lx.kindSubject, "modified": &lx.modified,
		"titleverb": &lx.titleVerb, "quant": &lx.quant, "scope": &lx.scope, "geohead": &lx.geoHead,
		"measure": &lx.measure, "adverb": &lx.adverb, "frame": &lx.frame, "attribute": &lx.attribute,
		"routeattr": &lx.routeAttr, "quantity": &lx.quantity, "works": &lx.works, "planverb": &lx.planVerb,
		"firm": &lx.firm, "settle": &lx.settle, "org": &lx.org, "orgsuffix": &lx.orgSuffix,
		"bodyhead": &lx.bodyHead, "establish": &lx.establish, "programmenext": &lx.programmeNext,
	}
}

// addGeneric reads a row of data/generic.txt: a kind and its words.
// clause verbs govern and never sit inside a title.
func (lx *lexicon) addGeneric(kinds map[string]*map[string]bool, f []string) error {
	if len(f) < 2 {
		return fmt.Errorf("want a kind and words")
	}
	var m map[string]bool
	if f[0] == "clause" {
		for _, w := range f[1:] {
			lx.verbs[w] = true
		}
		m = lx.govern
	} else if p, ok := kinds[f[0]]; ok {
		m = *p
	} else {
		return fmt.Errorf("unknown kind %q", f[0])
	}
	for _, w := range f[1:] {
		m[w] = true
	}
	return nil
}

// addHead reads a row of data/heads.txt: a head, its category and flags.
func (lx *lexicon) addHead(f []string) error {
	if len(f) < 2 {
		return fmt.Errorf("want head and category")
	}
	h := &head{word: f[0], category: f[1]}
	flags := map[string]*bool{"weak": &h.weak, "sub": &h.sub, "dist": &h.dist, "char": &h.char, "named": &h.named,
		"place": &h.place, "quote": &h.quote, "nonr": &h.nonr, "typed": &h.typed}
	for _, fl := range f[2:] {
		p, ok := flags[fl]
		if !ok {
			return fmt.Errorf("unknown flag %q", fl)
		}
		*p = true
	}
	lx.heads[h.word] = h
	return nil
}

// wordClassNames are the class names of data/wordclass.txt.
var wordClassNames = map[string]class{"openq": cOpenQ, "closeq": cCloseQ, "openp": cOpenP, "closep": cCloseP,
	"join": cJoin, "to": cTo, "range": cRange, "conj": cConj, "stop": cStop, "counter": cCounter}

// loadWordClasses reads data/wordclass.txt: class rows, and set rows
// (set NAME words…).
func loadWordClasses(lx *lexicon) error {
	lx.wordClass = map[string]class{}
	lx.sets = map[string]map[string]bool{}
	return eachLine("data/wordclass.txt", func(f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("want a class and words")
		}
		if f[0] == "set" {
			if len(f) < 3 {
				return fmt.Errorf("want set, a name and words")
			}
			m := map[string]bool{}
			for _, w := range f[2:] {
				m[w] = true
			}
			lx.sets[f[1]] = m
			return nil
		}
		cl, ok := wordClassNames[f[0]]
		if !ok {
			return fmt.Errorf("unknown class %q", f[0])
		}
		for _, w := range f[1:] {
			if _, dup := lx.wordClass[w]; dup {
				return fmt.Errorf("%q has two classes", w)
			}
			lx.wordClass[w] = cl
		}
		return nil
	})
}

// in reports w in the word set name.
func (lx *lexicon) in(name, w string) bool { return lx.sets[name][w] }

// firstIn reports that the first rune of w is in the set name.
func (lx *lexicon) firstIn(name, w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return lx.sets[name][string(r)]
}

// anyIn reports a rune of w in the set name.
func (lx *lexicon) anyIn(name, w string) bool {
	for _, r := range w {
		if lx.sets[name][string(r)] {
			return true
		}
	}
	return false
}

// suffixIn reports that w ends with a word of the set name.
func (lx *lexicon) suffixIn(name, w string) bool {
	for s := range lx.sets[name] {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// trimSet cuts a word of the set name from the start of w; ok says one
// was cut.
func (lx *lexicon) trimSet(name, w string) (string, bool) {
	for s := range lx.sets[name] {
		if rest, ok := strings.CutPrefix(w, s); ok {
			return rest, true
		}
	}
	return w, false
}

// trimRightSet cuts the runes of the set name from the end of w.
func (lx *lexicon) trimRightSet(name, w string) string {
	return strings.TrimRightFunc(w, func(r rune) bool { return lx.sets[name][string(r)] })
}

func eachLine(name string, fn func([]string) error) error {
	if err := datafile.EachFS(dataFS, name, 1, 0, func(r datafile.Row) error { return fn(r.Fields) }); err != nil {
		return fmt.Errorf("project: %w", err)
	}
	return nil
}

// headAt returns the longest head that text ends with, or nil; from is
// the lowest byte offset the head may start at.
func (lx *lexicon) headAt(text string, from int) *head {
	var best *head
	i, n := len(text), 0
	for i > from && n < lx.maxRunes {
		_, size := utf8.DecodeLastRuneInString(text[:i])
		i -= size
		n++
		if h, ok := lx.heads[text[i:]]; ok {
			best = h
		}
	}
	if best != nil && best.category == "-" {
		return nil // a blocked phrase (解决方案, 国际科技创新中心)
	}
	return best
}
