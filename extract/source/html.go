package source

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// blockAtoms are elements that start and end a line.
var blockAtoms = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Caption: true, atom.Center: true, atom.Dd: true,
	atom.Details: true, atom.Dialog: true, atom.Dir: true, atom.Div: true,
	atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Html: true,
	atom.Legend: true, atom.Li: true, atom.Main: true, atom.Menu: true,
	atom.Nav: true, atom.Ol: true, atom.Option: true, atom.P: true,
	atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true,
	atom.Tbody: true, atom.Tfoot: true, atom.Thead: true, atom.Tr: true,
	atom.Ul: true,
}

// skipAtoms are elements whose content is not document text.
var skipAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Iframe: true, atom.Object: true, atom.Svg: true,
	atom.Math: true, atom.Select: true, atom.Button: true,
}

// decodeHTML decodes an HTML page (BOM, <meta charset>, http-equiv, else
// content detection as for text) and reduces it to lines of body text.
func decodeHTML(data []byte) (decoded, error) {
	d, err := decodeHTMLBytes(data)
	if err != nil {
		return decoded{}, err
	}
	root, err := html.Parse(strings.NewReader(d.text))
	if err != nil {
		// The parser gives up on pathological pages (nesting deeper than
		// 512 elements); the tokenizer reads anything.
		d.warnings = append(d.warnings, fmt.Sprintf("html parser: %v; text read token by token", err))
		d.title, d.text = tokenText(d.text)
		return d, nil
	}
	d.title = htmlTitle(root)
	d.meta = htmlMeta(root)
	d.text = dropChromeLines(htmlText(root))
	return d, nil
}

// htmlMeta returns the name (or property) and content of every <meta>
// element, in page order: government sites state ArticleTitle, PubDate
// and ContentSource there; docmeta.txt says which keys give which field.
func htmlMeta(root *html.Node) [][2]string {
	var out [][2]string
	stack := []*html.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode && n.DataAtom == atom.Meta {
			var name, content string
			for _, a := range n.Attr {
				switch strings.ToLower(a.Key) {
				case "name", "property", "itemprop":
					if name == "" {
						name = a.Val
					}
				case "content":
					content = a.Val
				}
			}
			if name != "" && strings.TrimSpace(content) != "" {
				out = append(out, [2]string{name, collapseSpace(content)})
			}
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			continue // <meta> belongs in <head>
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return out
}

// dropChromeLines drops the lines of page furniture (网站地图, 版权所有,
// 主办单位 …) from the text of a page: HTML text is ours to lay out, so
// furniture goes wherever it stands.
func dropChromeLines(text string) string {
	var b strings.Builder
	for line := range strings.SplitAfterSeq(text, "\n") {
		if !isChrome(strings.TrimSpace(line)) {
			b.WriteString(line)
		}
	}
	return tidyLines(b.String())
}

// chromeAtoms are elements of page furniture, not document text.
var chromeAtoms = map[atom.Atom]bool{atom.Nav: true, atom.Footer: true, atom.Aside: true}

// chromeWords are class or id words of furniture blocks: footers,
// sidebars, menus, breadcrumbs, share bars, related links.
var chromeWords = map[string]bool{"footer": true, "foot": true, "sidebar": true, "side": true, "nav": true,
	"navbar": true, "menu": true, "breadcrumb": true, "crumb": true, "share": true, "related": true,
	"relate": true, "copyright": true, "sitemap": true, "bottom": true, "toolbar": true}

// isChromeElement reports whether an element is page furniture: a <nav>,
// <footer> or <aside>, or an element whose class or id is made of a
// furniture word (class="footer", id="related-links", class="side_nav").
func isChromeElement(n *html.Node) bool {
	if chromeAtoms[n.DataAtom] {
		return true
	}
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(a.Val), func(r rune) bool {
			return r == ' ' || r == '-' || r == '_' || (r >= '0' && r <= '9')
		}) {
			if chromeWords[w] {
				return true
			}
		}
	}
	return false
}

// decodeHTMLBytes picks the page's encoding. A BOM wins; then a declared
// charset; without a declaration the bytes are detected like plain text
// (the HTML default of windows-1252 is never right for our documents).
func decodeHTMLBytes(data []byte) (decoded, error) {
	if bytes.HasPrefix(data, bomUTF8) || bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE) {
		return decodeText(data)
	}
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	if !bytes.Contains(bytes.ToLower(head), []byte("charset")) {
		return decodeText(data)
	}
	e, name, _ := charset.DetermineEncoding(data, "")
	switch name {
	case "utf-8", "windows-1252": // windows-1252 is DetermineEncoding's fallback
		d, err := decodeText(data)
		if err == nil && name == "utf-8" && d.encoding != EncUTF8 {
			d.warnings = append(d.warnings, fmt.Sprintf("page declares utf-8 but is %s", d.encoding))
		}
		return d, err
	case "gbk", "gb18030", "gb2312", "hz-gb-2312":
		if err := checkBinary(data); err != nil {
			return decoded{}, err
		}
		d, bad := decodeGB18030(data)
		if bad < 0 {
			return d, nil
		}
		if invalidUTF8(data) < 0 {
			return decoded{text: string(data), encoding: EncUTF8,
				warnings: []string{fmt.Sprintf("page declares %s but is utf-8", name)}}, nil
		}
		return decoded{}, &EncodingError{Offset: int64(bad), Detail: "page declares " + name + " but is not valid GB18030"}
	}
	if err := checkBinary(data); err != nil {
		return decoded{}, err
	}
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return decoded{}, &EncodingError{Detail: fmt.Sprintf("%s: %v", name, err)}
	}
	return decoded{text: string(out), encoding: name}, nil
}

