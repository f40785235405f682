package extract_test

import (
	"context"
	"strings"
	"testing"

	"github.com/planlens/planlens/extract"
	"github.com/planlens/planlens/extract/annotate"
	"github.com/planlens/planlens/schema"
)

// pilotFinder is a finder of a kind the pipeline has never heard of: a
// record for each 试点 of a sentence. A new kind needs nothing else of the
// pipeline (no per-kind code): its finder package, its data file, its
// fields and kind name in schema, and its line in finders.go.
type pilotFinder struct{}

func (pilotFinder) Find(s *annotate.Sentence) []annotate.Finding {
	var out []annotate.Finding
	for i := 0; ; {
		k := strings.Index(s.Text[i:], "试点")
		if k < 0 {
			return out
		}
		start := i + k
		out = append(out, annotate.Finding{SentStart: start, SentEnd: start + len("试点"),
			Record: schema.Record{Kind: "pilot"}})
		i = start + len("试点")
	}
}

func TestNewKindFlowsThrough(t *testing.T) {
	x, err := extract.New(extract.Options{Finders: []extract.Finder{pilotFinder{}}})
	if err != nil {
		t.Fatal(err)
	}
	// full-width digits and a stray space: the finder's sentence-relative
	// offsets into the normalised text must come back as document offsets
	text := "今年在朝阳区开展３个 试点，建设国家会议中心二期。\n力争试点扩大到１０个。"
	res, err := x.Document(context.Background(), schema.Document{ID: "d", Source: "pilot.txt", Text: text, Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	checkGrounded(t, res)
	var pilots, projects int
	for _, r := range res.Records {
		switch r.Kind {
		case "pilot":
			pilots++
			if r.Text != "试点" || r.Origin == "" {
				t.Errorf("pilot record %+v", r)
			}
		case schema.KindProject:
			projects++
		}
	}
	if pilots != 2 {
		t.Errorf("%d pilot records, want 2: %+v", pilots, res.Records)
	}
	if projects == 0 {
		t.Errorf("the built-in finders stopped working beside the new one: %+v", res.Records)
	}
}
