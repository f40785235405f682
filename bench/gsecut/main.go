// Command gsecut is the peer of the speed benchmark (bench/run.sh): gse's
// bare segmentation of the same text planlens extracts, with gse's own
// embedded zh_s dictionary loaded the way gse documents it, and nothing
// else. Text is cut a line at a time, split further at sentence ends
// (。！？；), as planlens cuts sentences; it prints what it did on stderr.
//
//	go run ./bench/gsecut [-load-only] FILE|DIR...
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-ego/gse"
)

func main() {
	loadOnly := flag.Bool("load-only", false, "load the dictionary and exit")
	flag.Parse()
	t0 := time.Now()
	var seg gse.Segmenter
	seg.SkipLog = true
	if err := seg.LoadDictEmbed("zh_s"); err != nil {
		fmt.Fprintln(os.Stderr, "gsecut:", err)
		os.Exit(1)
	}
	load := time.Since(t0)
	if *loadOnly {
		fmt.Fprintf(os.Stderr, "gsecut: load %v\n", load)
		return
	}
	t1 := time.Now()
	var bytes, toks int
	for _, root := range flag.Args() {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".txt") || strings.HasSuffix(path, ".md")) {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			bytes += len(b)
			for _, line := range strings.Split(string(b), "\n") {
				for _, s := range sentences(line) {
					toks += len(seg.Segment([]byte(s)))
				}
			}
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "gsecut:", err)
			os.Exit(1)
		}
	}
	cut := time.Since(t1)
	fmt.Fprintf(os.Stderr, "gsecut: load %v, cut %d bytes into %d tokens in %v (%.2f MB/s)\n",
		load, bytes, toks, cut, float64(bytes)/1e6/cut.Seconds())
}

// sentences splits s after each sentence-ending mark.
func sentences(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		switch r {
		case '。', '！', '？', '；':
			out = append(out, s[start:i+len(string(r))])
			start = i + len(string(r))
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}
