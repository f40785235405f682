package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/planlens/planlens/eval"
	"github.com/planlens/planlens/extract/confidence"
)

// runCV is `planlens eval --cv`: leave-one-document-out figures of the
// confidence model over the rules' candidates.
func runCV(ctx context.Context, e *env, goldPath string, df *docFlags, format string, verbose bool, opts confidence.TrainOptions) error {
	docs, err := cvDocs(ctx, e, goldPath, df)
	if err != nil {
		return err
	}
	rep, err := eval.CrossValidate(docs, opts)
	if err != nil {
		return err
	}
	if format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	printCV(e.stdout, rep, verbose)
	return nil
}

func printCV(w io.Writer, rep eval.CVReport, verbose bool) {
	fmt.Fprintln(w, "leave-one-document-out cross-validation (confidence model fitted on the other documents)")
	docs := make([]evalDoc, len(rep.Docs))
	for i, d := range rep.Docs {
		docs[i] = evalDoc{Doc: d.Doc, Report: d.Report}
	}
	printEval(w, rep.Total, docs, verbose)
	fmt.Fprintln(w, "\nper genre (targets | projects):")
	for _, g := range rep.GenreNames() {
		r := rep.Genres[g]
		name := g
		if name == "" {
			name = "(unknown)"
		}
		fmt.Fprintf(w, "  %-20s %d docs  target P %.3f R %.3f F1 %.3f | project P %.3f R %.3f F1 %.3f\n",
			name, len(r.Docs), r.Target.Precision, r.Target.Recall, r.Target.F1, r.Project.Precision, r.Project.Recall, r.Project.F1)
	}
	fmt.Fprintln(w, "\ncalibration of held-out confidences (every candidate):")
	fmt.Fprintf(w, "  %-8s %-11s %5s %5s %9s\n", "kind", "confidence", "n", "right", "precision")
	for _, b := range rep.Calibration {
		hi := b.Hi
		if hi > 1 {
			hi = 1
		}
		fmt.Fprintf(w, "  %-8s [%.1f, %.1f%s %5d %5d %9.3f\n", b.Kind, b.Lo, hi, map[bool]string{true: "]", false: ")"}[b.Hi > 1], b.N, b.Right, b.Precision)
	}
	for _, k := range []string{"target", "project", "all"} {
		b := rep.High[k]
		fmt.Fprintf(w, "  confidence ≥ 0.8, %-7s: %d records, %.3f right\n", k, b.N, b.Precision)
	}
}
