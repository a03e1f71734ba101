package network

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// fakeSource projects a fixed graph and counts the projections.
type fakeSource struct {
	g           *Graph
	gen         int64
	access      string
	projections int
	scopes      map[string]bool
	asked       []Query
}

var _ Source = (*fakeSource)(nil)

func (f *fakeSource) NetworkProjection(ctx context.Context, q Query) (*Graph, error) {
	f.projections++
	f.asked = append(f.asked, q)
	if q.ScopeID != "" { // every scope is empty here
		return New(nil, nil), nil
	}
	return f.g, nil
}

func (f *fakeSource) ScopeExists(ctx context.Context, id string) (bool, error) {
	return f.scopes[id], nil
}

func (f *fakeSource) Complementary(ctx context.Context, id string, others []string) (map[string]bool, error) {
	return nil, nil
}

func (f *fakeSource) Generation() int64 { return f.gen }

func (f *fakeSource) AccessKey(ctx context.Context) string { return f.access }

func idsOf(g *Graph, nodes []int) []string {
	out := make([]string, len(nodes))
	for i, n := range nodes {
		out[i] = g.Nodes[n].ID
	}
	return out
}

// TestNetworksProjection: the cache serves a projection until the source
// writes or the caller may see otherwise; unknown scopes are bad input;
// the default relations leave AREA out.
func TestNetworksProjection(t *testing.T) {
	ctx := context.Background()
	src := &fakeSource{g: graphOf([]string{"a-b", "b-c"}, nil), scopes: map[string]bool{"tr-empty": true}}
	n := NewNetworks(src, NewCache(time.Minute, 8))
	for range 2 {
		if _, err := n.Projection(ctx, "", nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	if src.projections != 1 || !reflect.DeepEqual(src.asked[0].Relations, DefaultRelations) {
		t.Errorf("%d projections of %v, want 1 of the default relations", src.projections, src.asked)
	}
	src.gen++
	_, _ = n.Projection(ctx, "", nil, nil)
	src.access = "other"
	_, _ = n.Projection(ctx, "", nil, nil)
	if src.projections != 3 {
		t.Errorf("%d projections, want 3: a write and another access key each project again", src.projections)
	}
	if g, err := n.Projection(ctx, "tr-empty", nil, nil); err != nil || len(g.Nodes) != 0 {
		t.Errorf("empty scope: %v, %v", g, err)
	}
	var de *domain.Error
	if _, err := n.Projection(ctx, "tr-nope", nil, nil); !errors.As(err, &de) || de.Field != "scopeId" {
		t.Errorf("unknown scope: got %v, want BAD_USER_INPUT on scopeId", err)
	}
	if _, _, err := n.Network(ctx, "", nil, nil, MaxNodes+1); !errors.As(err, &de) || de.Field != "maxNodes" {
		t.Errorf("maxNodes too large: got %v", err)
	}
	top, truncated, err := n.Network(ctx, "", nil, nil, 1)
	if err != nil || !truncated || len(top.Nodes) != 1 || top.Nodes[0].ID != "b" {
		t.Errorf("top 1: %v %v %v, want b, truncated", top, truncated, err)
	}
}

// TestPartnerSuggestions: Adamic–Adar over common neighbours, partners
// left out.
func TestPartnerSuggestions(t *testing.T) {
	// a and d share b and c; a and e share b only; b is a's neighbour.
	g := graphOf([]string{"a-b", "a-c", "b-d", "c-d", "b-e"}, nil)
	a, _ := g.Index("a")
	got := g.PartnerSuggestions(a, 10)
	var ids []string
	for _, s := range got {
		ids = append(ids, g.Nodes[s.Node].ID)
	}
	if want := []string{"d", "e"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("suggestions %v, want %v", ids, want)
	}
	if want := []string{"b", "c"}; !reflect.DeepEqual(idsOf(g, got[0].CommonNeighbours), want) {
		t.Errorf("d's common neighbours %v, want %v", idsOf(g, got[0].CommonNeighbours), want)
	}
	if got[0].Score <= got[1].Score {
		t.Errorf("scores %v, want d above e", got)
	}
	if len(g.PartnerSuggestions(a, 1)) != 1 {
		t.Error("first not applied")
	}
}

// TestShortestChains: every shortest chain in id order, bounded by hops
// and by count.
func TestShortestChains(t *testing.T) {
	g := graphOf([]string{"a-b", "a-c", "b-d", "c-d", "d-e"}, nil)
	ix := func(id string) int { i, _ := g.Index(id); return i }
	var got [][]string
	for _, c := range g.ShortestChains(ix("a"), ix("e"), 4, 10) {
		got = append(got, idsOf(g, c))
	}
	if want := [][]string{{"a", "b", "d", "e"}, {"a", "c", "d", "e"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("chains %v, want %v", got, want)
	}
	if c := g.ShortestChains(ix("a"), ix("e"), 2, 10); c != nil {
		t.Errorf("within 2 hops: %v, want none", c)
	}
	if c := g.ShortestChains(ix("a"), ix("e"), 4, 1); len(c) != 1 {
		t.Errorf("at most 1: %v", c)
	}
}
