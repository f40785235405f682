package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/planlens/planlens/eval"
	"github.com/planlens/planlens/extract"
	"github.com/planlens/planlens/extract/confidence"
	"github.com/planlens/planlens/extract/source"
	"github.com/planlens/planlens/schema"
)

func evalCommand() command {
	return command{
		name:    "eval",
		summary: "score extraction against gold annotations (precision, recall, F1)",
		run:     runEval,
	}
}

// evalDoc is the report of one document.
type evalDoc struct {
	Doc string `json:"doc"`
	eval.Report
}

func runEval(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval", "eval --gold GOLD.jsonl|DIR [flags] [PATH...]\n\nExtracts the documents at PATH (files or directories; default: the .txt files\nbeside the gold files) and scores them against the gold: targets per mention\n(overlapping span, same value and unit), projects per unique name. Gold records\nname their document in \"doc\"; documents are paired with gold by file name.")
	goldPath := fs.String("gold", "", "gold annotations: a `.jsonl` file or a directory of them (required)")
	format := fs.String("format", "text", "output `format`: text or json")
	verbose := fs.Bool("verbose", false, "list missed gold records and false hits")
	cv := fs.Bool("cv", false, "leave-one-document-out: fit the confidence model on the other gold documents, score the held-out one; per document, per genre, overall and a calibration table")
	l2 := fs.Float64("l2", 0, "with --cv: L2 penalty of the fit (default: the trainer's)")
	tt := fs.Float64("target-threshold", confidence.DefaultThreshold(schema.KindTarget), "with --cv: decision threshold of the fitted model for targets")
	pt := fs.Float64("project-threshold", confidence.DefaultThreshold(schema.KindProject), "with --cv: decision threshold of the fitted model for projects")
	minConf := fs.Float64("min-confidence", 0, "score only targets and projects with at least this `confidence` (0–1)")
	rules := fs.Bool("rules", false, "score each named rule: precision of the records an accepting rule made and of the candidates a veto rejected (with --verbose, their errors)")
	df := addDocFlags(fs)
	lf := addLLMFlags(fs)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *goldPath == "" {
		return usageErr("--gold is required")
	}
	if *format != "text" && *format != "json" {
		return usageErr("unknown format %q (want text or json)", *format)
	}
	if *cv {
		if len(paths) > 0 {
			return usageErr("--cv takes no PATH (the documents are those beside the gold files)")
		}
		return runCV(ctx, e, *goldPath, df, *format, *verbose, confidence.TrainOptions{L2: *l2, Threshold: map[string]float64{schema.KindTarget: *tt, schema.KindProject: *pt}})
	}
	golds, err := eval.LoadGold(*goldPath)
	if err != nil {
		return err
	}
	byKey := map[string]eval.Gold{}
	for _, g := range golds {
		byKey[eval.DocKey(g.Doc)] = g
	}
	var files []string
	if len(paths) == 0 {
		for _, g := range golds {
			files = append(files, filepath.Join(g.Dir, g.Doc))
		}
	} else {
		var errs []error
		files, errs = source.Files(paths)
		for _, err := range errs {
			fmt.Fprintf(e.stderr, "planlens eval: %v\n", err)
		}
	}
	var keep []string
	for _, f := range files {
		if _, ok := byKey[eval.DocKey(f)]; ok {
			keep = append(keep, f)
		} else {
			fmt.Fprintf(e.stderr, "planlens eval: %s: no gold for this document, skipped\n", source.Quote(f))
		}
	}
	if len(keep) == 0 {
		return &exitError{code: 1, msg: "no document has gold annotations"}
	}
	x, err := e.extractor(df.dicts)
	if err != nil {
		return err
	}
	if *rules {
		x = x.Explaining()
	}
	lr, err := lf.runner(e)
	if err != nil {
		return err
	}
	var docs []evalDoc
	var ruleScores [][]eval.RuleScore
	seen := map[string]bool{}
	failed := 0
	err = extractFiles(ctx, x, keep, df, func(path string, res *extract.Result, err error) error {
		if err != nil {
			// One unreadable document is reported and left out; the
			// others are still scored.
			failed++
			fmt.Fprintf(e.stderr, "planlens eval: %v%s\n", err, hint(err))
			return nil
		}
		if err := lr.run(ctx, res); err != nil {
			return err
		}
		key := eval.DocKey(path)
		seen[key] = true
		r := eval.ScoreDoc(byKey[key].Records, confidence.MinConfidence(res.Records, *minConf))
		r.Docs = []string{key}
		if *rules {
			ruleScores = append(ruleScores, eval.ScoreRules(byKey[key].Records, res))
		}
		docs = append(docs, evalDoc{Doc: key, Report: r})
		return nil
	})
	if err != nil {
		return err
	}
	for _, g := range golds {
		if !seen[eval.DocKey(g.Doc)] {
			fmt.Fprintf(e.stderr, "planlens eval: gold document %s was not scored (its text is not beside the gold file, or could not be read: give it as PATH)\n", g.Doc)
		}
	}
	if len(docs) == 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("none of %d gold documents could be read", len(keep))}
	}
	lr.report(e)
	reports := make([]eval.Report, len(docs))
	for i, d := range docs {
		reports[i] = d.Report
	}
	total := eval.Merge(reports...)
	var rs []eval.RuleScore
	if *rules {
		rs = eval.MergeRules(ruleScores...)
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			Total eval.Report      `json:"total"`
			Docs  []evalDoc        `json:"docs"`
			Rules []eval.RuleScore `json:"rules,omitempty"`
		}{total, docs, rs}); err != nil {
			return err
		}
	} else {
		printEval(e.stdout, total, docs, *verbose)
		if *rules {
			printRules(e.stdout, rs, *verbose)
		}
	}
	if failed > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("%d of %d gold documents could not be read; the scores are of the others", failed, len(keep))}
	}
	return nil
}

