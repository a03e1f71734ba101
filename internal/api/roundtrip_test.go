package api_test

import (
	"io"
	"log/slog"
	"testing"

	"github.com/coopgraph/coopgraph/internal/api"

	"github.com/coopgraph/coopgraph/internal/testdb"
)

// nested selects three levels below a page of stakeholders, touching every
// kind of relationship field: to-one, to-many, with relationship properties.
const nested = `query Nested($first: Int!) {
  stakeholders(first: $first) {
    totalCount
    nodes {
      id
      territory { name parent { name } neighbours { distanceKm territory { name } } }
      services { name category { name parent { name } } coverage { name } targetGroups { name } provider { id } }
      partnerships { role partnership { name parties { role stakeholder { name } } } }
      events { role event { name territory { name } } }
      referralsOut { id to { name } categories { name } }
      cooperationAreas { name categories { name } }
    }
  }
}`

// TestRoundTripsDoNotGrowWithItems proves the no-N+1 rule: the same nested
// request over 1 and over 100 stakeholders runs the same number of Cypher
// queries, and that number is small.
func TestRoundTripsDoNotGrowWithItems(t *testing.T) {
	st := testdb.Open(t)
	testdb.Load(t, st, testdb.Generate(testdb.Size{Municipalities: 30, Stakeholders: 150, ServicesEach: 2,
		Categories: 4, Partnerships: 40, Events: 30}, 1))
	// The request is heavy on purpose (100 items, many nested lists): lift
	// the complexity limit, which is not what this test is about.
	h := api.New(api.Options{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), MaxComplexity: 10_000_000})

	var counts []int64
	for _, n := range []int{1, 100} {
		var out struct {
			Stakeholders struct {
				TotalCount int
				Nodes      []struct {
					ID       string
					Services []struct{ Name string }
				}
			}
		}
		r := ok(t, h, st, nested, map[string]any{"first": n}, &out)
		if len(out.Stakeholders.Nodes) != n || out.Stakeholders.TotalCount != 150 {
			t.Fatalf("first %d: got %d nodes, total %d", n, len(out.Stakeholders.Nodes), out.Stakeholders.TotalCount)
		}
		if len(out.Stakeholders.Nodes[0].Services) != 2 {
			t.Fatalf("first %d: services not loaded: %+v", n, out.Stakeholders.Nodes[0])
		}
		counts = append(counts, r.queries)
	}
	t.Logf("Cypher queries: 1 item %d, 100 items %d", counts[0], counts[1])
	if counts[0] != counts[1] {
		t.Errorf("queries grew with items: %d for 1 stakeholder, %d for 100", counts[0], counts[1])
	}
	// One per list field and level: the page, its count, and one per
	// relationship field selected (20 in the query above).
	if counts[1] > 22 {
		t.Errorf("%d queries for one request, want at most 22", counts[1])
	}
}
