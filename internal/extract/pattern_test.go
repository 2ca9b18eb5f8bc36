package extract

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestPatternsCompile compiles every pattern the package's sources
// declare. Patterns compile on first use (see pattern), so a bad
// expression would otherwise panic only when a text first reaches its
// rule; here each call of a pattern constructor with a constant
// expression is evaluated from the source and compiled through the same
// constructor.
func TestPatternsCompile(t *testing.T) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, e := range entries {
		if name := e.Name(); strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") {
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
	}
	consts := map[string]ast.Expr{}
	for _, f := range files {
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.CONST {
				for _, s := range g.Specs {
					vs := s.(*ast.ValueSpec)
					for i, n := range vs.Names {
						if i < len(vs.Values) {
							consts[n.Name] = vs.Values[i]
						}
					}
				}
			}
		}
	}
	constructors := map[string]func(string) *regexp.Regexp{
		"pat":    func(s string) *regexp.Regexp { return pat(s).rx() },
		"rx":     func(s string) *regexp.Regexp { return rx(s).rx() },
		"before": func(s string) *regexp.Regexp { return before(s).rx() },
		"after":  func(s string) *regexp.Regexp { return after(s).rx() },
		"lx":     func(s string) *regexp.Regexp { return lx(s).rx() },
	}
	compiled := 0
	for _, f := range files {
		for _, d := range f.Decls {
			// The constructors' own bodies build patterns of their
			// parameter: their callers' constants are what is compiled.
			if fd, ok := d.(*ast.FuncDecl); ok && constructors[fd.Name.Name] != nil {
				continue
			}
			ast.Inspect(d, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) != 1 {
					return true
				}
				id, ok := call.Fun.(*ast.Ident)
				if !ok || constructors[id.Name] == nil {
					return true
				}
				pos := fset.Position(call.Pos())
				src, ok := constString(call.Args[0], consts)
				if !ok {
					t.Errorf("%s: %s of an expression that is not constant: TestPatternsCompile cannot check it", pos, id.Name)
					return true
				}
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Errorf("%s: %s: %v", pos, id.Name, r)
						}
					}()
					constructors[id.Name](src)
					compiled++
				}()
				return true
			})
		}
	}
	// 99 regular expressions were compiled at start-up before they became
	// lazy, and the lex word lists were already.
	if compiled < 110 {
		t.Errorf("compiled only %d patterns: is the source scan missing some?", compiled)
	}
	t.Logf("%d patterns compiled", compiled)
}

// constString evaluates a constant string expression of the package:
// literals, named constants and their concatenations.
func constString(e ast.Expr, consts map[string]ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.Ident:
		if v, ok := consts[e.Name]; ok {
			return constString(v, consts)
		}
	case *ast.ParenExpr:
		return constString(e.X, consts)
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			a, ok1 := constString(e.X, consts)
			b, ok2 := constString(e.Y, consts)
			return a + b, ok1 && ok2
		}
	}
	return "", false
}
