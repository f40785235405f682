package index

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrQuery marks a malformed query string.
var ErrQuery = errors.New("index: malformed query")

// Bounds on a query: longer or larger queries are refused with an error
// wrapping ErrQuery (the API answers 400) instead of costing memory and
// seconds.
const (
	MaxQueryBytes = 1024
	MaxQueryTerms = 32
	maxQueryDepth = 16
)

// QueryFields are the field prefixes a query may use (title:高铁).
var QueryFields = []string{"text", "title", "object", "name", "heading", "examples"}

// Op is the kind of a query node.
type Op int

// Query node kinds.
const (
	OpWord   Op = iota // words, cut as the index cut the text, all required
	OpPhrase           // a "quoted phrase": its characters, exactly as written
	OpAnd
	OpOr
	OpNot
)

// Node is a parsed query. Leaves (OpWord, OpPhrase) have Text and may have
// Field (one of QueryFields; "" for the default fields: the text of
// sentences and records, not headings); inner nodes have Kids (OpNot: one).
type Node struct {
	Op    Op
	Text  string
	Field string
	Kids  []*Node
}

// String renders n in the query language (canonical form, for messages
// and tests).
func (n *Node) String() string {
	if n == nil {
		return ""
	}
	prefix := ""
	if n.Field != "" {
		prefix = n.Field + ":"
	}
	switch n.Op {
	case OpWord:
		return prefix + n.Text
	case OpPhrase:
		return prefix + `"` + n.Text + `"`
	case OpNot:
		if k := n.Kids[0]; k.Op == OpAnd || k.Op == OpOr {
			return "-(" + k.String() + ")"
		}
		return "-" + n.Kids[0].String()
	}
	sep := " "
	if n.Op == OpOr {
		sep = " OR "
	}
	parts := make([]string, len(n.Kids))
	for i, k := range n.Kids {
		parts[i] = k.String()
		if k.Op == OpOr || (k.Op == OpAnd && n.Op == OpAnd) {
			parts[i] = "(" + parts[i] + ")"
		}
	}
	return strings.Join(parts, sep)
}

// Leaves returns the word and phrase leaves of n that are not negated: what
// a hit's highlight shows.
func (n *Node) Leaves() []*Node {
	var out []*Node
	var walk func(*Node, bool)
	walk = func(n *Node, neg bool) {
		if n == nil {
			return
		}
		switch n.Op {
		case OpWord, OpPhrase:
			if !neg {
				out = append(out, n)
			}
		case OpNot:
			walk(n.Kids[0], !neg)
		default:
			for _, k := range n.Kids {
				walk(k, neg)
			}
		}
	}
	walk(n, false)
	return out
}

// ParseQuery parses the query language:
//
//	高铁 机场            both words (AND is implied; the keyword AND may be written)
//	"城市更新"           a phrase, matched character by character as written
//	高铁 OR 机场         either
//	高铁 -机场           高铁 without 机场 (also: 高铁 NOT 机场)
//	(高铁 OR 铁路) 开工  parentheses group
//	title:规划 name:"科学城" heading:重点任务
//
// Words match the text of sentences and records (spans, names, objects,
// examples, the clause around a record, the document title), not section
// headings unless asked with heading:. Quotes may be straight or Chinese
// (“…”). An empty query gives a nil Node (match all). Errors wrap ErrQuery
// and say where the problem is.
func ParseQuery(s string) (*Node, error) {
	if len(s) > MaxQueryBytes {
		return nil, fmt.Errorf("%w: query is %d bytes, at most %d are allowed", ErrQuery, len(s), MaxQueryBytes)
	}
	if !utf8.ValidString(s) {
		return nil, fmt.Errorf("%w: query is not valid UTF-8", ErrQuery)
	}
	toks, err := lexQuery(s)
	if err != nil {
		return nil, err
	}
	p := &queryParser{toks: toks}
	if len(toks) == 0 {
		return nil, nil
	}
	n, err := p.or(0)
	if err != nil {
		return nil, err
	}
	if p.i < len(p.toks) {
		t := p.toks[p.i]
		return nil, fmt.Errorf("%w: unexpected %s at character %d", ErrQuery, t.describe(), t.pos)
	}
	if leaves := countLeaves(n); leaves > MaxQueryTerms {
		return nil, fmt.Errorf("%w: %d terms, at most %d are allowed", ErrQuery, leaves, MaxQueryTerms)
	}
	return n, nil
}

func countLeaves(n *Node) int {
	if n.Op == OpWord || n.Op == OpPhrase {
		return 1
	}
	c := 0
	for _, k := range n.Kids {
		c += countLeaves(k)
	}
	return c
}

