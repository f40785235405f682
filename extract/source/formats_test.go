package source

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/planlens/planlens/schema"
)

const seedPath = "../../seeds/000_7c59a961256cf9e3.txt"

func readSeed(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// lines returns the trimmed non-empty lines of s.
func lines(s string) []string {
	var out []string
	for l := range strings.SplitSeq(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func docxBytes(t *testing.T, paragraphs []string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, paragraphs); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestSeedFormats builds the seed document in every input form and checks
// that each reads back to the same text and metadata.
func TestSeedFormats(t *testing.T) {
	seed := readSeed(t)
	seedLines := lines(seed)

	var page strings.Builder
	page.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>朝阳区2026年发展规划</title>\n")
	page.WriteString("<style>p { color: red } /* 2020年北京市 */</style></head><body>\n")
	page.WriteString("<script>var x = \"<p>海淀区2019年</p>\";</script>\n")
	for _, l := range strings.Split(strings.TrimSuffix(seed, "\n"), "\n") {
		fmt.Fprintf(&page, "  <p>\n    %s\n  </p>\n", html.EscapeString(l))
	}
	page.WriteString("<noscript>请启用脚本</noscript></body></html>\n")

	tests := []struct {
		name   string
		file   string
		data   []byte
		exact  bool // text must equal the seed byte for byte
		format string
		enc    string
	}{
		{"utf-8", "seed.txt", []byte(seed), true, FormatText, EncUTF8},
		{"gbk", "seed.txt", encode(t, simplifiedchinese.GBK, seed), true, FormatText, EncGB18030},
		{"utf-16le", "seed.txt", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), seed), true, FormatText, EncUTF16LE},
		{"utf-16be", "seed.md", encode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), seed), true, FormatText, EncUTF16BE},
		{"html", "seed.html", []byte(page.String()), false, FormatHTML, EncUTF8},
		{"html gbk meta", "seed.htm", encode(t, simplifiedchinese.GBK, strings.Replace(page.String(), `charset="utf-8"`, `charset="gb2312"`, 1)), false, FormatHTML, EncGB18030},
		{"docx", "seed.docx", docxBytes(t, strings.Split(strings.TrimSuffix(seed, "\n"), "\n")), false, FormatDOCX, EncUTF8},
		{"unknown extension", "seed.dat", []byte(seed), true, FormatText, EncUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(context.Background(), writeFile(t, tt.file, tt.data), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if tt.exact && doc.Text != seed {
				t.Errorf("text differs from the seed:\n got %.200q\nwant %.200q", doc.Text, seed)
			}
			if got := lines(doc.Text); strings.Join(got, "\n") != strings.Join(seedLines, "\n") {
				t.Errorf("lines differ: got %d lines, want %d\n got %.300q\nwant %.300q", len(got), len(seedLines), got, seedLines)
			}
			if doc.Format != tt.format || doc.Encoding != tt.enc {
				t.Errorf("format, encoding = %s, %s; want %s, %s", doc.Format, doc.Encoding, tt.format, tt.enc)
			}
			if doc.Year != 2026 || doc.Region != "北京市朝阳区" || doc.Level != schema.LevelDistrict {
				t.Errorf("year, region, level = %d, %q, %q; want 2026, 北京市朝阳区, district", doc.Year, doc.Region, doc.Level)
			}
			if doc.Size != len(doc.Text) || len(doc.ID) != 16 {
				t.Errorf("size %d (text %d), id %q", doc.Size, len(doc.Text), doc.ID)
			}
			if strings.Contains(doc.Text, "海淀区2019年") || strings.Contains(doc.Text, "color") || strings.Contains(doc.Text, "请启用脚本") {
				t.Errorf("script, style or noscript content leaked into the text")
			}
		})
	}
}

