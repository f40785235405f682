package source

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// XML namespaces of WordprocessingML and markup compatibility.
const (
	nsWord = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsMC   = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

// docxMain is the main document part of a DOCX package.
const docxMain = "word/document.xml"

// readDOCX reads word/document.xml of a DOCX archive as lines: each w:p a
// line, w:t its text, w:tab a tab and w:br/w:cr a line break. The
// decompressed part may hold at most limit bytes.
func readDOCX(r io.ReaderAt, size, limit int64) (decoded, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return decoded{}, fmt.Errorf("%w: not a DOCX (zip) archive: %v", ErrCorrupt, err)
	}
	var part *zip.File
	for _, f := range zr.File {
		if f.Name == docxMain {
			part = f
			break
		}
	}
	if part == nil {
		return decoded{}, fmt.Errorf("%w: zip archive has no %s (not a Word document)", ErrCorrupt, docxMain)
	}
	if part.UncompressedSize64 > uint64(limit) {
		return decoded{}, fmt.Errorf("%w: %s is %d bytes decompressed, limit %d", ErrTooLarge, docxMain, part.UncompressedSize64, limit)
	}
	rc, err := part.Open()
	if err != nil {
		return decoded{}, fmt.Errorf("%w: open %s: %v", ErrCorrupt, docxMain, err)
	}
	defer rc.Close()
	lines, err := docxLines(&capReader{r: rc, n: limit})
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return decoded{}, fmt.Errorf("%w: %s decompresses to more than %d bytes", ErrTooLarge, docxMain, limit)
		}
		return decoded{}, fmt.Errorf("%w: %s: %v", ErrCorrupt, docxMain, err)
	}
	d := decoded{encoding: EncUTF8}
	if len(lines) > 0 {
		d.text = strings.Join(lines, "\n") + "\n"
	}
	for _, l := range lines {
		if t := strings.TrimSpace(l); t != "" {
			d.title = t
			break
		}
	}
	return d, nil
}

// capReader reads at most n bytes and then fails with ErrTooLarge, which
// guards against zip bombs whose headers lie about their size.
type capReader struct {
	r io.Reader
	n int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.n <= 0 {
		// Probe whether there is more to read.
		var one [1]byte
		if k, err := c.r.Read(one[:]); k > 0 {
			return 0, ErrTooLarge
		} else if err != nil {
			return 0, err
		}
		return 0, nil
	}
	if int64(len(p)) > c.n {
		p = p[:c.n]
	}
	k, err := c.r.Read(p)
	c.n -= int64(k)
	return k, err
}

// docxLines streams WordprocessingML and returns one string per paragraph.
func docxLines(r io.Reader) ([]string, error) {
	dec := xml.NewDecoder(r)
	var (
		lines []string
		cur   strings.Builder
		inRun int
		inT   bool
		inP   int
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space == nsMC && t.Name.Local == "Fallback" {
				// The same content again for old readers: skip it.
				if err := dec.Skip(); err != nil {
					return nil, err
				}
				continue
			}
			if t.Name.Space != nsWord {
				continue
			}
			switch t.Name.Local {
			case "p":
				inP++
			case "r":
				inRun++
			case "t":
				inT = inRun > 0
			case "tab":
				if inRun > 0 {
					cur.WriteByte('\t')
				}
			case "br", "cr":
				if inRun > 0 {
					cur.WriteByte('\n')
				}
			}
		case xml.EndElement:
			if t.Name.Space != nsWord {
				continue
			}
			switch t.Name.Local {
			case "p":
				inP--
				lines = append(lines, cur.String())
				cur.Reset()
			case "r":
				inRun--
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				cur.Write(t)
			}
		}
	}
	if cur.Len() > 0 { // text outside any paragraph
		lines = append(lines, cur.String())
	}
	return lines, nil
}
