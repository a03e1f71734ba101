package api_test

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coopgraph/coopgraph/internal/network"
	"github.com/coopgraph/coopgraph/internal/store"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

// BenchmarkNetwork measures the network analyses on the linked graph (see
// loadLinkedGraph: 100,000 stakeholders; partnerships, events and referral
// links give about 1.1 million ties): the projection, each measure once,
// the Go heap's peak, and the ego network at depth 2 through the HTTP
// handler with the projection cached.
func BenchmarkNetwork(b *testing.B) {
	st := testdb.Open(b)
	// Go runs a benchmark once with b.N = 1 before the measured run: the
	// graph is loaded and the analyses timed once, and reported by both.
	networkBenchOnce.Do(func() { networkBenchFigures = measureNetwork(b, st) })
	h := newHandler(st)
	const query = `query($id: ID!) { egoNetwork(stakeholderId: $id, depth: 2, maxNodes: 500) { truncated nodes { stakeholder { id } degree community } edges { source target relation weight } } }`
	ask := func(i int) map[string]any { return map[string]any{"id": fmt.Sprintf("g-st-%05d", (i*7919)%100000)} }
	var out map[string]any
	ok(b, h, st, query, ask(0), &out) // builds and caches the projection
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		r := post(b, h, st, query, ask(i))
		lat = append(lat, time.Since(start))
		if len(r.Errors) > 0 {
			b.Fatalf("errors: %+v", r.Errors)
		}
	}
	b.StopTimer()
	reportLatency(b, "ego-", lat)
	for name, v := range networkBenchFigures { // after ResetTimer, which drops metrics
		b.ReportMetric(v, name)
	}
}

var (
	networkBenchOnce    sync.Once
	networkBenchFigures map[string]float64
)

// measureNetwork loads the linked graph and times the projection and each
// analysis once, with the Go heap's peak.
func measureNetwork(b *testing.B, st *store.Store) map[string]float64 {
	figures := map[string]float64{}
	loadLinkedGraph(b, st)
	ctx := context.Background()
	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	timed := func(name string, f func()) {
		start := time.Now()
		f()
		figures[name+"-s"] = time.Since(start).Seconds()
	}
	var g *network.Graph
	timed("projection", func() {
		var err error
		g, err = st.NetworkProjection(ctx, network.Query{Relations: []network.Relation{network.Partnership, network.Referral, network.Event}})
		if err != nil {
			b.Fatal(err)
		}
	})
	figures["nodes"] = float64(len(g.Nodes))
	figures["ties"] = float64(len(g.Edges))
	timed("degree", func() { g.Degree() })
	timed("pagerank", func() { g.PageRank() })
	timed("betweenness-sampled", func() { g.Betweenness(1) })
	var comms [][]int
	timed("communities", func() { _, comms, _ = g.Communities(1) })
	figures["communities"] = float64(len(comms))
	timed("stats", func() { g.Stats() })
	close(stop)
	figures["peak-heap-MiB"] = float64(peak.Load()) / (1 << 20)

	return figures
}
