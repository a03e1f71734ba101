package api

import (
	"context"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// assumedListSize is what a list field without a first argument is
// assumed to return, for the complexity of a query.
const assumedListSize = 20

// limits refuses, before any resolver runs (so before any Cypher), a query
// nested deeper than maxDepth or more complex than maxComplexity. A field
// costs 1 plus, for a list, its page size (its first argument, or that
// argument's default) times the cost of what it selects: a page of 50
// stakeholders with 100 services each costs about 50 × 100.
type limits struct {
	maxDepth, maxComplexity int
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = limits{}

func (limits) ExtensionName() string                          { return "QueryLimits" }
func (limits) Validate(schema graphql.ExecutableSchema) error { return nil }

func (l limits) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	m := measurer{vars: oc.Variables, doc: oc.Doc}
	cost, depth := m.selection(oc.Operation.SelectionSet, 1)
	switch {
	case depth > l.maxDepth:
		return tooComplex(fmt.Sprintf("the query is nested %d levels deep; at most %d are allowed", depth, l.maxDepth))
	case cost > l.maxComplexity:
		return tooComplex(fmt.Sprintf("the query's complexity is %d; at most %d is allowed (a list costs its page size times what it selects: ask for smaller pages or fewer nested lists)", cost, l.maxComplexity))
	}
	return nil
}

func tooComplex(msg string) *gqlerror.Error {
	return &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": domain.CodeTooComplex}}
}

type measurer struct {
	vars map[string]any
	doc  *ast.QueryDocument
}

// selection returns the cost and the depth of a selection set.
func (m measurer) selection(set ast.SelectionSet, depth int) (cost, maxDepth int) {
	maxDepth = depth - 1
	for _, sel := range set {
		var c, d int
		switch s := sel.(type) {
		case *ast.Field:
			c, d = m.field(s, depth)
		case *ast.InlineFragment:
			c, d = m.selection(s.SelectionSet, depth)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				c, d = m.selection(s.Definition.SelectionSet, depth)
			}
		}
		cost += c
		maxDepth = max(maxDepth, d)
	}
	return cost, maxDepth
}

func (m measurer) field(f *ast.Field, depth int) (int, int) {
	if strings.HasPrefix(f.Name, "__") || f.Definition == nil {
		return 0, depth
	}
	children, d := m.selection(f.SelectionSet, depth+1)
	if len(f.SelectionSet) == 0 {
		d = depth
	}
	return 1 + m.size(f)*children, d
}

// size is how many items a field returns at most: 1 for an object, the
// page size for a list or a connection.
func (m measurer) size(f *ast.Field) int {
	if arg := f.Definition.Arguments.ForName("first"); arg != nil {
		if v, ok := f.ArgumentMap(m.vars)["first"].(int64); ok && v >= 0 {
			return int(v)
		}
		if arg.DefaultValue != nil {
			if v, err := arg.DefaultValue.Value(nil); err == nil {
				if n, ok := v.(int64); ok {
					return int(n)
				}
			}
		}
	}
	// A connection's nodes and edges are the page its field already paid for.
	if f.Definition.Type.Elem != nil && f.ObjectDefinition != nil && !strings.HasSuffix(f.ObjectDefinition.Name, "Connection") {
		return assumedListSize
	}
	return 1
}
