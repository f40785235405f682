package index_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/planlens/planlens/extract"
	"github.com/planlens/planlens/extract/segment"
	"github.com/planlens/planlens/extract/source"
	"github.com/planlens/planlens/index"
)

// Benchmarks over the real corpus ($PLANLENS_CORPUS, default
// ../testdata/corpus). Run one analyzer per process so that peak RSS is
// its own:
//
//	go test ./index -run ^$ -bench 'Corpus/gse' -benchtime 1x
//	go test ./index -run ^$ -bench 'Corpus/cjk' -benchtime 1x
//
// index_MB/s and index_cpu_s are for indexing alone (the corpus extracted
// beforehand); ingest_MB/s combines them with extract_MB/s as if run one
// after the other (the ingest command overlaps them). Figures on the
// 2-core machine (quiet), 4.83 MB of text, layout 1 (sentence copied into
// every record) -> layout 2:
//
//	gse: index 0.41 -> 1.1-1.2 MB/s, disk 29.6 -> 9.1 MB per MB of text,
//	     search p50 0.49 -> 0.67-0.74 ms, p95 1.3 -> 1.4-1.7 ms,
//	     peak RSS 850 -> 585 MB
//	cjk: index 0.38 -> 0.86-0.94 MB/s, disk 35.2 -> 13.2 MB per MB of text,
//	     search p50 0.82 -> 1.0-1.1 ms, p95 4.0 -> 3.6-4.2 ms,
//	     peak RSS 1069 -> 715-730 MB
//
// The whole command (planlens ingest seeds corpus, 82 documents): 16.3-17.5
// -> 5.2-5.4 s, 24.5 -> 9.0 s of CPU, index 139 -> 43 MB, peak RSS
// 765-825 -> 650-675 MB.

var benchQueries = []string{
	"学校开工", "老旧小区改造", "高质量发展", "城市更新", `"新能源汽车"`, "营商环境",
	"人工智能", "保障性住房", "乡村振兴", "碳排放", "医院 开工", "轨道交通",
	"数字经济", "产业园", "就业", `"重点项目"`, "公园", "国际消费中心城市",
}

var corpus struct {
	once    sync.Once
	results []*extract.Result
	bytes   int64
	extract time.Duration
	err     error
}

func corpusDir() string {
	if d := os.Getenv("PLANLENS_CORPUS"); d != "" {
		return d
	}
	return "../testdata/corpus"
}

// loadCorpus reads and extracts the corpus once, on all cores.
func loadCorpus(b *testing.B) {
	if testing.Short() {
		b.Skip("corpus benchmark in -short mode")
	}
	dir := corpusDir()
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("no corpus at %s", dir)
	}
	corpus.once.Do(func() {
		var files []string
		corpus.err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".txt") && !strings.HasPrefix(d.Name(), "SOURCES") {
				files = append(files, p)
			}
			return err
		})
		if corpus.err != nil {
			return
		}
		seg, err := segment.Shared()
		if err != nil {
			corpus.err = err
			return
		}
		x, err := extract.New(extract.Options{Segmenter: seg})
		if err != nil {
			corpus.err = err
			return
		}
		start := time.Now()
		corpus.results = make([]*extract.Result, len(files))
		var wg sync.WaitGroup
		jobs := make(chan int)
		var mu sync.Mutex
		for range runtime.NumCPU() {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range jobs {
					res, err := x.File(context.Background(), files[i], source.Options{})
					mu.Lock()
					if err != nil && corpus.err == nil {
						corpus.err = err
					}
					corpus.results[i] = res
					if res != nil {
						corpus.bytes += int64(len(res.Doc.Text))
					}
					mu.Unlock()
				}
			}()
		}
		for i := range files {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		corpus.extract = time.Since(start)
	})
	if corpus.err != nil {
		b.Fatal(corpus.err)
	}
}

func BenchmarkCorpus(b *testing.B) {
	for _, an := range []string{"gse", "cjk"} {
		b.Run(an, func(b *testing.B) {
			loadCorpus(b)
			opts := index.Options{}
			if an == "cjk" {
				opts.Analyzer = "cjk"
			}
			mb := float64(corpus.bytes) / 1e6
			var dir string
			var indexTime, indexCPU time.Duration
			for b.Loop() {
				dir = b.TempDir()
				start, cpu0 := time.Now(), cpuTime()
				ix, err := index.Open(context.Background(), dir, opts)
				if err != nil {
					b.Fatal(err)
				}
				batch := ix.NewBatch()
				for _, res := range corpus.results {
					if err := batch.Add(res); err != nil {
						b.Fatal(err)
					}
					if batch.Size() >= 4000 {
						if err := ix.Commit(context.Background(), batch); err != nil {
							b.Fatal(err)
						}
					}
				}
				if err := ix.Commit(context.Background(), batch); err != nil {
					b.Fatal(err)
				}
				if err := ix.Close(); err != nil {
					b.Fatal(err)
				}
				indexTime, indexCPU = time.Since(start), cpuTime()-cpu0
			}
			b.StopTimer()
			size := dirSize(b, dir)
			p50, p95, hits := searchLatency(b, dir)
			extractRate := mb / corpus.extract.Seconds()
			indexRate := mb / indexTime.Seconds()
			b.ReportMetric(mb, "MB_text")
			b.ReportMetric(extractRate, "extract_MB/s")
			b.ReportMetric(indexRate, "index_MB/s")
			b.ReportMetric(indexCPU.Seconds(), "index_cpu_s")
			b.ReportMetric(1/(1/extractRate+1/indexRate), "ingest_MB/s")
			b.ReportMetric(float64(size)/1e6/mb, "disk_MB/MB_text")
			b.ReportMetric(float64(p50.Microseconds())/1000, "p50_ms")
			b.ReportMetric(float64(p95.Microseconds())/1000, "p95_ms")
			b.ReportMetric(float64(hits), "hits")
			b.ReportMetric(float64(peakRSS())/1e6, "peakRSS_MB")
		})
	}
}

// searchLatency runs the query set 10 times on the reopened index.
func searchLatency(b *testing.B, dir string) (p50, p95 time.Duration, hits uint64) {
	ix, err := index.Open(context.Background(), dir, index.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	var lat []time.Duration
	for round := range 10 {
		for _, q := range benchQueries {
			start := time.Now()
			res, err := ix.Search(context.Background(), index.Request{Query: q, Limit: 10})
			if err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(start))
			if round == 0 {
				hits += res.Total
			}
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	return lat[len(lat)/2], lat[len(lat)*95/100], hits
}

func dirSize(b *testing.B, dir string) int64 {
	var n int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err == nil {
			n += fi.Size()
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// cpuTime is the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSS is the process's peak resident set (VmHWM), in bytes.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}
