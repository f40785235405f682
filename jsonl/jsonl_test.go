package jsonl_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/planlens/planlens/jsonl"
)

type rec struct {
	Text string `json:"text"`
}

func TestEach(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []string
		err      string
	}{
		{"lines", `{"text":"a"}` + "\n\n  \n" + `{"text":"b"}`, []string{"1:a", "4:b"}, ""},
		{"CRLF and no final newline", "{\"text\":\"a\"}\r\n{\"text\":\"b\"}", []string{"1:a", "2:b"}, ""},
		{"a bad line", `{"text":"a"}` + "\n{\"text\":", []string{"1:a"}, "line 2:"},
		{"a line too long", `{"text":"` + strings.Repeat("x", jsonl.MaxLine) + `"}`, nil, "after line 0:"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			err := jsonl.Each(strings.NewReader(tt.in), func(line int, r rec) error {
				got = append(got, fmt.Sprintf("%d:%s", line, r.Text))
				return nil
			})
			if fmt.Sprint(got) != fmt.Sprint(tt.want) || (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
				t.Errorf("got %v, %v; want %v, %q", got, err, tt.want, tt.err)
			}
		})
	}
	stop := errors.New("stop")
	if err := jsonl.Each(strings.NewReader("{}\n{}"), func(int, rec) error { return stop }); err != stop {
		t.Errorf("fn's error: %v", err)
	}
}

func ExampleEach() {
	in := "{\"text\":\"新建学校5所\"}\n\n{\"text\":\"GDP增长5%左右\"}\n"
	jsonl.Each(strings.NewReader(in), func(line int, r rec) error {
		fmt.Println(line, r.Text)
		return nil
	})
	// Output:
	// 1 新建学校5所
	// 3 GDP增长5%左右
}
