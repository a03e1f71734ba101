package api

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
)

// The measure of a query. A field costs its weight (1, or more for an
// analysis: fieldCosts) plus, for a list, its page size times the cost of
// what it selects: a page of 50 stakeholders with 100 services each costs
// about 50 × 100. Every field costs at least 1, __typename included, so no
// selection is free.
const (
	// assumedListSize is what a list field without a first argument is
	// assumed to return.
	assumedListSize = 20
	// maxListSize bounds a first argument before it is multiplied: no list
	// of the API returns more (relationship fields stop at 500, root lists
	// at 100), so a larger first costs what 500 would and is refused by its
	// resolver.
	maxListSize = 500
	// costCeiling is where the arithmetic saturates: far above any limit,
	// far below overflow.
	costCeiling = 1 << 40
)

// Caps on the document as written, checked before gqlgen parses and
// validates it (validation compares fields pairwise, so a document of
// 40,000 aliases took seconds before any limit looked at it).
const (
	// maxFields is the most field selections a document may write,
	// __typename and aliased fields included. The web app's largest query
	// has about 120.
	maxFields = 2000
	// maxAliases is the most aliased fields a document may write.
	maxAliases = 200
	// maxExpandedFields is the most fields a document may select once its
	// fragments are spread: gqlparser's validation compares the fields of
	// spread fragments pairwise, and a document of 30 fragments that each
	// spread the next twice kept it busy for minutes.
	maxExpandedFields = 10000
	// maxAnalyses is the most analyses (fields in fieldCosts) one request
	// may run, counted after fragments are expanded; an analysis nested in
	// a list counts once, as its batch runs once.
	maxAnalyses = 10
)

// fieldCosts are the weights of analyses: each builds a projection of the
// graph or aggregates over a territory, work of a few hundred ordinary
// fields at least. Their cost is charged to the rate limit too (see
// charge), so 300 aliases of centrality cost what 300 requests would.
var fieldCosts = map[string]int{
	"Query.supplyDemandMatrix":       5000,
	"Query.serviceGaps":              5000,
	"Query.cooperationAreasOverview": 5000,
	"Query.cooperationOpportunities": 5000,
	"CooperationArea.overview":       2000,
	"Query.referralPaths":            5000,
	"Query.referralFlows":            2000,
	"Query.network":                  20000,
	"Query.egoNetwork":               5000,
	"Query.centrality":               20000,
	"Query.communities":              20000,
	"Query.networkStats":             20000,
	"Query.networkTimeline":          20000,
	"Query.partnerSuggestions":       20000,
	"Query.connection":               20000,
}

// limits refuses, before any resolver runs (so before any Cypher), a
// document with too many fields or aliases, a query nested deeper than
// maxDepth, more complex than maxComplexity or running more than
// maxAnalyses analyses, an Int outside GraphQL's 32 bits, introspection
// the identity may not use, and a request whose cost the identity's rate
// limit cannot pay.
type limits struct {
	maxDepth, maxComplexity int
	// maxQueryBytes bounds the text of a query, whatever the transport (a
	// multipart request's body may be far larger, for its files).
	maxQueryBytes int
	// introspection: "authenticated" lets identities that are not
	// anonymous introspect in production; "" lets nobody there.
	production    bool
	introspection string
	limiter       *rateLimiter
	schema        *ast.Schema
	counted       *lru.LRU[documentCount]
}

// documentCount is what the document as written holds: fields and
// aliases as written, and fields with every fragment spread expanded.
type documentCount struct {
	fields, aliases int
	expanded        int64
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
	graphql.OperationContextMutator
} = (*limits)(nil)

func (*limits) ExtensionName() string { return "QueryLimits" }

func (l *limits) Validate(schema graphql.ExecutableSchema) error {
	l.schema = schema.Schema()
	l.counted = lru.New[documentCount](1000)
	return nil
}

