package transfer_test

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/hsds"
	"github.com/coopgraph/coopgraph/internal/testdb"
	"github.com/coopgraph/coopgraph/internal/transfer"
)

// BenchmarkImportJSON imports a generated document of about 106,000 nodes
// and 540,000 relationships from a file into an empty database, streaming
// it, and reports nodes and relationships per second and the peak heap of
// the import (sampled every 20 ms). Run it with -benchtime 1x.
func BenchmarkImportJSON(b *testing.B) {
	st := testdb.Open(b)
	doc := testdb.Generate(testdb.ImportBenchSize, 42)
	nodes := len(doc.Territories) + len(doc.ServiceCategories) + len(doc.TargetGroups) + len(doc.CooperationAreas) +
		len(doc.Stakeholders) + len(doc.Services) + len(doc.Needs) + len(doc.Partnerships) + len(doc.Events)
	path := filepath.Join(b.TempDir(), "big.json")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := json.NewEncoder(f).Encode(doc); err != nil {
		b.Fatal(err)
	}
	f.Close()
	info, _ := os.Stat(path)
	doc = nil
	runtime.GC()

	for range b.N {
		testdb.Reset(b)
		runtime.GC()
		var peak atomic.Uint64
		stop := make(chan struct{})
		go sampleHeap(&peak, stop)
		in := transfer.Input{Format: transfer.FormatJSON, Name: "big.json", Open: func() (io.ReadCloser, error) { return os.Open(path) }}
		start := time.Now()
		b.StartTimer()
		rep, err := transfer.Import(auth.WithActor(context.Background(), "bench"), st, []transfer.Input{in}, transfer.Options{Atomic: true}, hsds.Options{})
		b.StopTimer()
		elapsed := time.Since(start)
		close(stop)
		if err != nil || !rep.Written || len(rep.Problems) > 0 {
			b.Fatalf("import: %v %+v", err, rep.Problems)
		}
		rels, err := st.CountRelationships(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(nodes)/elapsed.Seconds(), "nodes/s")
		b.ReportMetric(float64(rels)/elapsed.Seconds(), "rels/s")
		b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MiB")
		b.ReportMetric(float64(info.Size())/(1<<20), "file-MiB")
		b.Logf("%d nodes, %d relationships, file %.0f MiB: %.1f s", nodes, rels, float64(info.Size())/(1<<20), elapsed.Seconds())
	}
}

// sampleHeap records the largest live heap seen until stop closes.
func sampleHeap(peak *atomic.Uint64, stop chan struct{}) {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for {
		metrics.Read(s)
		if v := s[0].Value.Uint64(); v > peak.Load() {
			peak.Store(v)
		}
		select {
		case <-stop:
			return
		case <-t.C:
		}
	}
}
