package project

import (
	"fmt"
	"os"
	"testing"

	"github.com/planlens/planlens/extract/textlayer"
)

func TestScratchBuild(t *testing.T) {
	q := os.Getenv("SCRATCH2")
	if q == "" {
		t.Skip()
	}
	f := finder(t)
	v := textlayer.New(q)
	for _, s := range v.Sentences() {
		toks := testSeg.Cut(s.Text)
		c := newSentCtx(f, &s, toks)
		for j := range toks {
			h, hs := c.headEnd(j)
			if h == nil {
				continue
			}
			cd, ok := c.build(j, h, hs)
			L, _ := c.left(c.tokAt(hs), h, h, hs)
			fmt.Printf("head %s at %d: ok=%v name=%q start=%d end=%d L=%d\n", h.word, j, ok, s.Text[cd.start:cd.end], cd.start, cd.end, L)
		}
	}
}
