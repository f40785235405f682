//go:build ignore

// Harvest counts, over unlabelled corpora, the words that follow numbers
// (unit candidates), the last two runes of quoted names followed by a
// build verb's object (head candidates) and the words right before a
// quantity (cue candidates), and prints them by frequency for review by
// hand; and the last one to three runes of build verbs' objects (head
// candidates: 系统, 基金, 实施意见). It reads no gold.
//
//	go run extract/confidence/harvest.go [-min 5] DIR...
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

var (
	numUnit = regexp.MustCompile(`[0-9０-９.．]+(?:万|亿|千|百)?([^\s0-9０-９.．，。、；：,;:（）()“”%％\pP]{1,3})`)
	before  = regexp.MustCompile(`([\p{Han}]{2})[0-9０-９.．]+`)
	quoted  = regexp.MustCompile(`“([\p{Han}A-Za-z]{2,8})”([\p{Han}]{1,6})`)
	// the object of a build verb up to a clause break, 等 or 建设/项目
	// (what ends names under build verbs: head candidates)
	built = regexp.MustCompile(`(?:建设|打造|建成|搭建|构建|上线|开发|研发|升级|推广|建立|组建|设立|实施|编制|制定|出台|印发|启动|开工)([\p{Han}“”《》A-Za-z0-9]{3,16}?)(?:[，。；、,;（(]|等|建设|项目)`)
)

func main() {
	min := flag.Int("min", 5, "print only items seen at least this many times")
	flag.Parse()
	units, cues, heads, ends := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	for _, dir := range flag.Args() {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".txt") || strings.HasSuffix(p, ".md")) {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				return nil
			}
			t := string(b)
			for _, m := range numUnit.FindAllStringSubmatch(t, -1) {
				r := []rune(m[1])
				for n := 1; n <= len(r); n++ {
					units[string(r[:n])]++
				}
			}
			for _, m := range before.FindAllStringSubmatch(t, -1) {
				cues[m[1]]++
			}
			for _, m := range quoted.FindAllStringSubmatch(t, -1) {
				r := []rune(m[2])
				for n := 1; n <= len(r) && n <= 4; n++ {
					heads[string(r[:n])]++
				}
			}
			for _, m := range built.FindAllStringSubmatch(t, -1) {
				r := []rune(strings.Trim(m[1], "“”《》"))
				for n := 1; n <= 3 && n < len(r); n++ {
					ends[string(r[len(r)-n:])]++
				}
			}
			return nil
		})
	}
	for _, set := range []struct {
		name string
		m    map[string]int
	}{{"unit", units}, {"cue", cues}, {"head-after-quote", heads}, {"head-under-build", ends}} {
		type kv struct {
			k string
			v int
		}
		var kvs []kv
		for k, v := range set.m {
			if v >= *min {
				kvs = append(kvs, kv{k, v})
			}
		}
		sort.Slice(kvs, func(i, j int) bool {
			if kvs[i].v != kvs[j].v {
				return kvs[i].v > kvs[j].v
			}
			return kvs[i].k < kvs[j].k
		})
		for _, e := range kvs {
			fmt.Printf("%s\t%s\t%d\n", set.name, e.k, e.v)
		}
	}
}
