// Package schema holds the record and document types that planlens stages
// exchange, and their JSON form. It has no logic beyond small helpers: the
// field names are the public contract of ../shared/design/records.md.
package schema

// Kinds of record.
const (
	KindTarget    = "target"
	KindProject   = "project"
	KindAction    = "action"
	KindNotTarget = "not_target" // only in gold files
)

// Lifecycle stages of a governing verb.
const (
	StagePlan     = "plan"
	StageStart    = "start"
	StageAdvance  = "advance"
	StageComplete = "complete"
	StageImprove  = "improve"
)

// Modalities: commitment strength of a clause.
const (
	ModalityEnsure = "ensure" // 确保 保证
	ModalityStrive = "strive" // 力争 努力
	ModalitySeek   = "seek"   // 争取
)

// Approximators of a target value.
const (
	ApproxExact   = "exact"
	ApproxOver    = "over"     // 余 多 超过
	ApproxAtLeast = "at_least" // 以上 不少于 不低于
	ApproxAtMost  = "at_most"  // 以内 不超过 控制在
	ApproxAbout   = "about"    // 左右 约 近
)

// Directions of a measured target.
const (
	DirIncrease = "increase"
	DirDecrease = "decrease"
	DirLevel    = "level"
)

// Origins of a record.
const (
	OriginRules = "rules"
	OriginLLM   = "llm"
)

// Record is one extracted record: a target, a project or an action.
// Text is always DocText[Start:End] of the document it came from.
type Record struct {
	Kind     string `json:"kind"`
	Doc      string `json:"doc"`
	Source   string `json:"source"`
	Text     string `json:"text"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Sentence int    `json:"sentence"`
	// Heading is the section heading path of the sentence (outermost first).
	Heading []string `json:"heading,omitempty"`

	Verb     string `json:"verb,omitempty"`
	Stage    string `json:"stage,omitempty"`
	Modality string `json:"modality,omitempty"`
	// Object is what a target counts or measures, or an action's object phrase.
	Object string `json:"object,omitempty"`

	// target
	Value     *float64 `json:"value,omitempty"`
	ValueMax  *float64 `json:"value_max,omitempty"`
	Scaled    *float64 `json:"scaled,omitempty"`
	ScaledMax *float64 `json:"scaled_max,omitempty"`
	BaseUnit  string   `json:"base_unit,omitempty"`
	Approx    string   `json:"approx,omitempty"`
	Unit      string   `json:"unit,omitempty"`
	Direction string   `json:"direction,omitempty"`
	Examples  []string `json:"examples,omitempty"`
	Year      int      `json:"year,omitempty"`

	// project
	Name     string `json:"name,omitempty"`
	Category string `json:"category,omitempty"`
	Phase    int    `json:"phase,omitempty"`
	// Tense is the time orientation of a project's sentence, judged by
	// extract/tense from its cues, paragraph lead and section headings:
	// "future" (a commitment or plan: 今年, 力争, 要, a task section) or
	// "past" (a reported achievement: 去年, 已, 了, a review section);
	// empty when nothing says. Projects are kept whatever the tense; action
	// records of past sentences are dropped, targets are future by rule.
	Tense string `json:"tense,omitempty"`

	// provenance
	Origin    string `json:"origin"`
	Confirmed bool   `json:"confirmed,omitempty"`
	// LLMDisputed is set when the LLM pass's model rejected the record
	// explicitly, giving LLMReason; a record the model merely left out is
	// not disputed.
	LLMDisputed bool           `json:"llm_disputed,omitempty"`
	LLMReason   string         `json:"llm_reason,omitempty"`
	LLMFields   map[string]any `json:"llm_fields,omitempty"`
}

// Float returns a pointer to v, for the optional numeric fields.
func Float(v float64) *float64 { return &v }

// Document levels.
const (
	LevelNational   = "national"
	LevelProvincial = "provincial"
	LevelCity       = "city"
	LevelDistrict   = "district" // district or county
	LevelTownship   = "township" // town (镇), township (乡) or subdistrict (街道)
)

// Document is a source document after decoding: its metadata and its text.
// Record offsets point into Text.
type Document struct {
	ID       string `json:"doc"`
	Source   string `json:"source"`
	Title    string `json:"title,omitempty"`
	Year     int    `json:"year,omitempty"`
	Region   string `json:"region,omitempty"`
	Level    string `json:"level,omitempty"`
	Format   string `json:"format"`             // txt, html, docx, pdf
	Encoding string `json:"encoding,omitempty"` // utf-8, utf-16le, gb18030, ...
	Size     int    `json:"size"`               // bytes of Text
	Text     string `json:"-"`
	// Warnings are non-fatal problems met while reading the source
	// (dropped truncated bytes, an encoding declared wrongly, ...).
	Warnings []string `json:"warnings,omitempty"`
}
