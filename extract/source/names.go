package source

import (
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quote returns a file name ready to print in a message or a table cell:
// the name as it is when every character is printable (Chinese included),
// else the name in Go double-quoted syntax (strconv.Quote), so a newline,
// an escape code or an invalid byte in a crafted name shows as \n, \x1b,
// \xff and can never start a fake line of output or move the cursor.
// Names containing a double quote or a backslash are quoted too, so that a
// quoted name is never ambiguous.
func Quote(name string) string {
	if needsQuote(name) {
		return strconv.Quote(name)
	}
	return name
}

func needsQuote(s string) bool {
	if s == "" {
		return true
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return true
		}
		if r == '"' || r == '\\' || (!unicode.IsGraphic(r) && r != ' ') {
			return true
		}
		i += n
	}
	return false
}

// SourceName is the schema.Document.Source stored for a path. A path that
// is valid UTF-8 without control characters is stored unchanged. A path
// that is not (a name written in GBK on a Linux disk, a crafted name with a
// newline or an escape code) cannot be stored as it is — JSON encoders turn
// each invalid byte into U+FFFD, so the name would no longer open the file,
// and a control character would reach terminals — so each byte that is not
// part of valid UTF-8, each control byte (below 0x20, and 0x7f) is written
// as \xNN (two lower-case hex digits), and each backslash as \\. That is the
// escaping of bash's printf %b and $'…', so
//
//	planlens extract "$(printf '%b' "$source")"
//
// opens the file again; SourcePath undoes it in Go.
func SourceName(path string) string {
	if !needsEscape(path) {
		return path
	}
	const hex = "0123456789abcdef"
	var b strings.Builder
	for i := 0; i < len(path); {
		r, n := utf8.DecodeRuneInString(path[i:])
		switch {
		case (r == utf8.RuneError && n == 1) || r < 0x20 || r == 0x7f:
			b.WriteString(`\x`)
			b.WriteByte(hex[path[i]>>4])
			b.WriteByte(hex[path[i]&15])
		case r == '\\':
			b.WriteString(`\\`)
		default:
			b.WriteString(path[i : i+n])
		}
		i += n
	}
	return b.String()
}

func needsEscape(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return true
		}
	}
	return false
}

// SourcePath returns the path that SourceName escaped. A name without a
// \x escape, or one that names an existing file as it is, is returned
// unchanged (it was stored as it is).
func SourcePath(name string) string {
	if !strings.Contains(name, `\x`) {
		return name
	}
	if _, err := os.Lstat(name); err == nil {
		return name
	}
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c != '\\' || i+1 >= len(name) {
			b.WriteByte(c)
			continue
		}
		switch name[i+1] {
		case '\\':
			b.WriteByte('\\')
			i++
		case 'x':
			if i+3 < len(name) && isHex(name[i+2]) && isHex(name[i+3]) {
				v, _ := strconv.ParseUint(name[i+2:i+4], 16, 8)
				b.WriteByte(byte(v))
				i += 3
				continue
			}
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
