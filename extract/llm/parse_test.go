package llm

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

func TestParseAnswer(t *testing.T) {
	const rec = `{"kind":"target","text":"9所学校开工","value":9,"unit":"所"}`
	tests := []struct {
		name     string
		in       string
		want     []string // kind:text:value of each record
		wantBad  int
		wantFail bool
	}{
		{"object", `{"records":[` + rec + `]}`, []string{"target:9所学校开工:9"}, 0, false},
		{"empty", `{"records":[]}`, nil, 0, false},
		{"null records", `{"records":null}`, nil, 0, false},
		{"bare array", `[` + rec + `]`, []string{"target:9所学校开工:9"}, 0, false},
		{"code fence", "```json\n{\"records\":[" + rec + "]}\n```", []string{"target:9所学校开工:9"}, 0, false},
		{"prose around", "以下是结果：\n{\"records\":[" + rec + "]}\n希望有帮助。{注}", []string{"target:9所学校开工:9"}, 0, false},
		{"think block", "<think>先看{数字}和[单位]</think>\n{\"records\":[" + rec + "]}", []string{"target:9所学校开工:9"}, 0, false},
		{"single record", rec, []string{"target:9所学校开工:9"}, 0, false},
		{"other key", `{"results":[` + rec + `]}`, []string{"target:9所学校开工:9"}, 0, false},
		{"numbers as strings", `{"records":[{"kind":"Target","text":"5%左右","value":"5%","year":"2027年"}]}`, []string{"target:5%左右:5"}, 0, false},
		{"strings as numbers", `{"records":[{"kind":"project","text":123,"name":"A"}]}`, []string{"project:123:-"}, 0, false},
		{"bad items", `{"records":[` + rec + `,"oops",{"foo":1},[1,2]]}`, []string{"target:9所学校开工:9"}, 3, false},
		{"truncated", `{"records":[` + rec, nil, 0, true},
		{"prose only", "对不起，我不能回答。", nil, 0, true},
		{"error object", `{"error":"overloaded","code":529}`, nil, 0, true},
		{"empty string", "", nil, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := parseAnswer(tt.in)
			recs, bad := a.recs, a.bad
			if tt.wantFail {
				if !errors.Is(err, errNoJSON) && !errors.Is(err, errTruncated) {
					t.Errorf("parseAnswer(%q): got %v, %v; want errNoJSON", tt.in, recs, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseAnswer(%q): %v", tt.in, err)
			}
			var got []string
			for _, r := range recs {
				v := "-"
				if r.Value != nil {
					v = fmtFloat(*r.Value)
				}
				got = append(got, r.Kind+":"+r.Text+":"+v)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || bad != tt.wantBad {
				t.Errorf("parseAnswer(%q):\n got %v (bad %d)\nwant %v (bad %d)", tt.in, got, bad, tt.want, tt.wantBad)
			}
		})
	}
}

func TestLeadingNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"5", 5, true}, {" 2.5% ", 2.5, true}, {"2027年", 2027, true}, {"1,200万人", 1200, true},
		{"-3", -3, true}, {"5.", 5, true}, {"九", 0, false}, {"", 0, false}, {"-", 0, false}, {"x5", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := leadingNumber(tt.in)
			if (got != nil) != tt.ok || got != nil && *got != tt.want {
				t.Errorf("leadingNumber(%q) = %v, want %v (ok %v)", tt.in, got, tt.want, tt.ok)
			}
		})
	}
}

// FuzzParseAnswer: any answer parses or fails cleanly, and whatever
// records come out merge into a result without breaking grounding.
func FuzzParseAnswer(f *testing.F) {
	f.Add(`{"records":[{"kind":"target","text":"9所学校开工","value":9,"unit":"所"}]}`)
	f.Add("```json\n[{\"kind\":\"project\",\"text\":\"东坝中心公园\"}]\n```")
	f.Add(`<think>{</think>{"records":[{"kind":"target","text":"完成4个","value":"4"}]}`)
	f.Add(`{"a":[1],"b":[2]}`)
	f.Add(`{"records":[],"rejected":[{"id":2,"reason":"过去的成绩"},{"id":99,"reason":"x"},{"text":"2万人以上","reason":"y"}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		a, err := parseAnswer(in)
		if err != nil && (a.recs != nil || a.bad != 0 || a.rejected != nil) {
			t.Fatalf("error %v with records %v", err, a.recs)
		}
		res := newResult(t, shortText, shortRules()...)
		chunks := makeChunks(shortText, res.Sentences, res.Records, DefaultChunkTokens)
		m := newMerger(res, res.Sentences)
		var st Stats
		for i := range chunks {
			m.merge(&chunks[i], a, &st)
		}
		res.Records = m.records()
		checkGrounded(t, res)
		if len(res.Records) < len(shortRules()) {
			t.Fatalf("records deleted: %d left", len(res.Records))
		}
	})
}

func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