type qtokKind int

const (
	qWord qtokKind = iota
	qPhrase
	qOpen
	qClose
	qOr
	qAnd
	qNot   // NOT keyword
	qMinus // - before a term
)

type qtok struct {
	kind  qtokKind
	text  string
	field string
	pos   int // 1-based character position
}

func (t qtok) describe() string {
	switch t.kind {
	case qOpen:
		return `"("`
	case qClose:
		return `")"`
	case qOr:
		return "OR"
	case qAnd:
		return "AND"
	case qNot:
		return "NOT"
	case qMinus:
		return `"-"`
	case qPhrase:
		return fmt.Sprintf("phrase %q", t.text)
	}
	return fmt.Sprintf("word %q", t.text)
}

func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' }

func lexQuery(s string) ([]qtok, error) {
	rs := []rune(s)
	var out []qtok
	field := "" // a pending field prefix
	fieldPos := 0
	emit := func(t qtok) error {
		if field != "" {
			if t.kind != qWord && t.kind != qPhrase && t.kind != qOpen {
				return fmt.Errorf("%w: field %s: at character %d needs a word, a phrase or a group", ErrQuery, field, fieldPos)
			}
			t.field = field
			field = ""
		}
		out = append(out, t)
		return nil
	}
	for i := 0; i < len(rs); {
		r := rs[i]
		pos := i + 1
		switch {
		case unicode.IsSpace(r):
			if field != "" {
				return nil, fmt.Errorf("%w: field %s: at character %d is followed by a space", ErrQuery, field, fieldPos)
			}
			i++
			continue
		case r == '(' || r == '（':
			if err := emit(qtok{kind: qOpen, pos: pos}); err != nil {
				return nil, err
			}
			i++
			continue
		case r == ')' || r == '）':
			if err := emit(qtok{kind: qClose, pos: pos}); err != nil {
				return nil, err
			}
			i++
			continue
		case r == '"' || r == '“':
			closer := '"'
			if r == '“' {
				closer = '”'
			}
			j := i + 1
			for j < len(rs) && rs[j] != closer && !(closer == '”' && rs[j] == '"') {
				j++
			}
			if j == len(rs) {
				return nil, fmt.Errorf("%w: unterminated quote at character %d", ErrQuery, pos)
			}
			text := strings.TrimSpace(string(rs[i+1 : j]))
			if text == "" {
				return nil, fmt.Errorf("%w: empty phrase at character %d", ErrQuery, pos)
			}
			if err := emit(qtok{kind: qPhrase, text: text, pos: pos}); err != nil {
				return nil, err
			}
			i = j + 1
			continue
		case r == '”':
			return nil, fmt.Errorf("%w: closing quote without opening at character %d", ErrQuery, pos)
		case r == '-' && field == "" && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) && rs[i+1] != '-' && rs[i+1] != ')':
			out = append(out, qtok{kind: qMinus, pos: pos})
			i++
			continue
		}
		j := i
		for j < len(rs) && !unicode.IsSpace(rs[j]) && !isQuote(rs[j]) && !strings.ContainsRune("()（）", rs[j]) {
			if rs[j] == ':' && field == "" && j > i && asciiLetters(rs[i:j]) {
				break
			}
			j++
		}
		word := string(rs[i:j])
		if j < len(rs) && rs[j] == ':' && field == "" && j > i && asciiLetters(rs[i:j]) {
			f := strings.ToLower(word)
			if !contains(QueryFields, f) {
				return nil, fmt.Errorf("%w: unknown field %q at character %d (have %s)", ErrQuery, word, pos, strings.Join(QueryFields, ", "))
			}
			field, fieldPos = f, pos
			i = j + 1
			if i == len(rs) {
				return nil, fmt.Errorf("%w: field %s: at character %d has nothing after it", ErrQuery, f, pos)
			}
			continue
		}
		kind := qWord
		if field == "" {
			switch word {
			case "OR", "|", "||":
				kind = qOr
			case "AND", "&&":
				kind = qAnd
			case "NOT":
				kind = qNot
			}
		}
		if err := emit(qtok{kind: kind, text: word, pos: pos}); err != nil {
			return nil, err
		}
		i = j
	}
	if field != "" {
		return nil, fmt.Errorf("%w: field %s: at character %d has nothing after it", ErrQuery, field, fieldPos)
	}
	return out, nil
}