func TestHTML(t *testing.T) {
	tests := []struct {
		name, in, text, title string
	}{
		{"entities and br", `<title> 规划 &amp; 计划 </title><body><p>A&nbsp;B &lt;1&gt;<br>第二行</p></body>`,
			"A\u00a0B <1>\n第二行\n", "规划 & 计划"},
		{"h1 title, blank lines collapse", `<h1>标题</h1><div><br><br><br><br></div><p>正文</p>`,
			"标题\n\n正文\n", "标题"},
		{"table cells", `<table><tr><th>序号</th><th>任务</th></tr><tr><td>1</td><td>建成9所学校</td></tr></table>`,
			"序号\t任务\n1\t建成9所学校\n", ""},
		{"inline stays on the line", `<p>推进<b>泡泡玛特</b><a href=#>城市乐园</a>二期</p>`,
			"推进泡泡玛特城市乐园二期\n", ""},
		{"pre keeps spaces", "<pre>a  b\n  c</pre>", "a  b\nc\n", ""},
		{"template dropped", `<p>x</p><template><p>y</p></template>`, "x\n", ""},
		{"unclosed tags", `<div><p>一<p>二<li>三</div></span></td>四`, "一\n二\n三\n四\n", ""},
		{"garbage", "<<<>>><!-- <p> --><p =x>文字</p", "<<<>>>\n文字\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := decodeHTML([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if d.text != tt.text || d.title != tt.title {
				t.Errorf("got %q, title %q; want %q, title %q", d.text, d.title, tt.text, tt.title)
			}
		})
	}
	// Pathological nesting must not overflow the stack.
	// Nesting deeper than the parser takes falls back to the tokenizer.
	deep := "<title>深</title><p>前</p>" + strings.Repeat("<div>", 2000) + "深<script>x</script>" + strings.Repeat("</div>", 10) + "<p>后<br>行</p>"
	if d, err := decodeHTML([]byte(deep)); err != nil || d.text != "前\n深\n后\n行\n" || d.title != "深" || len(d.warnings) != 1 {
		t.Errorf("deep nesting: %q title %q warnings %q, %v", d.text, d.title, d.warnings, err)
	}
}

func TestDOCX(t *testing.T) {
	paras := []string{"2026年北京市朝阳区政府工作报告", "序号\t任务", "第一行\n第二行", "", "<&> \"引号\""}
	doc, err := Read(context.Background(), writeFile(t, "r.docx", docxBytes(t, paras)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join(paras, "\n") + "\n"
	if doc.Text != want || doc.Title != paras[0] || doc.Format != FormatDOCX {
		t.Errorf("got %q title %q format %s, want %q", doc.Text, doc.Title, doc.Format, want)
	}

	// Word markup: tab stops in paragraph properties are not text, deleted
	// text and the mc:Fallback copy of a text box are skipped.
	xmlDoc := `<?xml version="1.0"?><w:document xmlns:w="` + nsWord + `" xmlns:mc="` + nsMC + `"><w:body>` +
		`<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>一</w:t></w:r><w:del><w:r><w:delText>删</w:delText></w:r></w:del><w:r><w:t xml:space="preserve"> 二</w:t></w:r></w:p>` +
		`<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>框</w:t></mc:Choice><mc:Fallback><w:t>框</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>` +
		`</w:body></w:document>`
	got, err := readDOCXParts(t, map[string]string{docxMain: xmlDoc})
	if err != nil || got != "一 二\n框\n" {
		t.Errorf("markup: got %q, %v", got, err)
	}

	bad := []struct {
		name  string
		data  []byte
		limit int64
		err   error
	}{
		{"not a zip", []byte("PK\x03\x04 this is no zip"), 0, ErrCorrupt},
		{"no document.xml", zipOf(t, map[string]string{"word/other.xml": "<x/>"}), 0, ErrCorrupt},
		{"malformed xml", zipOf(t, map[string]string{docxMain: "<w:document><w:p><w:t>x</w:p>"}), 0, ErrCorrupt},
		{"zip bomb", docxBytes(t, []string{strings.Repeat("政", 200000)}), 100000, ErrTooLarge},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			if int64(len(tt.data)) > tt.limit && tt.limit > 0 {
				t.Fatalf("test file of %d bytes is over its own limit %d", len(tt.data), tt.limit)
			}
			_, err := Read(context.Background(), writeFile(t, "bad.docx", tt.data), Options{MaxBytes: tt.limit})
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
		})
	}
	// A lying size header is still caught while reading.
	if _, err := docxLines(&capReader{r: strings.NewReader(strings.Repeat("<a/>", 100)), n: 40}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("capReader: err = %v, want ErrTooLarge", err)
	}
}

func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		f, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readDOCXParts(t *testing.T, files map[string]string) (string, error) {
	data := zipOf(t, files)
	d, err := readDOCX(bytes.NewReader(data), int64(len(data)), DefaultMaxBytes)
	return d.text, err
}

