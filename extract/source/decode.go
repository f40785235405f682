package source

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Encodings reported in schema.Document.Encoding.
const (
	EncUTF8    = "utf-8"
	EncUTF16LE = "utf-16le"
	EncUTF16BE = "utf-16be"
	EncGB18030 = "gb18030" // also GBK and GB2312, which it extends
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// DecodeText decodes the bytes of a plain-text file to UTF-8 and names the
// encoding it found. Detection: a BOM (UTF-8, UTF-16LE, UTF-16BE) decides;
// otherwise valid UTF-8 is UTF-8 and is returned unchanged; otherwise the
// bytes must be valid GB18030 (which covers GBK and GB2312). An incomplete
// character at the very end (a truncated file) is dropped with a warning.
// Errors wrap ErrBinary, ErrEmpty or ErrEncoding (as *EncodingError).
func DecodeText(data []byte) (text, enc string, warnings []string, err error) {
	d, err := decodeText(data)
	return d.text, d.encoding, d.warnings, err
}

func decodeText(data []byte) (decoded, error) {
	switch {
	case bytes.HasPrefix(data, bomUTF16LE):
		return decodeUTF16(data, false)
	case bytes.HasPrefix(data, bomUTF16BE):
		return decodeUTF16(data, true)
	}
	base := int64(0)
	if bytes.HasPrefix(data, bomUTF8) {
		data = data[len(bomUTF8):]
		base = int64(len(bomUTF8))
	}
	if err := checkBinary(data); err != nil {
		return decoded{}, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return decoded{}, ErrEmpty
	}
	u8bad := invalidUTF8(data)
	if u8bad < 0 {
		return decoded{text: string(data), encoding: EncUTF8}, nil
	}
	if tailIncompleteUTF8(data, u8bad) {
		return decoded{
			text:     string(data[:u8bad]),
			encoding: EncUTF8,
			warnings: []string{truncWarning(len(data)-u8bad, base+int64(u8bad), "UTF-8")},
		}, nil
	}
	if base == 0 { // a UTF-8 BOM rules out GB18030
		d, gbBad := decodeGB18030(data)
		if gbBad < 0 {
			return d, nil
		}
		off := max(u8bad, gbBad)
		return decoded{}, &EncodingError{
			Offset: int64(off),
			Detail: fmt.Sprintf("neither UTF-8 (invalid byte at offset %d) nor GB18030 (invalid byte at offset %d)", u8bad, gbBad),
		}
	}
	return decoded{}, &EncodingError{Offset: base + int64(u8bad), Detail: "UTF-8 BOM but invalid UTF-8"}
}

func truncWarning(n int, off int64, enc string) string {
	return fmt.Sprintf("dropped %d incomplete %s byte(s) at the end (offset %d): file truncated mid-character?", n, enc, off)
}

// checkBinary rejects NUL bytes and text with many control bytes.
func checkBinary(data []byte) error {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fmt.Errorf("%w: NUL byte at offset %d", ErrBinary, i)
	}
	sample := data
	if len(sample) > 8192 {
		sample = sample[:8192]
	}
	ctl := 0
	for _, c := range sample {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7f {
			ctl++
		}
	}
	if ctl > 0 && ctl*20 > len(sample) {
		return fmt.Errorf("%w: %d control bytes in the first %d", ErrBinary, ctl, len(sample))
	}
	return nil
}

// invalidUTF8 returns the offset of the first byte that is not part of
// valid UTF-8, or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// tailIncompleteUTF8 reports whether the bytes from bad to the end are a
// proper prefix of a valid multi-byte UTF-8 sequence.
func tailIncompleteUTF8(b []byte, bad int) bool {
	// FullRune is false only for a valid but unfinished sequence.
	return bad < len(b) && !utf8.FullRune(b[bad:])
}

// gbCharLen returns the length of the GB18030 character at the start of b:
// n > 0 for a structurally valid character, n == 0 and incomplete when b
// ends inside a character that could still be valid, n == 0 otherwise.
func gbCharLen(b []byte) (n int, incomplete bool) {
	c0 := b[0]
	switch {
	case c0 < 0x80:
		return 1, false
	case c0 == 0x80 || c0 == 0xFF:
		return 0, false
	}
	if len(b) < 2 {
		return 0, true
	}
	c1 := b[1]
	switch {
	case (0x40 <= c1 && c1 <= 0x7E) || (0x80 <= c1 && c1 <= 0xFE):
		return 2, false
	case 0x30 <= c1 && c1 <= 0x39:
	default:
		return 0, false
	}
	if len(b) < 3 {
		return 0, true
	}
	if c2 := b[2]; c2 < 0x81 || c2 > 0xFE {
		return 0, false
	}
	if len(b) < 4 {
		return 0, true
	}
	if c3 := b[3]; c3 < 0x30 || c3 > 0x39 {
		return 0, false
	}
	return 4, false
}

// gbReplacement is the GB18030 encoding of U+FFFD itself.
var gbReplacement = []byte{0x84, 0x31, 0xA4, 0x37}

// decodeGB18030 decodes b strictly. It returns the offset of the first
// invalid byte, or -1 with the decoded text. A character cut off by the end
// of b is dropped with a warning.
func decodeGB18030(b []byte) (decoded, int) {
	var d decoded
	end := len(b)
	for i := 0; i < len(b); {
		n, incomplete := gbCharLen(b[i:])
		if n == 0 {
			if incomplete {
				end = i
				d.warnings = append(d.warnings, truncWarning(len(b)-i, int64(i), "GB18030"))
				break
			}
			return decoded{}, i
		}
		i += n
	}
	dec := simplifiedchinese.GB18030.NewDecoder()
	out, err := dec.Bytes(b[:end])
	if err != nil {
		return decoded{}, 0
	}
	if bytes.Contains(out, []byte(string(utf8.RuneError))) {
		// Structurally valid but unmapped: find the character.
		for i := 0; i < end; {
			n, _ := gbCharLen(b[i:])
			c, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b[i : i+n])
			if err != nil || (string(c) == string(utf8.RuneError) && !bytes.Equal(b[i:i+n], gbReplacement)) {
				return decoded{}, i
			}
			i += n
		}
	}
	d.text = string(out)
	d.encoding = EncGB18030
	return d, -1
}