// MutateOperationParameters counts the fields and aliases of the document
// as written, before gqlgen parses and validates it. Counting parses it
// too, in linear time; a document that does not parse is left to gqlgen,
// whose message says where.
func (l *limits) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	if len(p.Query) > l.maxQueryBytes {
		return tooComplex(fmt.Sprintf("the query is %d bytes long; at most %d are allowed", len(p.Query), l.maxQueryBytes))
	}
	c, ok := l.counted.Get(ctx, p.Query)
	if !ok {
		doc, err := parser.ParseQuery(&ast.Source{Input: p.Query})
		if err != nil {
			return nil
		}
		c = count(doc)
		l.counted.Add(ctx, p.Query, c)
	}
	switch {
	case c.expanded > maxExpandedFields:
		return tooComplex(fmt.Sprintf("the query selects %s fields once its fragments are spread; at most %d are allowed", costString(c.expanded), maxExpandedFields))
	case c.fields > maxFields:
		return tooComplex(fmt.Sprintf("the query selects %d fields; at most %d are allowed in one document", c.fields, maxFields))
	case c.aliases > maxAliases:
		return tooComplex(fmt.Sprintf("the query has %d aliases; at most %d are allowed in one document", c.aliases, maxAliases))
	}
	return nil
}

// count counts the field selections and aliases written in doc, each
// fragment once, and the fields of its operations with the fragments
// spread, each fragment's size worked out once (linear in the document,
// as validation is not).
func count(doc *ast.QueryDocument) documentCount {
	var c documentCount
	sizes := map[string]int64{} // expanded fields of each fragment; -1 while measured
	defs := make(map[string]*ast.FragmentDefinition, len(doc.Fragments))
	for _, f := range doc.Fragments {
		defs[f.Name] = f // Fragments.ForName would make this quadratic
	}
	var expand func(ast.SelectionSet) int64
	fragment := func(name string) int64 {
		if n, ok := sizes[name]; ok {
			return max(n, 0) // a cycle counts 0 here; validation refuses it
		}
		def := defs[name]
		if def == nil {
			return 0
		}
		sizes[name] = -1
		n := expand(def.SelectionSet)
		sizes[name] = n
		return n
	}
	expand = func(set ast.SelectionSet) int64 {
		var n int64
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				n = satAdd(n, satAdd(1, expand(s.SelectionSet)))
			case *ast.InlineFragment:
				n = satAdd(n, expand(s.SelectionSet))
			case *ast.FragmentSpread:
				n = satAdd(n, fragment(s.Name))
			}
		}
		return n
	}
	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				c.fields++
				if s.Alias != "" && s.Alias != s.Name {
					c.aliases++
				}
				walk(s.SelectionSet)
			case *ast.InlineFragment:
				walk(s.SelectionSet)
			}
		}
	}
	for _, op := range doc.Operations {
		walk(op.SelectionSet)
		c.expanded = satAdd(c.expanded, expand(op.SelectionSet))
	}
	for _, f := range doc.Fragments {
		walk(f.SelectionSet)
	}
	return c
}

func (l *limits) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	if err := checkInts(l.schema, oc.Operation.SelectionSet, oc.Variables); err != nil {
		return asGQLError(err)
	}
	if err := l.introspect(ctx, oc); err != nil {
		return asGQLError(err)
	}
	info := infoFrom(ctx)
	if info != nil && info.multipart {
		for _, sel := range oc.Operation.SelectionSet {
			if f, ok := sel.(*ast.Field); !ok || f.Name != "importGraph" {
				return asGQLError(&domain.Error{Code: domain.CodeBadUserInput, Field: "operations",
					Message: "a multipart request is an importGraph upload and may carry nothing else; send other operations as JSON"})
			}
		}
	}
	m := newMeasurer(oc.Variables)
	q := m.selection(oc.Operation.SelectionSet)
	switch {
	case q.height > l.maxDepth:
		return tooComplex(fmt.Sprintf("the query is nested %d levels deep; at most %d are allowed", q.height, l.maxDepth))
	case q.cost > int64(l.maxComplexity):
		return tooComplex(fmt.Sprintf("the query's complexity is %s; at most %d is allowed (a list costs its page size times what it selects: ask for smaller pages or fewer nested lists)", costString(q.cost), l.maxComplexity))
	case q.analyses > maxAnalyses:
		return tooComplex(fmt.Sprintf("the query runs %s analyses; at most %d are allowed in one request", costString(q.analyses), maxAnalyses))
	}
	if l.limiter != nil && info != nil {
		points := charge(len(oc.Operation.SelectionSet), q.cost)
		info.mu.Lock()
		info.points = points
		info.mu.Unlock()
		// One point was taken at the door (see middleware).
		if ok, wait := l.limiter.allowN(info.limitKey, points-1); !ok {
			return asGQLError(rateLimited(info, wait, points, l.limiter.burst))
		}
	}
	return nil
}

