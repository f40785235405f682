package source_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/planlens/planlens/extract/source"
)

// A GBK-encoded district plan: Read detects the encoding from the bytes,
// decodes it, and infers the title, year, region and level.
func ExampleRead() {
	text := "北京市朝阳区2026年政府工作报告\n二〇二六年是“十五五”规划开局之年，朝阳区将推进9所学校开工。\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		log.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "chaoyang.txt")
	if err := os.WriteFile(path, []byte(gbk), 0o644); err != nil {
		log.Fatal(err)
	}

	doc, err := source.Read(context.Background(), path, source.Options{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(doc.Title)
	fmt.Println(doc.Encoding, doc.Format, doc.Year, doc.Region, doc.Level)
	fmt.Println(doc.Text == text)
	// Output:
	// 北京市朝阳区2026年政府工作报告
	// gb18030 txt 2026 北京市朝阳区 district
	// true
}

func ExampleInferRegion() {
	fmt.Println(source.InferRegion("2026年政府工作报告", "——2026年1月28日在云南省第十四届人民代表大会第四次会议上\n"))
	fmt.Println(source.InferRegion("", "现在，我代表国务院，向大会报告政府工作。\n"))
	// Output:
	// 云南省 provincial
	// 全国 national
}
