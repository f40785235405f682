package source

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// WriteDOCX writes a minimal valid DOCX package with one paragraph per
// element of paragraphs; a tab in a paragraph becomes w:tab and a newline
// w:br. It is for tests that need DOCX inputs, in this package and others.
func WriteDOCX(w io.Writer, paragraphs []string) error {
	zw := zip.NewWriter(w)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
			`</Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
			`</Relationships>`},
	}
	for _, p := range parts {
		f, err := zw.Create(p.name)
		if err != nil {
			return fmt.Errorf("source: write docx %s: %w", p.name, err)
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return fmt.Errorf("source: write docx %s: %w", p.name, err)
		}
	}
	f, err := zw.Create(docxMain)
	if err != nil {
		return fmt.Errorf("source: write docx %s: %w", docxMain, err)
	}
	if err := writeDocumentXML(f, paragraphs); err != nil {
		return fmt.Errorf("source: write docx %s: %w", docxMain, err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("source: write docx: %w", err)
	}
	return nil
}

func writeDocumentXML(w io.Writer, paragraphs []string) error {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`)
	b.WriteString(`<w:document xmlns:w="` + nsWord + `"><w:body>`)
	for _, p := range paragraphs {
		b.WriteString(`<w:p><w:r>`)
		for i, line := range strings.Split(p, "\n") {
			if i > 0 {
				b.WriteString(`<w:br/>`)
			}
			for j, seg := range strings.Split(line, "\t") {
				if j > 0 {
					b.WriteString(`<w:tab/>`)
				}
				if seg == "" {
					continue
				}
				b.WriteString(`<w:t xml:space="preserve">`)
				if err := xml.EscapeText(&b, []byte(seg)); err != nil {
					return err
				}
				b.WriteString(`</w:t>`)
			}
		}
		b.WriteString(`</w:r></w:p>`)
	}
	b.WriteString(`<w:sectPr/></w:body></w:document>`)
	_, err := io.WriteString(w, b.String())
	return err
}
