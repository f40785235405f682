// Command searchlat measures search latency on an index as serve sees it:
// one process, the index opened once, a fixed query set (the one of
// index/bench_test.go) run ten times; it prints p50, p95 and the hits.
//
//	go run ./bench/searchlat INDEX_DIR
package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"time"

	"github.com/planlens/planlens/index"
)

var queries = []string{
	"学校开工", "老旧小区改造", "高质量发展", "城市更新", `"新能源汽车"`, "营商环境",
	"人工智能", "保障性住房", "乡村振兴", "碳排放", "医院 开工", "轨道交通",
	"数字经济", "产业园", "就业", `"重点项目"`, "公园", "国际消费中心城市",
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: searchlat INDEX_DIR")
		os.Exit(2)
	}
	ctx := context.Background()
	ix, err := index.Open(ctx, os.Args[1], index.Options{MustExist: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, "searchlat:", err)
		os.Exit(1)
	}
	defer ix.Close()
	var lat []time.Duration
	var hits uint64
	for round := range 10 {
		for _, q := range queries {
			start := time.Now()
			res, err := ix.Search(ctx, index.Request{Query: q, Limit: 10, Facets: []string{"kind", "year"}})
			if err != nil {
				fmt.Fprintln(os.Stderr, "searchlat:", err)
				os.Exit(1)
			}
			lat = append(lat, time.Since(start))
			if round == 0 {
				hits += res.Total
			}
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	fmt.Printf("searchlat: %d queries, p50 %.1f ms, p95 %.1f ms, %d hits\n", len(lat),
		float64(lat[len(lat)/2].Microseconds())/1000, float64(lat[len(lat)*95/100].Microseconds())/1000, hits)
}
