package lexicon

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

func TestEach(t *testing.T) {
	data := "# comment\n\n推进\tadvance\n开工 start\n  # indented comment\n"
	var got []string
	err := Each("verbs.tsv", data, 2, 2, func(r Row) error {
		got = append(got, r.Fields[0]+"="+r.Fields[1]+"@"+strconv.Itoa(r.Line))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, ",") != "推进=advance@3,开工=start@4" {
		t.Errorf("rows %v", got)
	}
}

func TestEachErrorsNameFileAndLine(t *testing.T) {
	tests := []struct {
		name, data string
		min, max   int
		fn         func(Row) error
		want       string
	}{
		{"too few fields", "a\tb\nc\n", 2, 2, nil, "cues.tsv:2: want 2 fields, got 1"},
		{"too many fields", "a b c\n", 1, 2, nil, "cues.tsv:1: want 1 to 2 fields, got 3"},
		{"reader's error", "a\tbad\n", 2, 2, func(r Row) error { return errors.New("unknown role \"bad\"") }, "cues.tsv:1: unknown role \"bad\""},
		{"reader's own row error", "x\n\ny\n", 1, 0, func(r Row) error {
			if r.Fields[0] == "y" {
				return r.Errorf("no y")
			}
			return nil
		}, "cues.tsv:3: no y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fn := tt.fn
			if fn == nil {
				fn = func(Row) error { return nil }
			}
			err := Each("cues.tsv", tt.data, tt.min, tt.max, fn)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestWords(t *testing.T) {
	w, err := Words("units.txt", "# units\n%\n万元\n")
	if err != nil || strings.Join(w, " ") != "% 万元" {
		t.Errorf("Words = %v, %v", w, err)
	}
	if _, err := Words("units.txt", "%\n万 元\n"); err == nil || !strings.Contains(err.Error(), "units.txt:2:") {
		t.Errorf("two words on a line: error %v", err)
	}
}
