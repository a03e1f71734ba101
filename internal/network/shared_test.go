package network

import (
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// TestSharedGraph: a cached projection is read by the analyses of
// concurrent requests: its neighbour index and the cache entry are built
// once and read safely (go test -race fails without it).
func TestSharedGraph(t *testing.T) {
	nodes := []*domain.Stakeholder{{Meta: domain.Meta{ID: "a"}}, {Meta: domain.Meta{ID: "b"}}, {Meta: domain.Meta{ID: "c"}}}
	raw := []RawEdge{{A: "a", B: "b", Weight: 1}, {A: "b", B: "c", Weight: 2}, {A: "b", B: "a", Weight: 1}}
	c := NewCache(time.Minute, 4)
	builds := 0
	var wg sync.WaitGroup
	got := make([][][]int, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g, err := c.Get("k", 1, func() (*Graph, error) { builds++; return New(nodes, raw), nil })
			if err != nil {
				t.Error(err)
				return
			}
			got[i] = g.Neighbours()
		}()
	}
	wg.Wait()
	if builds != 1 {
		t.Errorf("%d builds, want 1", builds)
	}
	want := [][]int{{1}, {0, 2}, {1}}
	for i, adj := range got {
		if !reflect.DeepEqual(adj, want) {
			t.Errorf("reader %d: neighbours %v, want %v", i, adj, want)
		}
	}
}