// siteSeparators join a page's title to its site's name: 标题_上海市人民政府.
var siteSeparators = []string{"_", " - ", " – ", " — ", "|", "｜", "-"}

// htmlTitle is the <title> text without the site name a separator adds to
// it (the <h1> when the <title> is the <h1> plus a site name), else the
// first <h1>.
func htmlTitle(root *html.Node) string {
	h1 := ""
	if n := findElement(root, atom.H1); n != nil {
		h1 = collapseSpace(textContent(n))
	}
	if n := findElement(root, atom.Title); n != nil {
		if t := collapseSpace(textContent(n)); t != "" {
			if h1 != "" && strings.HasPrefix(t, h1) {
				rest := strings.TrimSpace(t[len(h1):])
				for _, sep := range siteSeparators {
					if rest == "" || strings.HasPrefix(rest, strings.TrimSpace(sep)) {
						return h1
					}
				}
			}
			return t
		}
	}
	return h1
}

// findElement returns the first element with atom a, depth first.
func findElement(root *html.Node, a atom.Atom) *html.Node {
	stack := []*html.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode && n.DataAtom == a {
			return n
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return nil
}

func textContent(n *html.Node) string {
	var b strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && skipAtoms[n.DataAtom] && n.DataAtom != atom.Head {
			continue
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return b.String()
}

// collapseSpace turns runs of ASCII white space into one space and trims.
// Ideographic spaces (U+3000) are text and stay inside.
func collapseSpace(s string) string {
	return strings.TrimSpace(collapseASCIISpace(s))
}

func collapseASCIISpace(s string) string {
	var b strings.Builder
	space := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\n', '\r', '\f':
			space = true
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteByte(c)
		}
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// htmlText renders the body as lines: block elements and <br> break lines,
// table cells are separated by tabs, white space is collapsed outside
// <pre>, each line is trimmed and runs of blank lines become one.
func htmlText(root *html.Node) string {
	var b strings.Builder
	pending := false // a line break is due before the next text
	breakLine := func() {
		if b.Len() > 0 {
			pending = true
		}
	}
	type item struct {
		n    *html.Node
		exit bool
		pre  bool
	}
	stack := []item{{n: root}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := it.n
		if it.exit {
			if blockAtoms[n.DataAtom] {
				breakLine()
			}
			continue
		}
		switch n.Type {
		case html.TextNode:
			t := n.Data
			if !it.pre {
				t = collapseASCIISpace(t)
			}
			if strings.TrimSpace(t) == "" && !strings.Contains(t, "\n") {
				if !pending && t != "" {
					b.WriteByte(' ')
				}
				continue
			}
			if pending {
				b.WriteByte('\n')
				pending = false
			}
			b.WriteString(t)
			continue
		case html.ElementNode:
			if skipAtoms[n.DataAtom] || isChromeElement(n) {
				continue
			}
			switch n.DataAtom {
			case atom.Br:
				b.WriteByte('\n')
				pending = false
				continue
			case atom.Td, atom.Th:
				if !pending && b.Len() > 0 && hasPrevCell(n) {
					b.WriteByte('\t')
				}
			}
			if blockAtoms[n.DataAtom] {
				breakLine()
			}
		}
		pre := it.pre || n.DataAtom == atom.Pre || n.DataAtom == atom.Textarea
		stack = append(stack, item{n: n, exit: true})
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, item{n: c, pre: pre})
		}
	}
	return tidyLines(b.String())
}

// tidyLines trims every line, collapses runs of blank lines into one, drops
// leading and trailing blank lines, and ends the text with a newline.
func tidyLines(s string) string {
	var out []string
	blank := false
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, line)
	}
	if len(out) == 0 {
		return ""
	}
	return strings.Join(out, "\n") + "\n"
}

// hasPrevCell reports whether a table cell has a cell before it in its row.
func hasPrevCell(n *html.Node) bool {
	for p := n.PrevSibling; p != nil; p = p.PrevSibling {
		if p.Type == html.ElementNode && (p.DataAtom == atom.Td || p.DataAtom == atom.Th) {
			return true
		}
	}
	return false
}

// tokenText extracts the title and text of a page with the tokenizer
// alone, for pages the parser rejects. Block tags and <br> break lines;
// skipped elements are skipped up to their end tag.
func tokenText(page string) (title, text string) {
	var b, t strings.Builder
	z := html.NewTokenizer(strings.NewReader(page))
	skip := atom.Atom(0)
	inTitle, pending := false, false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return collapseSpace(t.String()), tidyLines(b.String())
		case html.TextToken:
			switch {
			case inTitle:
				t.Write(z.Text())
			case skip == 0:
				s := collapseASCIISpace(string(z.Text()))
				if strings.TrimSpace(s) == "" {
					continue
				}
				if pending {
					b.WriteByte('\n')
					pending = false
				}
				b.WriteString(s)
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case a == atom.Title:
				inTitle = tt == html.StartTagToken
			case skip != 0:
				if tt == html.EndTagToken && a == skip {
					skip = 0
				}
			case skipAtoms[a] && a != atom.Head && tt == html.StartTagToken:
				skip = a
			case a == atom.Br:
				b.WriteByte('\n')
				pending = false
			case blockAtoms[a]:
				pending = b.Len() > 0
			}
		}
	}
}