// charge is what a request costs its identity's rate limit, in requests:
// one for each root field (an alias is a request of its own) plus one for
// every full thousand of complexity (big pages, analyses).
func charge(rootFields int, cost int64) int {
	return int(min(int64(max(rootFields, 1))+cost/1000, costCeiling))
}

func costString(n int64) string {
	if n >= costCeiling {
		return "over " + fmt.Sprint(int64(costCeiling))
	}
	return fmt.Sprint(n)
}

// introspect refuses __schema and __type unless this identity may
// introspect, and lets it when it may (gqlgen starts every operation with
// introspection off).
func (l *limits) introspect(ctx context.Context, oc *graphql.OperationContext) error {
	allowed := !l.production
	if who, ok := auth.From(ctx); ok && l.introspection == "authenticated" && who.Subject != "anonymous" {
		allowed = true
	}
	if allowed {
		oc.DisableIntrospection = false
		return nil
	}
	var refused error
	eachField(oc.Operation.SelectionSet, func(f *ast.Field) {
		if refused == nil && (f.Name == "__schema" || f.Name == "__type") {
			refused = &domain.Error{Code: domain.CodeForbidden, Field: f.Name,
				Message: "introspection is off in production (COOPGRAPH_INTROSPECTION=authenticated turns it on for signed-in clients); the schema is in schema/*.graphqls"}
		}
	})
	return refused
}

// mayIntrospect reports whether the error messages of ctx's request may
// name fields the query did not ask for ("Did you mean …").
func (l *limits) mayIntrospect(ctx context.Context) bool {
	if !l.production {
		return true
	}
	who, ok := auth.From(ctx)
	return ok && l.introspection == "authenticated" && who.Subject != "anonymous"
}

func tooComplex(msg string) *gqlerror.Error {
	return &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": domain.CodeTooComplex}}
}

// asGQLError carries a domain error through gqlgen to the error presenter,
// which gives it its code and field.
func asGQLError(err error) *gqlerror.Error {
	return &gqlerror.Error{Message: err.Error(), Err: err}
}

// measure is the cost of a selection set, its height (the depth of its
// deepest field, leaves included: { a { b } } is 2) and the analyses it
// runs.
type measure struct {
	cost     int64
	height   int
	analyses int64
}

// measurer measures an operation in time linear in the document: each
// fragment is measured once and its measure reused at every spread (a
// fragment that spreads the next one twice, 30 levels down, is 2^30
// fields but 60 spreads to measure).
type measurer struct {
	vars  map[string]any
	frags map[string]measure
}

func newMeasurer(vars map[string]any) *measurer {
	return &measurer{vars: vars, frags: map[string]measure{}}
}

func (m *measurer) selection(set ast.SelectionSet) measure {
	var out measure
	for _, sel := range set {
		var q measure
		switch s := sel.(type) {
		case *ast.Field:
			q = m.field(s)
		case *ast.InlineFragment:
			q = m.selection(s.SelectionSet)
		case *ast.FragmentSpread:
			q = m.fragment(s)
		}
		out.cost = satAdd(out.cost, q.cost)
		out.analyses = satAdd(out.analyses, q.analyses)
		out.height = max(out.height, q.height)
	}
	return out
}

func (m *measurer) fragment(s *ast.FragmentSpread) measure {
	if s.Definition == nil {
		return measure{}
	}
	if q, ok := m.frags[s.Name]; ok {
		return q
	}
	// Validation has refused cycles; the zero entry guards anyway.
	m.frags[s.Name] = measure{}
	q := m.selection(s.Definition.SelectionSet)
	m.frags[s.Name] = q
	return q
}

