package source

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Limits of front matter: a block longer than this is no front matter.
const (
	maxFrontMatterBytes = 64 << 10
	maxFrontMatterLines = 400
)

// splitFrontMatter cuts a YAML front matter block (a first line "---", then
// "key: value" lines, closed by a line "---" or "...") off the start of a
// text. It returns the block's keys and scalar values (a list is joined
// with 、), the number of bytes cut (the block and its closing line) and a
// warning when the block is not valid YAML; its lines are then read as
// "key: value" where they can be. A text without such a block gives
// (nil, 0, "").
func splitFrontMatter(text string) (fields map[string]string, cut int, warning string) {
	first, rest, ok := strings.Cut(text, "\n")
	if !ok || strings.TrimRight(first, " \t\r") != "---" {
		return nil, 0, ""
	}
	pos := len(first) + 1
	var block strings.Builder
	for n := 0; n < maxFrontMatterLines && pos-len(first)-1 < maxFrontMatterBytes; n++ {
		line, after, more := strings.Cut(rest, "\n")
		end := strings.TrimRight(line, " \t\r")
		if end == "---" || end == "..." {
			cut = pos + len(line)
			if more {
				cut++
			}
			fields, warning, ok := parseFrontMatter(block.String())
			if !ok {
				return nil, 0, "" // rules around text (---\n第一章…\n---): no front matter
			}
			return fields, cut, warning
		}
		if !more {
			break
		}
		block.WriteString(line)
		block.WriteByte('\n')
		pos += len(line) + 1
		rest = after
	}
	return nil, 0, "" // never closed: a text that starts with a rule line
}

// parseFrontMatter reads the YAML of a front matter block. ok is false
// when the block is no metadata at all (text between two rules): a YAML
// mapping, an empty block, or lines that all read "key: value" are.
func parseFrontMatter(block string) (fields map[string]string, warning string, ok bool) {
	out := map[string]string{}
	var root yaml.Node
	err := yaml.Unmarshal([]byte(block), &root)
	if err == nil && len(root.Content) == 1 && root.Content[0].Kind == yaml.MappingNode {
		m := root.Content[0].Content
		for i := 0; i+1 < len(m); i += 2 {
			out[strings.TrimSpace(m[i].Value)] = scalarText(m[i+1])
		}
		return out, "", true
	}
	if strings.TrimSpace(block) == "" {
		return out, "", true
	}
	keyed, other := 0, 0
	for line := range strings.SplitSeq(block, "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t") || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue // blank, continuation or comment
		}
		k, v, found := strings.Cut(line, ":")
		if kk, vv, f2 := strings.Cut(line, "："); f2 && (!found || len(kk) < len(k)) {
			k, v, found = kk, vv, true
		}
		if !found || strings.TrimSpace(k) == "" || utf8.RuneCountInString(strings.TrimSpace(k)) > 30 {
			other++
			continue
		}
		keyed++
		out[strings.TrimSpace(k)] = strings.Trim(strings.TrimSpace(v), `"'`)
	}
	if keyed == 0 || other >= keyed {
		return nil, "", false // mostly lines of text: no metadata
	}
	warning = "front matter is not a YAML mapping; read line by line"
	if err != nil {
		warning = fmt.Sprintf("front matter is not valid YAML (%v); read line by line", err)
	}
	return out, warning, true
}

// scalarText is the text of a YAML value: a scalar as written, a list
// joined with 、, a mapping as "k: v; ...".
func scalarText(n *yaml.Node) string {
	switch n.Kind {
	case yaml.ScalarNode:
		return strings.TrimSpace(n.Value)
	case yaml.SequenceNode:
		var parts []string
		for _, c := range n.Content {
			if s := scalarText(c); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, "、")
	case yaml.MappingNode:
		var parts []string
		for i := 0; i+1 < len(n.Content); i += 2 {
			parts = append(parts, n.Content[i].Value+": "+scalarText(n.Content[i+1]))
		}
		return strings.Join(parts, "; ")
	case yaml.AliasNode:
		if n.Alias != nil {
			return scalarText(n.Alias)
		}
	}
	return ""
}
