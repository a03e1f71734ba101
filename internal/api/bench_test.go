package api_test

import (
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/coopgraph/coopgraph/internal/api"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

// threeLevels is the benchmark's request: a page of stakeholders, their
// services with category and coverage, their partnerships with the parties.
const threeLevels = `{
  stakeholders(first: 50) {
    totalCount
    nodes {
      id name kind sector
      territory { name parent { name } }
      services { name capacity category { name parent { name } } coverage { name } }
      partnerships { role partnership { name parties { role stakeholder { name } } } }
    }
  }
}`

// BenchmarkNestedStakeholderQuery measures a 3-level nested stakeholder
// query over the demo data, through the whole HTTP handler, and reports the
// median and 99th percentile latency, the Cypher statements per request and
// the allocations: compiled (one statement, the default) and batched (one
// statement per relationship field and level, as before issue 14).
func BenchmarkNestedStakeholderQuery(b *testing.B) {
	st := testdb.Open(b)
	testdb.LoadDemo(b, st)
	for _, mode := range []struct {
		name    string
		batched bool
	}{{"compiled", false}, {"batched", true}} {
		b.Run(mode.name, func(b *testing.B) {
			h := api.New(api.Options{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Batched: mode.batched})
			var out map[string]any
			ok(b, h, st, threeLevels, nil, &out) // warm the query cache and Neo4j's plan cache

			lat := make([]time.Duration, 0, b.N)
			var queries int64
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				start := time.Now()
				r := post(b, h, st, threeLevels, nil)
				lat = append(lat, time.Since(start))
				if len(r.Errors) > 0 {
					b.Fatalf("errors: %+v", r.Errors)
				}
				queries += r.queries
			}
			b.StopTimer()
			reportLatency(b, "", lat)
			b.ReportMetric(float64(queries)/float64(b.N), "cypher/op")
		})
	}
}

// reportLatency reports the median and the 99th percentile of lat (sorted
// here) as prefix+"p50-ms" and prefix+"p99-ms".
func reportLatency(b *testing.B, prefix string, lat []time.Duration) {
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, prefix+"p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, prefix+"p99-ms")
}
