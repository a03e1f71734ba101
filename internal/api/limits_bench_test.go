package api

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/coopgraph/coopgraph/graph"
	"github.com/coopgraph/coopgraph/graph/generated"
)

// doublingFragments is a document of levels fragments, each spreading the
// one before twice: 2^levels fields once spread.
func doublingFragments(levels int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "{ territory(id: \"tr-vratsa\") { ...f%d } }\nfragment f0 on Territory { id name }\n", levels)
	for k := 1; k <= levels; k++ {
		fmt.Fprintf(&b, "fragment f%d on Territory { ...f%d parent { ...f%d } }\n", k, k-1, k-1)
	}
	return b.String()
}

func aliasDoc(n int) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, " a%d: __typename", i)
	}
	return b.String() + " }"
}

// BenchmarkMeasure: the complexity measure of issue 11 on documents that
// used to take it seconds. "count" is the pass over the document as written
// (before validation: it refuses both documents); "measure" the pass over
// a validated document (12 doubling levels, 4,096 fields spread, is what
// validation still accepts; 10,000 aliases, measured though the caps
// would refuse them); "request" a whole refused request through the
// handler.
func BenchmarkMeasure(b *testing.B) {
	big := doublingFragments(1)
	for levels := 1; len(big) < 100<<10; levels++ {
		big = doublingFragments(levels)
	}
	schema := generated.NewExecutableSchema(generated.Config{Resolvers: &graph.Resolver{}}).Schema()
	validated := func(q string) *ast.QueryDocument {
		doc, err := parser.ParseQuery(&ast.Source{Input: q})
		if err != nil {
			b.Fatal(err)
		}
		if errs := validator.Validate(schema, doc); len(errs) > 0 {
			b.Fatal(errs)
		}
		return doc
	}
	for _, tc := range []struct{ name, query string }{
		{fmt.Sprintf("count/fragments-%dKB", len(big)>>10), big},
		{"count/aliases-10000", aliasDoc(10000)},
	} {
		doc, err := parser.ParseQuery(&ast.Source{Input: tc.query})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				count(doc)
			}
		})
	}
	for _, tc := range []struct {
		name string
		doc  *ast.QueryDocument
	}{
		{"measure/fragments-12-levels", validated(doublingFragments(12))},
		{"measure/aliases-10000", validated(aliasDoc(10000))},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				newMeasurer(nil).selection(tc.doc.Operations[0].SelectionSet)
			}
		})
	}
	h := New(Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	for _, tc := range []struct{ name, query string }{
		{fmt.Sprintf("request/fragments-%dKB", len(big)>>10), big},
		{"request/aliases-10000", aliasDoc(10000)},
	} {
		body := fmt.Sprintf(`{"query": %q}`, tc.query)
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				rec := httptest.NewRecorder()
				req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusBadRequest {
					b.Fatalf("%d %s", rec.Code, rec.Body)
				}
			}
		})
	}
}
