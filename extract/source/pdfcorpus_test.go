package source_test

import (
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/planlens/planlens/extract"
	"github.com/planlens/planlens/extract/source"
	"github.com/planlens/planlens/schema"
)

// writeFODT writes a flat OpenDocument text with one justified,
// first-line-indented paragraph per line of text, the title as running
// header and "- N -" page numbers as footer: what a government PDF looks
// like.
func writeFODT(t *testing.T, path, title, text string) {
	t.Helper()
	esc := func(s string) string {
		var b strings.Builder
		if err := xml.EscapeText(&b, []byte(s)); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	var body strings.Builder
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			body.WriteString(`<text:p text:style-name="Body">` + esc(l) + "</text:p>\n")
		}
	}
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="CJK" svg:font-family="'WenQuanYi Zen Hei'"/>
</office:font-face-decls>
<office:styles>
 <style:style style:name="Body" style:family="paragraph">
  <style:paragraph-properties fo:text-align="justify" fo:text-indent="0.85cm" fo:margin-bottom="0.1cm"/>
  <style:text-properties style:font-name="CJK" style:font-name-asian="CJK" fo:font-size="12pt" style:font-size-asian="12pt"/>
 </style:style>
 <style:style style:name="Edge" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties style:font-name="CJK" style:font-name-asian="CJK" fo:font-size="9pt" style:font-size-asian="9pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="A4">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.6cm" fo:margin-right="2.6cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.6cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.6cm"/></style:footer-style>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="A4">
  <style:header><text:p text:style-name="Edge">` + esc(title) + `</text:p></style:header>
  <style:footer><text:p text:style-name="Edge">- <text:page-number text:select-page="current">1</text:page-number> -</text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
` + body.String() + `</office:text></office:body>
</office:document>
`
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
}

// pdfTools skips the test unless LibreOffice and pdftotext are installed.
func pdfTools(t *testing.T) string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not found: install libreoffice-writer-nogui (and fonts-wqy-zenhei) to run the PDF corpus test")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not found: install poppler-utils to run the PDF corpus test")
	}
	if out, err := exec.Command("fc-list", ":lang=zh", "family").Output(); err != nil || len(strings.TrimSpace(string(out))) == 0 {
		t.Skip("no Chinese font (fc-list :lang=zh is empty): install fonts-wqy-zenhei to run the PDF corpus test")
	}
	return soffice
}

// TestPDFKeepsNumbers: real work reports of the corpus, typeset by
// LibreOffice into PDFs with running headers and page numbers, give
// within 5% of the records of their .txt (pdftotext breaks lines inside
// sentences and spaces Chinese from digits; the paged view undoes both).
// Every record is grounded in the PDF's text, carries its page, and none
// comes from a header or footer.
func TestPDFKeepsNumbers(t *testing.T) {
	soffice := pdfTools(t)
	docs := []string{"gwr-2026-hebei.txt", "gwr-2026-xizang.txt"}
	dir := t.TempDir()
	var fodts []string
	texts := map[string]string{}
	for _, name := range docs {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "corpus", name))
		if err != nil {
			t.Fatal(err)
		}
		texts[name] = string(b)
		title := strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0])
		p := filepath.Join(dir, strings.TrimSuffix(name, ".txt")+".fodt")
		writeFODT(t, p, title, string(b))
		fodts = append(fodts, p)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, append([]string{"--headless", "--convert-to", "pdf", "--outdir", dir}, fodts...)...)
	cmd.Env = append(os.Environ(), "HOME="+dir) // a private LibreOffice profile
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	count := func(recs []schema.Record) map[string]int {
		m := map[string]int{}
		for _, r := range recs {
			m[r.Kind]++
		}
		return m
	}
	for _, name := range docs {
		base := strings.TrimSuffix(name, ".txt")
		txtDoc, err := source.Read(context.Background(), filepath.Join("..", "..", "testdata", "corpus", name), source.Options{})
		if err != nil {
			t.Fatal(err)
		}
		want, err := x.Document(context.Background(), txtDoc)
		if err != nil {
			t.Fatal(err)
		}
		pdfDoc, err := source.Read(context.Background(), filepath.Join(dir, base+".pdf"), source.Options{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := x.Document(context.Background(), pdfDoc)
		if err != nil {
			t.Fatal(err)
		}
		flat := pdfDoc
		flat.Pages = nil // the same text without the paged view
		before, err := x.Document(context.Background(), flat)
		if err != nil {
			t.Fatal(err)
		}
		wc, gc, bc := count(want.Records), count(got.Records), count(before.Records)
		t.Logf("%s: %d pages; txt %v (%d sentences); pdf %v (%d sentences); pdf without the paged view %v (%d sentences)",
			base, len(pdfDoc.Pages), wc, len(want.Sentences), gc, len(got.Sentences), bc, len(before.Sentences))
		if len(pdfDoc.Pages) < 3 {
			t.Errorf("%s: %d pages, want a multi-page PDF", base, len(pdfDoc.Pages))
		}
		for _, k := range []string{schema.KindTarget, schema.KindProject, schema.KindAction} {
			if d := gc[k] - wc[k]; d*d*400 > wc[k]*wc[k] && d*d > 1 {
				t.Errorf("%s: %d %s records from the PDF, %d from the text: more than 5%% apart", base, gc[k], k, wc[k])
			}
		}
		if d := len(got.Sentences) - len(want.Sentences); d*d*400 > len(want.Sentences)*len(want.Sentences) {
			t.Errorf("%s: %d sentences from the PDF, %d from the text", base, len(got.Sentences), len(want.Sentences))
		}
		// the same targets, not only as many: (value, unit) pairs in common
		keys := map[string]int{}
		for _, r := range want.Records {
			if r.Kind == schema.KindTarget {
				keys[fmt.Sprint(*r.Value, r.Unit)]++
			}
		}
		common := 0
		for _, r := range got.Records {
			if r.Kind == schema.KindTarget && keys[fmt.Sprint(*r.Value, r.Unit)] > 0 {
				keys[fmt.Sprint(*r.Value, r.Unit)]--
				common++
			}
		}
		if common*20 < wc[schema.KindTarget]*19 {
			t.Errorf("%s: %d of the text's %d targets found in the PDF", base, common, wc[schema.KindTarget])
		}
		last := 0
		for _, r := range got.Records {
			if pdfDoc.Text[r.Start:r.End] != r.Text {
				t.Fatalf("%s: record not grounded: %+v", base, r)
			}
			if r.Page < 1 || r.Page > len(pdfDoc.Pages) || r.Page < last {
				t.Errorf("%s: record page %d (after %d, of %d): %+v", base, r.Page, last, len(pdfDoc.Pages), r)
			}
			last = r.Page
			// A record may run across a page break — its text in the
			// extracted document then holds the footer and header between
			// (grounding is exact); anywhere else a footer must not appear.
			if strings.Contains(r.Text, "\n-") && pdfDoc.PageAt(r.End-1) == r.Page {
				t.Errorf("%s: a record holds a page footer within one page: %q", base, r.Text)
			}
		}
		for _, s := range got.Sentences {
			txt := pdfDoc.Text[s.Start:s.End]
			for p := 2; p <= len(pdfDoc.Pages); p++ {
				if strings.TrimSpace(txt) == fmt.Sprintf("- %d -", p) {
					t.Errorf("%s: page number %q is a sentence", base, txt)
				}
			}
		}
	}
}