// decodeUTF16 decodes UTF-16 text that starts with its BOM.
func decodeUTF16(data []byte, bigEndian bool) (decoded, error) {
	var d decoded
	order, name := unicode.LittleEndian, EncUTF16LE
	if bigEndian {
		order, name = unicode.BigEndian, EncUTF16BE
	}
	unit := func(i int) uint16 {
		if bigEndian {
			return uint16(data[i])<<8 | uint16(data[i+1])
		}
		return uint16(data[i+1])<<8 | uint16(data[i])
	}
	end := len(data)
	if end%2 == 1 {
		end--
	}
	// Validate surrogate pairs; a lone high surrogate at the end is a
	// truncated character.
	for i := 2; i+1 < end; i += 2 {
		u := unit(i)
		switch {
		case u >= 0xD800 && u < 0xDC00:
			if i+3 >= end {
				end = i
				break
			}
			if v := unit(i + 2); v < 0xDC00 || v >= 0xE000 {
				return decoded{}, &EncodingError{Offset: int64(i), Detail: "unpaired UTF-16 high surrogate"}
			}
			i += 2
		case u >= 0xDC00 && u < 0xE000:
			return decoded{}, &EncodingError{Offset: int64(i), Detail: "unpaired UTF-16 low surrogate"}
		}
	}
	if end < len(data) {
		d.warnings = append(d.warnings, truncWarning(len(data)-end, int64(end), "UTF-16"))
	}
	out, err := unicode.UTF16(order, unicode.ExpectBOM).NewDecoder().Bytes(data[:end])
	if err != nil {
		return decoded{}, &EncodingError{Offset: 0, Detail: err.Error()}
	}
	if strings.IndexByte(string(out), 0) >= 0 {
		return decoded{}, fmt.Errorf("%w: NUL character in UTF-16 text", ErrBinary)
	}
	if err := checkBinary(out); err != nil {
		return decoded{}, err
	}
	d.text, d.encoding = string(out), name
	return d, nil
}

// maxListedOffsets is how many offsets of replaced bytes a lenient
// warning lists.
const maxListedOffsets = 10

// decodeLenient decodes text that decodeText rejected with an
// *EncodingError: each byte that is invalid in the encoding with fewer
// invalid bytes (UTF-8 on a tie; GB18030 only when there is no UTF-8 BOM)
// becomes U+FFFD, and a warning gives the count and the byte offsets in
// the file. UTF-16 is not made lenient (its errors are structural).
func decodeLenient(data []byte) (decoded, error) {
	if bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE) {
		return decodeText(data)
	}
	base := 0
	gbAllowed := true
	if bytes.HasPrefix(data, bomUTF8) {
		data, base, gbAllowed = data[len(bomUTF8):], len(bomUTF8), false
	}
	u8text, u8bad := replaceUTF8(data)
	d := decoded{text: u8text, encoding: EncUTF8}
	bad := u8bad
	if gbAllowed {
		gbText, gbBad := replaceGB18030(data)
		if len(gbBad) < len(u8bad) {
			d, bad = decoded{text: gbText, encoding: EncGB18030}, gbBad
		}
	}
	if len(bad) > 0 {
		var offs []string
		for _, o := range bad[:min(len(bad), maxListedOffsets)] {
			offs = append(offs, fmt.Sprint(base+o))
		}
		more := ""
		if len(bad) > maxListedOffsets {
			more = fmt.Sprintf(" and %d more", len(bad)-maxListedOffsets)
		}
		d.warnings = append(d.warnings, fmt.Sprintf("--lenient: replaced %d invalid %s byte(s) with U+FFFD at byte offset(s) %s%s",
			len(bad), d.encoding, strings.Join(offs, ", "), more))
	}
	return d, nil
}

// replaceUTF8 returns b with each invalid byte replaced by U+FFFD, and the
// offsets of those bytes.
func replaceUTF8(b []byte) (string, []int) {
	var out strings.Builder
	out.Grow(len(b))
	var bad []int
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			bad = append(bad, i)
			out.WriteRune(utf8.RuneError)
			i++
			continue
		}
		out.Write(b[i : i+n])
		i += n
	}
	return out.String(), bad
}

// replaceGB18030 decodes b as GB18030, replacing each byte that starts no
// valid (mapped) character by U+FFFD, and returns the offsets of those
// bytes.
func replaceGB18030(b []byte) (string, []int) {
	var out strings.Builder
	out.Grow(len(b) * 3 / 2)
	var bad []int
	dec := simplifiedchinese.GB18030.NewDecoder()
	for i := 0; i < len(b); {
		n, _ := gbCharLen(b[i:])
		if n == 1 {
			out.WriteByte(b[i])
			i++
			continue
		}
		if n > 0 {
			c, err := dec.Bytes(b[i : i+n])
			if err == nil && (string(c) != string(utf8.RuneError) || bytes.Equal(b[i:i+n], gbReplacement)) {
				out.Write(c)
				i += n
				continue
			}
		}
		bad = append(bad, i)
		out.WriteRune(utf8.RuneError)
		i++
	}
	return out.String(), bad
}