// minimalPDF returns a one-page PDF showing text (ASCII) in Helvetica,
// with a correct cross-reference table.
func minimalPDF(text string) []byte {
	content := fmt.Sprintf("BT /F1 18 Tf 72 720 Td (%s) Tj ET", text)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func TestPDF(t *testing.T) {
	pdf := minimalPDF("Action Plan 2026 for Hefei")
	if _, err := exec.LookPath(pdfTool); err != nil {
		// Without the tool the error must say how to get it.
		_, err := Read(context.Background(), writeFile(t, "a.pdf", pdf), Options{})
		if !errors.Is(err, ErrPDFToolMissing) || !strings.Contains(err.Error(), "poppler-utils") {
			t.Fatalf("err = %v, want ErrPDFToolMissing", err)
		}
		t.Skip("pdftotext not installed (apt-get install poppler-utils): text extraction not tested")
	}
	doc, err := Read(context.Background(), writeFile(t, "a.pdf", pdf), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Text, "Action Plan 2026 for Hefei") || doc.Format != FormatPDF || doc.Title != "Action Plan 2026 for Hefei" {
		t.Errorf("got %q format %s title %q", doc.Text, doc.Format, doc.Title)
	}
	if strings.Contains(doc.Text, "\f") {
		t.Errorf("form feed left in the text: %q", doc.Text)
	}
	// Sniffed from the content when the extension says nothing.
	if doc, err := Read(context.Background(), writeFile(t, "a.bin", pdf), Options{}); err != nil || doc.Format != FormatPDF {
		t.Errorf("sniffed pdf: format %q, %v", doc.Format, err)
	}
	if _, err := Read(context.Background(), writeFile(t, "broken.pdf", []byte("%PDF-1.4\ngarbage")), Options{}); !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrEmpty) {
		t.Errorf("broken pdf: err = %v, want ErrCorrupt or ErrEmpty", err)
	}
	// With an empty PATH the tool is missing.
	t.Setenv("PATH", t.TempDir())
	if _, err := Read(context.Background(), writeFile(t, "a.pdf", pdf), Options{}); !errors.Is(err, ErrPDFToolMissing) {
		t.Errorf("no pdftotext on PATH: err = %v", err)
	}
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"b.txt", "a.html", "sub/c.docx", "sub/d.PDF", "sub/e.jpg", "notes", ".hidden.txt", ".git/f.txt", "sub/.cache/g.md"} {
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	explicit := filepath.Join(dir, "notes")
	missing := filepath.Join(dir, "missing.txt")
	files, errs := Files([]string{dir, explicit, missing, filepath.Join(dir, "b.txt")})
	var rel []string
	for _, f := range files {
		r, err := filepath.Rel(dir, f)
		if err != nil {
			t.Fatal(err)
		}
		rel = append(rel, r)
	}
	want := []string{"a.html", "b.txt", "sub/c.docx", "sub/d.PDF", "notes"}
	if strings.Join(rel, " ") != strings.Join(want, " ") {
		t.Errorf("files = %q, want %q", rel, want)
	}
	if len(errs) != 1 || !errors.Is(errs[0], os.ErrNotExist) || !strings.Contains(errs[0].Error(), "missing.txt") {
		t.Errorf("errs = %v, want one not-exist error naming missing.txt", errs)
	}
}

// FuzzHTML: any page reads without panic to valid UTF-8 lines that are
// trimmed and never blank twice in a row.
func FuzzHTML(f *testing.F) {
	f.Add([]byte(`<title>t</title><p>一<br>二</p><table><tr><td>1<td>2</table>`))
	f.Add([]byte(`<meta charset="gbk"><p>` + "\xd5\xfe" + `</p>`))
	f.Add([]byte(`<pre>  a` + "\n\n\n" + `b</pre><script>x`))
	f.Fuzz(func(t *testing.T, in []byte) {
		d, err := decodeHTML(in)
		if err != nil {
			return
		}
		if !utf8.ValidString(d.text) || !utf8.ValidString(d.title) {
			t.Fatalf("invalid UTF-8 from %q", in)
		}
		if strings.Contains(d.text, "\n\n\n") {
			t.Fatalf("two blank lines in a row from %q: %q", in, d.text)
		}
	})
}
