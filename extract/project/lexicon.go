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
	lx := &lexicon{
		heads:         map[string]*head{},
		verbs:         map[string]bool{},
		trim:          map[string]bool{},
		subject:       map[string]bool{},
		place:         map[string]bool{},
		govern:        map[string]bool{},
		noun:          map[string]bool{},
		level:         map[string]bool{},
		modVerb:       map[string]bool{},
		partner:       map[string]bool{},
		designate:     map[string]bool{},
		kindSubject:   map[string]bool{},
		modified:      map[string]bool{},
		titleVerb:     map[string]bool{},
		weak:          map[string]bool{},
		listNouns:     map[string]string{},
		quant:         map[string]bool{},
		scope:         map[string]bool{},
		geoHead:       map[string]bool{},
		measure:       map[string]bool{},
		adverb:        map[string]bool{},
		frame:         map[string]bool{},
		attribute:     map[string]bool{},
		routeAttr:     map[string]bool{},
		quantity:      map[string]bool{},
		works:         map[string]bool{},
		planVerb:      map[string]bool{},
		firm:          map[string]bool{},
		org:           map[string]bool{},
		orgSuffix:     map[string]bool{},
		bodyHead:      map[string]bool{},
		establish:     map[string]bool{},
		programmeNext: map[string]bool{},
		settle:        map[string]bool{},
	}
	if err := eachLine("data/heads.txt", func(f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("want head and category")
		}
		h := &head{word: f[0], category: f[1]}
		for _, fl := range f[2:] {
			switch fl {
			case "weak":
				h.weak = true
			case "sub":
				h.sub = true
			case "dist":
				h.dist = true
			case "char":
				h.char = true
			case "named":
				h.named = true
			case "place":
				h.place = true
			case "quote":
				h.quote = true
			case "nonr":
				h.nonr = true
			case "typed":
				h.typed = true
			default:
				return fmt.Errorf("unknown flag %q", fl)
			}
		}
		lx.heads[h.word] = h
		return nil
	}); err != nil {
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
	if err := eachLine("data/generic.txt", func(f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("want a kind and words")
		}
		var m map[string]bool
		switch f[0] {
		case "trim":
			m = lx.trim
		case "weak":
			m = lx.weak
		case "subject":
			m = lx.subject
		case "place":
			m = lx.place
		case "govern":
			m = lx.govern
		case "noun":
			m = lx.noun
		case "level":
			m = lx.level
		case "modverb":
			m = lx.modVerb
		case "partner":
			m = lx.partner
		case "designate":
			m = lx.designate
		case "kindsubject":
			m = lx.kindSubject
		case "modified":
			m = lx.modified
		case "titleverb":
			m = lx.titleVerb
		case "quant":
			m = lx.quant
		case "scope":
			m = lx.scope
		case "geohead":
			m = lx.geoHead
		case "measure":
			m = lx.measure
		case "adverb":
			m = lx.adverb
		case "frame":
			m = lx.frame
		case "attribute":
			m = lx.attribute
		case "routeattr":
			m = lx.routeAttr
		case "quantity":
			m = lx.quantity
		case "works":
			m = lx.works
		case "planverb":
			m = lx.planVerb
		case "firm":
			m = lx.firm
		case "settle":
			m = lx.settle
		case "org":
			m = lx.org
		case "orgsuffix":
			m = lx.orgSuffix
		case "bodyhead":
			m = lx.bodyHead
		case "establish":
			m = lx.establish
		case "programmenext":
			m = lx.programmeNext
		case "clause":
			// clause verbs govern and never sit inside a title
			for _, w := range f[1:] {
				lx.verbs[w] = true
			}
			m = lx.govern
		default:
			return fmt.Errorf("unknown kind %q", f[0])
		}
		for _, w := range f[1:] {
			m[w] = true
		}
		return nil
	}); err != nil {
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
