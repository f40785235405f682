package llm

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
)

// modelRecord is one record of the model's answer.
type modelRecord struct {
	Kind      string
	Text      string
	Value     *float64
	ValueMax  *float64
	Approx    string
	Unit      string
	Object    string
	Direction string
	Name      string
	Category  string
	Phase     int
	Verb      string
	Stage     string
	Modality  string
	Year      int
}

// rawRecord decodes a record leniently: numbers may come as strings and
// strings as numbers; unknown fields are ignored.
type rawRecord struct {
	Kind      flexString `json:"kind"`
	Text      flexString `json:"text"`
	Value     flexNum    `json:"value"`
	ValueMax  flexNum    `json:"value_max"`
	Approx    flexString `json:"approx"`
	Unit      flexString `json:"unit"`
	Object    flexString `json:"object"`
	Direction flexString `json:"direction"`
	Name      flexString `json:"name"`
	Category  flexString `json:"category"`
	Phase     flexNum    `json:"phase"`
	Verb      flexString `json:"verb"`
	Stage     flexString `json:"stage"`
	Modality  flexString `json:"modality"`
	Year      flexNum    `json:"year"`
}

// flexString takes a JSON string, number or bool; anything else is "".
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	switch x := v.(type) {
	case string:
		*f = flexString(strings.TrimSpace(x))
	case float64:
		*f = flexString(strconv.FormatFloat(x, 'f', -1, 64))
	case bool:
		*f = flexString(strconv.FormatBool(x))
	default:
		*f = ""
	}
	return nil
}

// flexNum takes a JSON number or a string starting with one ("5", "5%",
// "2027年"); anything else is no value.
type flexNum struct{ v *float64 }

func (f *flexNum) UnmarshalJSON(b []byte) error {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	switch x := v.(type) {
	case float64:
		f.v = &x
	case string:
		f.v = leadingNumber(x)
	default:
		f.v = nil
	}
	return nil
}

func (f flexNum) int() int {
	if f.v == nil {
		return 0
	}
	return int(*f.v)
}

// leadingNumber parses the decimal number at the start of s (after
// spaces), or returns nil.
func leadingNumber(s string) *float64 {
	s = strings.TrimSpace(s)
	end := 0
	dot := false
	for end < len(s) {
		c := s[end]
		if c >= '0' && c <= '9' || c == '-' && end == 0 || c == '.' && !dot && end > 0 {
			dot = dot || c == '.'
			end++
			continue
		}
		if c == ',' && end > 0 && end+1 < len(s) && s[end+1] >= '0' && s[end+1] <= '9' {
			end++ // thousands separator
			continue
		}
		break
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimRight(s[:end], "."), ",", ""), 64)
	if err != nil {
		return nil
	}
	return &v
}

func (r *rawRecord) record() modelRecord {
	return modelRecord{
		Kind:      strings.ToLower(string(r.Kind)),
		Text:      string(r.Text),
		Value:     r.Value.v,
		ValueMax:  r.ValueMax.v,
		Approx:    strings.ToLower(string(r.Approx)),
		Unit:      string(r.Unit),
		Object:    string(r.Object),
		Direction: strings.ToLower(string(r.Direction)),
		Name:      string(r.Name),
		Category:  strings.ToLower(string(r.Category)),
		Phase:     r.Phase.int(),
		Verb:      string(r.Verb),
		Stage:     strings.ToLower(string(r.Stage)),
		Modality:  strings.ToLower(string(r.Modality)),
		Year:      r.Year.int(),
	}
}

// errNoJSON is returned when an answer holds no records JSON.
var errNoJSON = errors.New("llm: answer holds no records JSON")

// errTruncated is returned when the answer's JSON is cut off.
var errTruncated = errors.New("llm: answer cut off before its JSON ends")

// maxStarts bounds the positions parseAnswer tries a JSON value at.
const maxStarts = 64

// rejection is a rule record the model rejects explicitly: its id in the
// chunk's rule records (1-based), or else its text, and the reason.
type rejection struct {
	ID     int
	Text   string
	Reason string
}

// answer is a parsed model answer.
type answer struct {
	recs     []modelRecord
	bad      int // answer items that were not records
	rejected []rejection
}

// parseAnswer finds the records in a model's answer: a JSON object
// {"records": [...], "rejected": [...]}, a bare array of records, or an
// object with a single array, possibly inside code fences, after a
// <think> block or between prose. Rejections are read only from an
// object's "rejected" array.
func parseAnswer(content string) (answer, error) {
	if i := strings.LastIndex(content, "</think>"); i >= 0 {
		content = content[i+len("</think>"):]
	}
	starts := 0
	for i := 0; i < len(content) && starts < maxStarts; i++ {
		if content[i] != '{' && content[i] != '[' {
			continue
		}
		starts++
		dec := json.NewDecoder(strings.NewReader(content[i:]))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) {
				// A value that runs to the end: the answer was cut off
				// (token limit); the records inside it are not all of them.
				return answer{}, errTruncated
			}
			continue
		}
		items, ok := recordItems(raw)
		if !ok {
			continue
		}
		a := answer{recs: make([]modelRecord, 0, len(items)), rejected: rejections(raw)}
		for _, it := range items {
			var rr rawRecord
			if json.Unmarshal(it, &rr) != nil || (rr.Kind == "" && rr.Text == "" && rr.Name == "") {
				a.bad++
				continue
			}
			a.recs = append(a.recs, rr.record())
		}
		return a, nil
	}
	return answer{}, errNoJSON
}

// rejections reads the "rejected" array of an answer object; items
// without a reason are not rejections and are left out.
func rejections(raw json.RawMessage) []rejection {
	var obj struct {
		Rejected []json.RawMessage `json:"rejected"`
	}
	if json.Unmarshal(raw, &obj) != nil {
		return nil
	}
	var out []rejection
	for _, it := range obj.Rejected {
		var r struct {
			ID     flexNum    `json:"id"`
			Text   flexString `json:"text"`
			Reason flexString `json:"reason"`
		}
		if json.Unmarshal(it, &r) != nil || strings.TrimSpace(string(r.Reason)) == "" {
			continue
		}
		out = append(out, rejection{ID: r.ID.int(), Text: string(r.Text), Reason: string(r.Reason)})
	}
	return out
}

// recordItems returns the record items of a JSON value, and whether it
// has the shape of an answer.
func recordItems(raw json.RawMessage) ([]json.RawMessage, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil, false
	}
	if raw[0] == '[' {
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) != nil {
			return nil, false
		}
		return items, true
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return nil, false
	}
	if r, ok := obj["records"]; ok {
		if string(bytes.TrimSpace(r)) == "null" {
			return nil, true
		}
		var items []json.RawMessage
		if json.Unmarshal(r, &items) != nil {
			return nil, false
		}
		return items, true
	}
	if _, ok := obj["kind"]; ok {
		return []json.RawMessage{raw}, true
	}
	var found []json.RawMessage
	n := 0
	for _, v := range obj {
		var items []json.RawMessage
		if json.Unmarshal(v, &items) == nil {
			found = items
			n++
		}
	}
	if n == 1 {
		return found, true
	}
	return nil, false
}
