package api_test

import (
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/coopgraph/coopgraph/internal/api"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

// TestQueryLimits: queries too deep or too complex are refused with
// TOO_COMPLEX before any Cypher runs; the complexity of a small query is
// the one worked out by hand.
func TestQueryLimits(t *testing.T) {
	st := testdb.OpenDemo(t)

	// stakeholders(first: 2): 1 + 2 × nodes; nodes (the connection's page,
	// paid for already): 1 + 1 × (id 1 + services); services(first: 3):
	// 1 + 3 × (id 1) = 4. So nodes = 6 and the query costs 1 + 2 × 6 = 13.
	const small = `{ stakeholders(first: 2) { nodes { id services(first: 3) { id } } } }`
	tests := []struct {
		name          string
		maxComplexity int
		maxDepth      int
		query         string
		wantErr       string // part of the message; empty: must succeed
	}{
		{"OK exactly at the complexity limit", 13, 12, small, ""},
		{"ErrOneAboveTheComplexityLimit", 12, 12, small, "complexity is 13"},
		// Depth counts fields down to the leaves: stakeholders, nodes,
		// services, id.
		{"OK depth 4 at a depth limit of 4", 1000, 4, small, ""},
		{"ErrDepth", 1000, 3, small, "nested 4 levels"},
		{"ErrHugeNestedLists", 500000, 12,
			`{ stakeholders(first: 100) { nodes { services(first: 500) { coverage { stakeholders(first: 500) { id } } } } } }`,
			"complexity is"},
		{"ErrDeepFragments", 500000, 12,
			`{ territory(id: "tr-lesichovo") { ...p } } fragment p on Territory { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } } } } } }`,
			"nested 14 levels"},
		{"OK the benchmark's 3-level query under the defaults", 0, 0, threeLevels, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := api.New(api.Options{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
				MaxComplexity: tc.maxComplexity, MaxDepth: tc.maxDepth})
			r := post(t, h, st, tc.query, nil)
			if tc.wantErr == "" {
				if len(r.Errors) > 0 {
					t.Fatalf("refused: %+v", r.Errors)
				}
				return
			}
			if len(r.Errors) != 1 || r.Errors[0].code() != domain.CodeTooComplex || !strings.Contains(r.Errors[0].Message, tc.wantErr) {
				t.Fatalf("want TOO_COMPLEX saying %q, got %+v", tc.wantErr, r.Errors)
			}
			if r.queries != 0 {
				t.Errorf("a refused query ran %d Cypher queries, want 0", r.queries)
			}
		})
	}
}
