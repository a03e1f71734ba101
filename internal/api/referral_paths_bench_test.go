package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/hsds"
	"github.com/coopgraph/coopgraph/internal/store"
	"github.com/coopgraph/coopgraph/internal/testdb"
	importer "github.com/coopgraph/coopgraph/internal/transfer"
)

// BenchmarkReferralPaths measures referralPaths on the linked graph (see
// loadLinkedGraph): 100 coordinators, spread over the graph, each ask for
// a leaf category at maxHops 3 and 5.
func BenchmarkReferralPaths(b *testing.B) {
	st := testdb.Open(b)
	loadLinkedGraph(b, st)
	h := newHandler(st)
	const query = `query($in: ReferralPathInput!) { referralPaths(input: $in) {
	  paths { steps { stakeholder { id } via { id } } provider { id } service { id } hops distanceKm score }
	  unreachableProviders { provider { id } distanceKm } } }`
	ask := func(i, hops int) map[string]any {
		return map[string]any{"in": map[string]any{"fromStakeholderId": fmt.Sprintf("g-st-%05d", (i*1999)%100000),
			"categoryId": fmt.Sprintf("g-cat-%d-%d", i%14, i%2), "maxHops": hops, "first": 10}}
	}
	for _, hops := range []int{3, 5} {
		b.Run(fmt.Sprintf("maxHops-%d", hops), func(b *testing.B) {
			// A first pass over every ask finds the pages of the graph cold
			// (the page cache holds 256 MiB); it is reported apart. The
			// measured pass is the server's steady state.
			run := func() (lat []time.Duration, queries int64, paths int) {
				for i := range b.N {
					start := time.Now()
					r := post(b, h, st, query, ask(i, hops))
					lat = append(lat, time.Since(start))
					if len(r.Errors) > 0 {
						b.Fatalf("errors: %+v", r.Errors)
					}
					queries += r.queries
					var got struct{ ReferralPaths struct{ Paths []any } }
					_ = json.Unmarshal(r.Data, &got)
					paths += len(got.ReferralPaths.Paths)
				}
				return lat, queries, paths
			}
			b.StopTimer()
			cold, _, _ := run()
			b.StartTimer()
			lat, queries, paths := run()
			b.StopTimer()
			reportLatency(b, "cold-", cold)
			reportLatency(b, "", lat)
			b.ReportMetric(float64(queries)/float64(b.N), "cypher/op")
			b.ReportMetric(float64(paths)/float64(b.N), "paths/op")
		})
	}
}

// loadLinkedGraph loads the large benchmark graph: 100,000 stakeholders
// (one service each, in 250 municipalities), 5,000 partnerships, 5,000
// events and about 1,050,000 REFERS_TO links: every stakeholder refers to
// 8 others in its municipality and 2 anywhere; one link in 10 is INACTIVE
// and one in 5 is restricted to a category.
func loadLinkedGraph(b *testing.B, st *store.Store) {
	testdb.Reset(b)
	path := filepath.Join(b.TempDir(), "referral.json")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	doc := testdb.Generate(testdb.Size{Municipalities: 250, Stakeholders: 100000, ServicesEach: 1, Categories: 14, Partnerships: 5000, Events: 5000}, 11)
	if err := json.NewEncoder(f).Encode(doc); err != nil {
		b.Fatal(err)
	}
	f.Close()
	doc = nil
	in := importer.Input{Format: importer.FormatJSON, Name: "referral.json", Open: func() (io.ReadCloser, error) { return os.Open(path) }}
	if _, err := importer.Import(auth.WithActor(context.Background(), "bench"), st, []importer.Input{in}, importer.Options{}, hsds.Options{}); err != nil {
		b.Fatal(err)
	}
	// 8 links within the municipality and 2 anywhere, per stakeholder;
	// the targets are picked by hashing the stakeholder's number, so the
	// graph is the same every run.
	testdb.Exec(b, `MATCH (m:Territory {level: 'MUNICIPALITY'})
CALL (m) {
  MATCH (m)<-[:LOCATED_IN]-(s:Stakeholder)
  WITH collect(s) AS local
  UNWIND local AS a
  UNWIND range(1, 8) AS k
  WITH a, k, toInteger(substring(a.id, 5)) AS n, local
  WITH a, k, n, local[(n * 7919 + k * 104729) % size(local)] AS b
  WHERE a <> b
  CREATE (a)-[:REFERS_TO {id: 'bl-' + n + '-' + k,
    status: CASE WHEN (n * 31 + k) % 10 = 0 THEN 'INACTIVE' ELSE 'ACTIVE' END,
    categoryIds: CASE WHEN (n + k) % 5 = 0 THEN ['g-cat-' + ((n + k) % 14)] ELSE [] END}]->(b)
} IN TRANSACTIONS OF 5 ROWS`, nil)
	testdb.Exec(b, `MATCH (a:Stakeholder)
CALL (a) {
  WITH a, toInteger(substring(a.id, 5)) AS n
  UNWIND [9, 10] AS k
  MATCH (b:Stakeholder {id: 'g-st-' + right('0000' + toString((n * 7919 + k * 104729) % 100000), 5)})
  WITH a, b, n, k WHERE a <> b
  CREATE (a)-[:REFERS_TO {id: 'bl-' + n + '-' + k,
    status: CASE WHEN (n * 31 + k) % 10 = 0 THEN 'INACTIVE' ELSE 'ACTIVE' END, categoryIds: []}]->(b)
} IN TRANSACTIONS OF 2000 ROWS`, nil)
	links, err := st.CountRelationships(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("graph ready: %d relationships in all", links)

}
