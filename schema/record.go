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

// RecordKinds returns the kinds extraction gives, in the order records of
// different kinds at one offset come out (not_target is gold-only).
func RecordKinds() []string { return []string{KindTarget, KindProject, KindAction} }

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
	// Page is the 1-based page of Start in a paged source (PDF); 0 for
	// text without pages.
	Page int `json:"page,omitempty"`

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
	// Indicator is the canonical key of the headline indicator a target
	// states (gdp_growth, cpi, urban_new_jobs, …; extract/indicator's
	// lexicon), with its variant (urban, rural, central, local) and flags
	// (gnp: 国民生产总值, retail_price: 商品零售价格, …).
	Indicator        string   `json:"indicator,omitempty"`
	IndicatorVariant string   `json:"indicator_variant,omitempty"`
	IndicatorFlags   []string `json:"indicator_flags,omitempty"`
	// Headline marks the target that states the document's main expected
	// value of its indicator for the document's own year (the 主要预期目标
	// paragraph, else the first statement of this year's value); at most
	// one per document, indicator and variant.
	Headline bool `json:"headline,omitempty"`

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

	// Confidence (targets and projects) is the confidence model's
	// probability, 0–1 with two decimals, that the record is right
	// (extract/confidence); 0 means not scored.
	Confidence float64 `json:"confidence,omitempty"`

	// Evidence names the annotation-layer facts a finder saw behind the
	// record (a project's kind of proper part, head class, a verb inside
	// the name …), read by the confidence model's features; not written
	// out (planlens extract --explain shows the rules).
	Evidence []string `json:"-"`

	// Explain lists the named rules that judged the record (only with
	// planlens extract --explain).
	Explain []Verdict `json:"explain,omitempty"`

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

// Document genres (Document.Genre).
const (
	GenreReport             = "report"              // 政府工作报告, 工作报告
	GenrePlan               = "plan"                // 规划, 纲要, 年度计划
	GenreActionPlan         = "action_plan"         // 行动计划, 行动方案
	GenreImplementationPlan = "implementation_plan" // 实施方案, 工作方案
	GenreTaskList           = "task_list"           // 任务清单, 台账, 任务分解表
	GenreOpinion            = "opinion"             // 意见, 实施意见, 指导意见
	GenreMeasures           = "measures"            // 办法, 措施, 细则, 规定, 规则
	GenreDecision           = "decision"            // 决定, 决议
	GenreNotice             = "notice"              // 通知, 通告, 公告, 函, 名单
	GenreNews               = "news"                // news of plans: 记者…获悉
	GenreSpeech             = "speech"              // 讲话, 致辞
)

// Genres lists the genre values in a stable order.
func Genres() []string {
	return []string{GenreReport, GenrePlan, GenreActionPlan, GenreImplementationPlan, GenreTaskList,
		GenreOpinion, GenreMeasures, GenreDecision, GenreNotice, GenreNews, GenreSpeech}
}

// Document is a source document after decoding: its metadata and its text.
// Record offsets point into Text.
type Document struct {
	ID     string `json:"doc"`
	Source string `json:"source"`
	Title  string `json:"title,omitempty"`
	Year   int    `json:"year,omitempty"`
	Region string `json:"region,omitempty"`
	Level  string `json:"level,omitempty"`
	// RegionCode is the GB/T 2260 code of Region when the gazetteer knows
	// the whole region ("000000" for 全国), else empty.
	RegionCode string `json:"region_code,omitempty"`
	// Issuer is the issuing body (发文机关); several are joined with 、.
	Issuer string `json:"issuer,omitempty"`
	// DocNumber is the document number (文号) with its year brackets
	// folded to 〔〕 and spaces removed: 沪府办〔2024〕56号.
	DocNumber string `json:"doc_number,omitempty"`
	// DateWritten (成文日期) and DatePublished (发布日期) are YYYY-MM-DD,
	// or YYYY-MM when the day is unknown.
	DateWritten   string `json:"date_written,omitempty"`
	DatePublished string `json:"date_published,omitempty"`
	// Genre is the kind of document (see Genre* constants).
	Genre string `json:"genre,omitempty"`
	// MetaSource says where each metadata field came from: "text",
	// "front_matter", "html_meta", "manifest", "option" (keyed by JSON name).
	MetaSource map[string]string `json:"meta_source,omitempty"`
	// Meta holds further metadata keys of the front matter or manifest
	// that are no field of their own (分类, 状态, 官方链接 ...), as given.
	Meta map[string]string `json:"meta,omitempty"`
	// TextOffset is the number of bytes of the decoded file before Text:
	// front matter is metadata, never text, so Text starts after it and
	// record offsets count from there (file offset = TextOffset + start
	// for a UTF-8 file).
	TextOffset int    `json:"text_offset,omitempty"`
	Format     string `json:"format"`             // txt, html, docx, pdf
	Encoding   string `json:"encoding,omitempty"` // utf-8, utf-16le, gb18030, ...
	Size       int    `json:"size"`               // bytes of Text
	Text       string `json:"-"`
	// Warnings are non-fatal problems met while reading the source
	// (dropped truncated bytes, an encoding declared wrongly, ...).
	Warnings []string `json:"warnings,omitempty"`
	// Pages holds, for a paged source (PDF), the byte offset in Text at
	// which each page starts (Pages[0] == 0); nil for text without pages.
	Pages []int `json:"pages,omitempty"`
}

// PageAt returns the 1-based page holding byte offset off of d.Text, or 0
// when d has no pages.
func (d *Document) PageAt(off int) int {
	if len(d.Pages) == 0 {
		return 0
	}
	lo, hi := 0, len(d.Pages)
	for lo < hi { // first page starting after off
		m := (lo + hi) / 2
		if d.Pages[m] > off {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return max(lo, 1)
}

// Sentence is one sentence of a document: its byte span in the document
// text and its section heading path (outermost first).
type Sentence struct {
	Index   int      `json:"index"`
	Start   int      `json:"start"`
	End     int      `json:"end"`
	Heading []string `json:"heading,omitempty"`
}

// Result is what extraction gives for one document: the document, its
// sentences and its records (in document order).
type Result struct {
	Doc       Document
	Sentences []Sentence
	Records   []Record
	// Rejected are the candidates a named rule vetoed, with their Explain
	// (only when extraction was asked to explain).
	Rejected []Record `json:"rejected,omitempty"`
}

// Verdict is what one named extraction rule said about a record: accept
// (the rule made it a record), pass (a veto rule checked it and let it
// through) or veto.
type Verdict struct {
	Rule    string `json:"rule"`
	Verdict string `json:"verdict"`
}

// Verdicts of a rule.
const (
	VerdictAccept = "accept"
	VerdictPass   = "pass"
	VerdictVeto   = "veto"
)
