package extract_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The limits a function of extract/... keeps: a reader can hold it in view
// and a rule in it can be named.
const (
	maxLines = 80
	maxCyclo = 30
)

// overLimit lists functions allowed over a limit. It is empty: every
// function of extract/... keeps the limits, and one that grows over them
// is split into named steps, not listed here.
var overLimit = map[string]bool{}

type funcSize struct {
	name         string
	lines, cyclo int
}

// cyclomatic is 1 + each if, for, range, non-default case or select
// clause, && and || (function literals count toward their function).
func cyclomatic(body *ast.BlockStmt) int {
	c := 1
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.IfStmt, *ast.ForStmt, *ast.RangeStmt:
			c++
		case *ast.CaseClause:
			if x.List != nil {
				c++
			}
		case *ast.CommClause:
			if x.Comm != nil {
				c++
			}
		case *ast.BinaryExpr:
			if x.Op == token.LAND || x.Op == token.LOR {
				c++
			}
		}
		return true
	})
	return c
}

func funcName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	t := fd.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if g, ok := t.(*ast.IndexExpr); ok {
		t = g.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name + "." + fd.Name.Name
	}
	return fd.Name.Name
}

// measure returns every function of the non-test Go files below dir.
func measure(t *testing.T, dir string) []funcSize {
	t.Helper()
	var out []funcSize
	fset := token.NewFileSet()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			lines := fset.Position(fd.End()).Line - fset.Position(fd.Pos()).Line + 1
			out = append(out, funcSize{filepath.ToSlash(rel) + ":" + funcName(fd), lines, cyclomatic(fd.Body)})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].cyclo > out[j].cyclo })
	return out
}

func TestFunctionSize(t *testing.T) {
	fns := measure(t, ".")
	var top []string
	for _, f := range fns[:min(10, len(fns))] {
		top = append(top, fmt.Sprintf("%4d cyclo %4d lines  %s", f.cyclo, f.lines, f.name))
	}
	t.Logf("top 10 by cyclomatic complexity:\n%s", strings.Join(top, "\n"))
	seen := map[string]bool{}
	over := 0
	for _, f := range fns {
		seen[f.name] = true
		isOver := f.lines > maxLines || f.cyclo > maxCyclo
		if isOver {
			over++
		}
		switch {
		case isOver && !overLimit[f.name]:
			t.Errorf("%s: %d lines, cyclomatic %d (limits %d, %d): split it into named steps", f.name, f.lines, f.cyclo, maxLines, maxCyclo)
		case !isOver && overLimit[f.name]:
			t.Errorf("%s is within the limits now (%d lines, cyclomatic %d): remove it from overLimit", f.name, f.lines, f.cyclo)
		}
	}
	for name := range overLimit {
		if !seen[name] {
			t.Errorf("%s of overLimit no longer exists: remove it", name)
		}
	}
	t.Logf("%d of %d functions over a limit", over, len(fns))
}