func (m *measurer) field(f *ast.Field) measure {
	children := m.selection(f.SelectionSet)
	weight, analyses := int64(1), int64(0)
	if f.ObjectDefinition != nil {
		if w, ok := fieldCosts[f.ObjectDefinition.Name+"."+f.Name]; ok {
			weight, analyses = int64(w), 1
		}
	}
	size := m.size(f)
	return measure{
		cost:   satAdd(weight, satMul(size, children.cost)),
		height: children.height + 1,
		// Not times size: the analyses of a list's items are loaded in one
		// batch for the list.
		analyses: satAdd(analyses, children.analyses),
	}
}

// size is how many items a field returns at most: 1 for an object, the
// page size for a list or a connection, never more than maxListSize.
func (m *measurer) size(f *ast.Field) int64 {
	if f.Definition == nil {
		return 1 // __typename, __schema: objects, or lists of the schema's types
	}
	if arg := f.Definition.Arguments.ForName("first"); arg != nil {
		args, err := argumentMap(f, m.vars)
		if err != nil {
			return maxListSize
		}
		if v, ok := toInt(args["first"]); ok {
			return min(max(v, 0), maxListSize)
		}
		if arg.DefaultValue != nil {
			if v, err := arg.DefaultValue.Value(nil); err == nil {
				if n, ok := toInt(v); ok {
					return min(max(n, 0), maxListSize)
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

func satAdd(a, b int64) int64 { return min(a+b, costCeiling) } // both ≤ costCeiling: no overflow

func satMul(a, b int64) int64 {
	if a == 0 || b == 0 {
		return 0
	}
	if a > costCeiling/b {
		return costCeiling
	}
	return a * b
}

// toInt reads an Int argument however it arrived: a literal (int64), a
// variable coerced by the validator (int64), or a JSON number.
func toInt(v any) (int64, bool) {
	switch n := v.(type) {
	case int64:
		return n, true
	case int:
		return int64(n), true
	case int32:
		return int64(n), true
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	case float64:
		if n == math.Trunc(n) && math.Abs(n) < 1<<62 {
			return int64(n), true
		}
	}
	return 0, false
}

// checkInts refuses an Int argument, or an Int inside an input object or a
// list, outside GraphQL's 32-bit range: literals and variables alike (the
// validator checks neither), naming the argument's path.
func checkInts(schema *ast.Schema, set ast.SelectionSet, vars map[string]any) error {
	var bad error
	eachField(set, func(f *ast.Field) {
		if bad != nil || f.Definition == nil || len(f.Arguments) == 0 {
			return
		}
		values, err := argumentMap(f, vars)
		if err != nil {
			bad = err
			return
		}
		for _, arg := range f.Definition.Arguments {
			if v, ok := values[arg.Name]; ok {
				if bad = checkInt(schema, arg.Name, arg.Type, v, 0); bad != nil {
					return
				}
			}
		}
	})
	return bad
}

func checkInt(schema *ast.Schema, path string, typ *ast.Type, v any, depth int) error {
	if v == nil || typ == nil || depth > 20 {
		return nil
	}
	if typ.Elem != nil {
		list, ok := v.([]any)
		if !ok {
			return checkInt(schema, path, typ.Elem, v, depth+1) // a single value given for a list
		}
		for i, e := range list {
			if err := checkInt(schema, fmt.Sprintf("%s[%d]", path, i), typ.Elem, e, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if typ.NamedType == "Int" {
		if n, ok := toInt(v); ok && (n > math.MaxInt32 || n < math.MinInt32) {
			return domain.Invalid(path, "%d is outside GraphQL's Int, a 32-bit integer (%d to %d)", n, math.MinInt32, math.MaxInt32)
		}
		return nil
	}
	obj, ok := v.(map[string]any)
	def := schema.Types[typ.NamedType]
	if !ok || def == nil || def.Kind != ast.InputObject {
		return nil
	}
	for _, fd := range def.Fields {
		if fv, ok := obj[fd.Name]; ok {
			if err := checkInt(schema, path+"."+fd.Name, fd.Type, fv, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// argumentMap is f.ArgumentMap, which panics on a literal it cannot read
// (an Int beyond 64 bits), as an error naming the field.
func argumentMap(f *ast.Field, vars map[string]any) (args map[string]any, err error) {
	defer func() {
		if p := recover(); p != nil {
			args, err = nil, domain.Invalid(f.Name, "an argument is not a value of its type: %v", p)
		}
	}()
	return f.ArgumentMap(vars), nil
}
