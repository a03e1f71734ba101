package api_test

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/hsds"
	"github.com/coopgraph/coopgraph/internal/testdb"
	importer "github.com/coopgraph/coopgraph/internal/transfer"
)

// matrixBenchSize is the matrix benchmark's graph: 250 municipalities in 25
// districts, 42 categories (14 top-level), 50,000 services covering 2
// municipalities each, 100,000 needs.
var matrixBenchSize = testdb.Size{Municipalities: 250, Stakeholders: 12500, ServicesEach: 4, Categories: 14,
	Needs: 100000, CoverageEach: 2}

// BenchmarkSupplyDemandMatrix measures the matrix of a district (10 rows)
// and of the whole country (250 rows, 3,500 cells) on a generated graph,
// through the HTTP handler, with p50, p99 and Cypher queries per matrix.
func BenchmarkSupplyDemandMatrix(b *testing.B) {
	st := testdb.Open(b)
	testdb.Reset(b)
	path := filepath.Join(b.TempDir(), "matrix.json")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := json.NewEncoder(f).Encode(testdb.Generate(matrixBenchSize, 7)); err != nil {
		b.Fatal(err)
	}
	f.Close()
	in := importer.Input{Format: importer.FormatJSON, Name: "matrix.json", Open: func() (io.ReadCloser, error) { return os.Open(path) }}
	if _, err := importer.Import(auth.WithActor(context.Background(), "bench"), st, []importer.Input{in}, importer.Options{}, hsds.Options{}); err != nil {
		b.Fatal(err)
	}
	h := newHandler(st)
	const query = `query($scope: ID!, $level: TerritoryLevel) { supplyDemandMatrix(scopeId: $scope, rowLevel: $level) {
	  rows { territory { id } cells { demand supply gap coverage } total { demand supply gap } }
	  columns { category { id } total { demand supply gap } } total { demand supply gap } } }`
	for _, bc := range []struct {
		name string
		vars map[string]any
	}{
		{"district", map[string]any{"scope": "g-district-3"}},
		{"country", map[string]any{"scope": "g-country"}},
		{"country-by-district", map[string]any{"scope": "g-country", "level": "DISTRICT"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var out map[string]any
			for range 5 { // warm the plan cache and the JIT
				ok(b, h, st, query, bc.vars, &out)
			}
			runtime.GC() // not the import's garbage

			lat := make([]time.Duration, 0, b.N)
			var queries int64
			b.ResetTimer()
			for range b.N {
				start := time.Now()
				r := post(b, h, st, query, bc.vars)
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