// printRules prints the score of each rule that decided something.
func printRules(w io.Writer, rs []eval.RuleScore, verbose bool) {
	fmt.Fprintf(w, "\nper rule (accept: precision of the records it made; veto: share of its rejections that are no gold record):\n")
	fmt.Fprintf(w, "  %-7s %-7s %-28s %5s %5s %9s\n", "kind", "verdict", "rule", "n", "right", "precision")
	for _, r := range rs {
		fmt.Fprintf(w, "  %-7s %-7s %-28s %5d %5d %9.3f\n", r.Kind, r.Verdict, r.Rule, r.N, r.Right, r.Precision)
		if !verbose {
			continue
		}
		for _, x := range r.Wrong {
			fmt.Fprintf(w, "      wrong %s %d %s%s\n", filepath.Base(x.Source), x.Start, x.Text, quantity(x))
		}
	}
}

func printEval(w io.Writer, total eval.Report, docs []evalDoc, verbose bool) {
	fmt.Fprintf(w, "documents: %d (%s)\n\n", len(docs), strings.Join(total.Docs, ", "))
	fmt.Fprintf(w, "%-8s %9s %7s %6s %5s %5s %5s\n", "kind", "precision", "recall", "F1", "TP", "FP", "FN")
	for _, k := range []struct {
		name string
		s    eval.Score
	}{{schema.KindTarget, total.Target}, {schema.KindProject, total.Project}} {
		fmt.Fprintf(w, "%-8s %9.3f %7.3f %6.3f %5d %5d %5d\n", k.name, k.s.Precision, k.s.Recall, k.s.F1, k.s.TP, k.s.FP, k.s.FN)
	}
	if len(docs) > 1 {
		fmt.Fprintln(w, "\nper document (targets | projects):")
		for _, d := range docs {
			fmt.Fprintf(w, "  %-50s P %.3f R %.3f | P %.3f R %.3f\n", d.Doc, d.Target.Precision, d.Target.Recall, d.Project.Precision, d.Project.Recall)
		}
	}
	fmt.Fprintf(w, "\nfield accuracy on %d matched targets:", total.Target.TP)
	for _, f := range total.TargetFields {
		fmt.Fprintf(w, " %s %.3f", f.Name, f.Accuracy)
	}
	fmt.Fprintf(w, "\nstage accuracy on %d matched projects: %.3f\n", total.ProjectStage.Total, total.ProjectStage.Accuracy)
	fmt.Fprintf(w, "false targets on not_target spans: %d\n", len(total.NotTargetHits))
	fmt.Fprintf(w, "targets without value or unit: %d\n", len(total.Incomplete))
	if !verbose {
		return
	}
	for _, d := range docs {
		fmt.Fprintf(w, "\n== %s\n", d.Doc)
		for _, r := range d.Misses {
			fmt.Fprintf(w, "  miss  %-7s %6d %s%s\n", r.Kind, r.Start, r.Text, quantity(r))
		}
		for _, r := range d.FalseHits {
			mark := ""
			for _, n := range d.NotTargetHits {
				if n.Start == r.Start && n.End == r.End {
					mark = " [not_target]"
				}
			}
			fmt.Fprintf(w, "  false %-7s %6d %s%s%s\n", r.Kind, r.Start, r.Text, quantity(r), mark)
		}
	}
}

func quantity(r schema.Record) string {
	if r.Kind != schema.KindTarget || r.Value == nil {
		return ""
	}
	return fmt.Sprintf("  (%v %s)", *r.Value, r.Unit)
}
