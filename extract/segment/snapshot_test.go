package segment

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"

	"github.com/go-ego/gse"
)

// sameDict compares two dictionaries field by field, including the
// unexported distances and the sub-segments' tokens.
func sameDict(t *testing.T, a, b *gse.Dictionary) {
	t.Helper()
	l, err := layoutOf()
	if err != nil {
		t.Fatal(err)
	}
	if a.NumTokens() != b.NumTokens() || a.TotalFreq() != b.TotalFreq() || a.MaxTokenLen() != b.MaxTokenLen() {
		t.Fatalf("dictionaries differ: %d/%d tokens, total %v/%v, max len %d/%d",
			a.NumTokens(), b.NumTokens(), a.TotalFreq(), b.TotalFreq(), a.MaxTokenLen(), b.MaxTokenLen())
	}
	same := func(x, y *gse.Token) bool {
		return x.Text() == y.Text() && x.Freq() == y.Freq() && x.Pos() == y.Pos() &&
			*at[float32](unsafe.Pointer(x), l.tokDist) == *at[float32](unsafe.Pointer(y), l.tokDist) &&
			len(*at[[]gse.Text](unsafe.Pointer(x), l.tokText)) == len(*at[[]gse.Text](unsafe.Pointer(y), l.tokText))
	}
	bad := 0
	for i := range a.Tokens {
		x, y := &a.Tokens[i], &b.Tokens[i]
		ok := same(x, y)
		if v, _, err := b.Value([]byte(x.Text())); ok && (err != nil || v != i) {
			ok = false
		}
		if !ok {
			if bad++; bad <= 5 {
				t.Errorf("token %d %q differs: %+v vs %+v", i, x.Text(), *x, *y)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d tokens differ", bad, a.NumTokens())
	}
}

// gseSubWords is SubWords as gse's CalcToken leaves it on the tokens of a
// dictionary built from its sources.
func gseSubWords(s *Segmenter, text string, start, end int) []Token {
	segs := s.seg.Segment([]byte(text[start:end]))
	if len(segs) != 1 {
		return nil
	}
	var out []Token
	for _, sub := range segs[0].Token().Segments() {
		if sub.End()-sub.Start() == end-start {
			continue
		}
		out = append(out, Token{Start: start + sub.Start(), End: start + sub.End(), Pos: sub.Token().Pos()})
	}
	return out
}

// corpusSentences returns a sample of sentences from the corpus copy in
// testdata: every stride-th line of each document, split at sentence ends
// (every line with PLANLENS_SEGMENT_FULL=1).
func corpusSentences(t *testing.T, stride int) []string {
	t.Helper()
	files, err := filepath.Glob("../../testdata/corpus/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus in testdata/corpus: %v", err)
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if i%stride != 0 {
				continue
			}
			for _, s := range strings.SplitAfter(line, "。") {
				if s != "" {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

func TestSnapshotIsTheSameDictionary(t *testing.T) {
	dir := t.TempDir()
	dict := filepath.Join(dir, "user.dict")
	if err := os.WriteFile(dict, []byte("泡泡玛特城市乐园 5000 nz\n新质生产力发展\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := Options{Dicts: []string{dict}, Cache: filepath.Join(dir, "cache")}
	built, err := Load(opts) // builds and writes the snapshot
	if err != nil {
		t.Fatal(err)
	}
	snaps, _ := filepath.Glob(filepath.Join(opts.Cache, "*.snap"))
	if len(snaps) != 1 {
		t.Fatalf("want one snapshot in the cache, have %q", snaps)
	}
	key := snapshotKey([]userDict{{name: dict, data: "泡泡玛特城市乐园 5000 nz\n新质生产力发展\n"}})
	fromSnap, err := readSnapshot(snaps[0], key)
	if err != nil {
		t.Fatal(err)
	}
	sameDict(t, built.seg.Dict, fromSnap)
	loaded, err := Load(opts)
	if err != nil {
		t.Fatal(err)
	}
	stride := 7
	if os.Getenv("PLANLENS_SEGMENT_FULL") != "" {
		stride = 1 // every line of the corpus
	}
	sents := corpusSentences(t, stride)
	sents = append(sents, "建设泡泡玛特城市乐园二期，GDP增长5%，推进新质生产力发展")
	for _, s := range sents {
		a, b := built.Cut(s), loaded.Cut(s)
		if len(a) != len(b) {
			t.Fatalf("%q: %d tokens built, %d from the snapshot", s, len(a), len(b))
		}
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("%q: token %d is %+v built, %+v from the snapshot", s, i, a[i], b[i])
			}
			sa, sb := gseSubWords(built, s, a[i].Start, a[i].End), loaded.SubWords(s, b[i].Start, b[i].End)
			if fmt.Sprint(sa) != fmt.Sprint(sb) {
				t.Fatalf("%q: sub-words of %q differ: %v vs %v", s, s[a[i].Start:a[i].End], sa, sb)
			}
		}
	}
	// every 10th dictionary word: its sub-words as gse stored them
	for i := 0; i < len(built.seg.Dict.Tokens); i += 10 {
		w := built.seg.Dict.Tokens[i].Text()
		if a, b := fmt.Sprint(gseSubWords(built, w, 0, len(w))), fmt.Sprint(loaded.SubWords(w, 0, len(w))); a != b {
			t.Fatalf("sub-words of dictionary word %q: %s from gse's tokens, %s computed", w, a, b)
		}
	}
	t.Logf("%d sentences cut token for token alike", len(sents))
	if _, ok := loaded.Lookup("泡泡玛特城市乐园"); !ok {
		t.Error("user word missing after loading the snapshot")
	}
}

func TestSnapshotStaleOrDamagedIsRebuilt(t *testing.T) {
	cache := t.TempDir()
	opts := Options{Cache: cache}
	if _, err := Load(opts); err != nil {
		t.Fatal(err)
	}
	key := snapshotKey(nil)
	path := snapshotPath(cache, key)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	otherKey := snapshotKey([]userDict{{name: "x.dict", data: "词 3"}})
	tests := []struct {
		name   string
		damage func([]byte) []byte
		key    [32]byte
		want   string
		reload bool // also check that Load rebuilds it (seconds each)
	}{
		{"flipped payload byte", func(b []byte) []byte { b[len(b)/2] ^= 0xff; return b }, key, "checksum", true},
		{"truncated", func(b []byte) []byte { return b[:len(b)-100] }, key, "payload bytes", false},
		{"other dictionary", func(b []byte) []byte { return b }, otherKey, "stale", false},
		{"other format version", func(b []byte) []byte { b[8]++; return b }, key, "format version", true},
		{"not a snapshot", func(b []byte) []byte { return []byte("hello") }, key, "not a snapshot", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := os.WriteFile(path, tt.damage(bytes.Clone(good)), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := readSnapshot(path, tt.key); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("readSnapshot: %v, want an error with %q", err, tt.want)
			}
			if !tt.reload {
				return
			}
			s, err := Load(opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(words(s, "推动新质生产力发展"), "/"); got != "推动/新质生产力/发展" {
				t.Errorf("after rebuilding: %s", got)
			}
			if b, _ := os.ReadFile(path); !bytes.Equal(b, good) {
				t.Error("the damaged snapshot was not rewritten")
			}
		})
	}
}

func TestCorruptPayloadNeverPanics(t *testing.T) {
	cache := t.TempDir()
	if _, err := Load(Options{Cache: cache}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(snapshotPath(cache, snapshotKey(nil)))
	if err != nil {
		t.Fatal(err)
	}
	l, err := layoutOf()
	if err != nil {
		t.Fatal(err)
	}
	payload := b[snapHeader:]
	// damage past the checksum: the decoder itself must refuse, not crash
	for _, cut := range []int{1, 100, len(payload) / 3, len(payload) - 1} {
		if _, err := decodeSnapshot(l, payload[:cut]); err == nil {
			t.Errorf("payload cut at %d decoded without error", cut)
		}
	}
}

// BenchmarkLoad compares loading the dictionary from its sources with
// loading its snapshot.
func BenchmarkLoad(b *testing.B) {
	cache := b.TempDir()
	if _, err := Load(Options{Cache: cache}); err != nil {
		b.Fatal(err)
	}
	b.Run("build", func(b *testing.B) {
		for b.Loop() {
			if _, err := Load(Options{Cache: "off"}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("snapshot", func(b *testing.B) {
		for b.Loop() {
			if _, err := Load(Options{Cache: cache}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
