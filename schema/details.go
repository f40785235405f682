package schema

import "strconv"

// Details are a record's fields as short phrases in reading order, for
// front ends to join (the search and extract tables, the web pages): for
// a target its value with its range, unit and approximator ("6.5–7% (about)"),
// "of OBJECT", its direction and "by YEAR"; for a project its category and
// phase; for an action its object; then any record's verb/stage, modality
// and tense. Empty fields give no phrase.
func (r Record) Details() []string {
	var parts []string
	add := func(s string) {
		if s != "" {
			parts = append(parts, s)
		}
	}
	switch r.Kind {
	case KindTarget:
		v := FormatValue(r.Value)
		if r.ValueMax != nil {
			v += "–" + FormatValue(r.ValueMax)
		}
		v += r.Unit
		if r.Approx != "" && r.Approx != ApproxExact {
			v += " (" + r.Approx + ")"
		}
		add(v)
		if r.Object != "" {
			add("of " + r.Object)
		}
		add(r.Direction)
		if r.Year != 0 {
			add("by " + strconv.Itoa(r.Year))
		}
	case KindProject:
		c := r.Category
		if r.Phase != 0 {
			c += " phase " + strconv.Itoa(r.Phase)
		}
		add(c)
	case KindAction:
		add(r.Object)
	}
	if r.Verb != "" {
		v := r.Verb
		if r.Stage != "" {
			v += "/" + r.Stage
		}
		add(v)
	}
	add(r.Modality)
	add(r.Tense)
	return parts
}

// FormatValue writes a value as the shortest decimal that reads back the
// same (7.5, 1200, 0.35); nil is "".
func FormatValue(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}