func asciiLetters(rs []rune) bool {
	for _, r := range rs {
		if r >= utf8.RuneSelf || !unicode.IsLetter(r) {
			return false
		}
	}
	return len(rs) > 0
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

type queryParser struct {
	toks []qtok
	i    int
}

func (p *queryParser) peek() (qtok, bool) {
	if p.i < len(p.toks) {
		return p.toks[p.i], true
	}
	return qtok{}, false
}

func (p *queryParser) or(depth int) (*Node, error) {
	first, err := p.and(depth)
	if err != nil {
		return nil, err
	}
	kids := []*Node{first}
	for {
		t, ok := p.peek()
		if !ok || t.kind != qOr {
			break
		}
		p.i++
		if _, ok := p.peek(); !ok {
			return nil, fmt.Errorf("%w: OR at character %d has nothing after it", ErrQuery, t.pos)
		}
		n, err := p.and(depth)
		if err != nil {
			return nil, err
		}
		kids = append(kids, n)
	}
	if len(kids) == 1 {
		return first, nil
	}
	return &Node{Op: OpOr, Kids: kids}, nil
}

func (p *queryParser) and(depth int) (*Node, error) {
	var kids []*Node
	for {
		t, ok := p.peek()
		if !ok || t.kind == qOr || t.kind == qClose {
			break
		}
		if t.kind == qAnd {
			if len(kids) == 0 {
				return nil, fmt.Errorf("%w: AND at character %d has nothing before it", ErrQuery, t.pos)
			}
			p.i++
			if n, ok := p.peek(); !ok || n.kind == qOr || n.kind == qClose || n.kind == qAnd {
				return nil, fmt.Errorf("%w: AND at character %d has nothing after it", ErrQuery, t.pos)
			}
			continue
		}
		n, err := p.unary(depth)
		if err != nil {
			return nil, err
		}
		kids = append(kids, n)
	}
	if len(kids) == 0 {
		t, ok := p.peek()
		if !ok {
			return nil, fmt.Errorf("%w: missing term at the end", ErrQuery)
		}
		return nil, fmt.Errorf("%w: unexpected %s at character %d", ErrQuery, t.describe(), t.pos)
	}
	if len(kids) == 1 {
		return kids[0], nil
	}
	return &Node{Op: OpAnd, Kids: kids}, nil
}

func (p *queryParser) unary(depth int) (*Node, error) {
	t, _ := p.peek()
	if t.kind == qNot || t.kind == qMinus {
		p.i++
		if _, ok := p.peek(); !ok {
			return nil, fmt.Errorf("%w: %s at character %d has nothing after it", ErrQuery, t.describe(), t.pos)
		}
		if depth+1 > maxQueryDepth {
			return nil, fmt.Errorf("%w: nested more than %d deep at character %d", ErrQuery, maxQueryDepth, t.pos)
		}
		k, err := p.unary(depth + 1)
		if err != nil {
			return nil, err
		}
		if k.Op == OpNot { // --x is x
			return k.Kids[0], nil
		}
		return &Node{Op: OpNot, Kids: []*Node{k}}, nil
	}
	return p.primary(depth)
}

func (p *queryParser) primary(depth int) (*Node, error) {
	t, _ := p.peek()
	p.i++
	switch t.kind {
	case qWord:
		return &Node{Op: OpWord, Text: t.text, Field: t.field}, nil
	case qPhrase:
		return &Node{Op: OpPhrase, Text: t.text, Field: t.field}, nil
	case qOpen:
		if depth+1 > maxQueryDepth {
			return nil, fmt.Errorf("%w: parentheses nested more than %d deep at character %d", ErrQuery, maxQueryDepth, t.pos)
		}
		if n, ok := p.peek(); ok && n.kind == qClose {
			return nil, fmt.Errorf("%w: empty parentheses at character %d", ErrQuery, t.pos)
		}
		n, err := p.or(depth + 1)
		if err != nil {
			return nil, err
		}
		c, ok := p.peek()
		if !ok || c.kind != qClose {
			return nil, fmt.Errorf("%w: parenthesis at character %d is not closed", ErrQuery, t.pos)
		}
		p.i++
		if t.field != "" {
			setField(n, t.field)
		}
		return n, nil
	}
	return nil, fmt.Errorf("%w: unexpected %s at character %d", ErrQuery, t.describe(), t.pos)
}

// setField gives every leaf of n without a field of its own the field f
// (title:(高铁 OR 机场)).
func setField(n *Node, f string) {
	if n.Op == OpWord || n.Op == OpPhrase {
		if n.Field == "" {
			n.Field = f
		}
		return
	}
	for _, k := range n.Kids {
		setField(k, f)
	}
}
