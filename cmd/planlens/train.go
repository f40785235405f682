package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/planlens/planlens/eval"
	"github.com/planlens/planlens/extract"
	"github.com/planlens/planlens/extract/confidence"
)

func trainCommand() command {
	return command{
		name:    "train",
		summary: "fit the confidence model on gold annotations and write its weights file",
		run:     runTrain,
	}
}

// defaultWeights is where the embedded weights file lives in the source tree.
const defaultWeights = "extract/confidence/weights.json"

func runTrain(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "train", "train --gold DIR [--out FILE] [flags]\n\nProposes the candidate targets and projects of every gold document (the .txt\nbeside each gold file), labels each right or wrong by the eval rules, fits the\nconfidence model (logistic regression per kind) and writes its weights. The\nweights file of the source tree ("+defaultWeights+") is embedded in\nthe binary: rebuild after writing it. `planlens eval --cv` measures the same\nfit leave-one-document-out.")
	goldPath := fs.String("gold", "", "gold annotations: a `.jsonl` file or a directory of them (required)")
	out := fs.String("out", defaultWeights, "weights `file` to write")
	df := addDocFlags(fs)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *goldPath == "" {
		return usageErr("--gold is required")
	}
	if len(paths) > 0 {
		return usageErr("train takes no PATH (the documents are those beside the gold files)")
	}
	docs, err := cvDocs(ctx, e, *goldPath, df)
	if err != nil {
		return err
	}
	fz, err := confidence.NewFeaturizer()
	if err != nil {
		return err
	}
	ex := eval.Examples(fz, docs)
	var names []string
	for _, d := range docs {
		names = append(names, d.Key)
	}
	m, err := confidence.Train(ex, confidence.TrainOptions{Trained: fmt.Sprintf("%d candidates of %d gold documents", len(ex), len(docs))})
	if err != nil {
		return err
	}
	if dir := filepath.Dir(*out); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("train: %w", err)
		}
	}
	f, err := os.Create(*out)
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	if err := m.Write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("train: %w", err)
	}
	right := 0
	for _, x := range ex {
		if x.Label {
			right++
		}
	}
	fmt.Fprintf(e.stdout, "trained on %d candidates (%d right) of %d documents; weights: %d target, %d project features; wrote %s\n",
		len(ex), right, len(docs), len(m.Weights["target"]), len(m.Weights["project"]), *out)
	return nil
}

// cvDocs loads the gold at goldPath and proposes the candidates of each of
// its documents (the .txt beside each gold file).
func cvDocs(ctx context.Context, e *env, goldPath string, df *docFlags) ([]eval.CVDoc, error) {
	golds, err := eval.LoadGold(goldPath)
	if err != nil {
		return nil, err
	}
	var files []string
	byFile := map[string]eval.Gold{}
	for _, g := range golds {
		f := filepath.Join(g.Dir, g.Doc)
		files = append(files, f)
		byFile[f] = g
	}
	x, err := e.extractor(df.dicts)
	if err != nil {
		return nil, err
	}
	d := *df
	d.propose = true
	var docs []eval.CVDoc
	err = extractFiles(ctx, x, files, &d, func(path string, res *extract.Result, err error) error {
		if err != nil {
			return err
		}
		g := byFile[path]
		docs = append(docs, eval.CVDoc{Key: eval.DocKey(path), Genre: res.Doc.Genre, Gold: g.Records,
			Candidates: res.Records, Doc: extract.ConfidenceDoc(res)})
		return nil
	})
	return docs, err
}
