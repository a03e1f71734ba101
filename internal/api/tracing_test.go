package api_test

import (
	"strings"
	"testing"

	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/coopgraph/coopgraph/internal/testdb"
)

// TestTracing: with a tracer provider installed, a request makes one span
// for its operation and one child span per Cypher query, in one trace
// (two root fields: a statement each).
func TestTracing(t *testing.T) {
	st := testdb.OpenDemo(t)
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	prev := otel.GetTracerProvider()
	otel.SetTracerProvider(tp)
	defer otel.SetTracerProvider(prev)

	h := newHandler(st)
	r := post(t, h, st, `query Traced { stakeholders(first: 2) { nodes { name territory { name } } } territories(first: 1) { nodes { name } } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	var op sdktrace.ReadOnlySpan
	var cypher []sdktrace.ReadOnlySpan
	for _, s := range rec.Ended() {
		switch {
		case s.Name() == "graphql query Traced":
			op = s
		case strings.HasPrefix(s.Name(), "cypher "):
			cypher = append(cypher, s)
		}
	}
	if op == nil {
		t.Fatalf("no operation span among %d spans", len(rec.Ended()))
	}
	if int64(len(cypher)) != r.queries || r.queries != 2 {
		t.Fatalf("%d Cypher spans for %d queries, want 2", len(cypher), r.queries)
	}
	for _, s := range cypher {
		if s.Parent().SpanID() != op.SpanContext().SpanID() || s.SpanContext().TraceID() != op.SpanContext().TraceID() {
			t.Errorf("Cypher span %q is not a child of the operation span", s.Name())
		}
	}
}
