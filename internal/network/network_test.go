package network

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/graph/community"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// graphOf builds a graph from "a-b" pairs (REFERRAL ties of weight 1);
// sectors maps ids to sectors (default PUBLIC). Extra ids are isolated.
func graphOf(pairs []string, sectors map[string]domain.Sector, extra ...string) *Graph {
	var ids []string
	var raw []RawEdge
	add := func(id string) {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	for _, p := range pairs {
		a, b := p[:1], p[2:]
		add(a)
		add(b)
		raw = append(raw, RawEdge{A: a, B: b, Relation: Referral, Weight: 1})
	}
	for _, id := range extra {
		add(id)
	}
	slices.Sort(ids)
	nodes := make([]*domain.Stakeholder, len(ids))
	for i, id := range ids {
		s := &domain.Stakeholder{Name: id, Sector: "PUBLIC"}
		if sec, ok := sectors[id]; ok {
			s.Sector = sec
		}
		s.ID = id
		nodes[i] = s
	}
	return New(nodes, raw)
}

func near(t *testing.T, what string, got, want []float64) {
	t.Helper()
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-4 {
			t.Errorf("%s = %v, want %v", what, got, want)
			return
		}
	}
}

// The two triangles a-b-c and d-e-f joined by the bridge c-d.
var bridged = []string{"a-b", "a-c", "b-c", "c-d", "d-e", "d-f", "e-f"}

func TestBetweenness(t *testing.T) {
	tests := []struct {
		name  string
		pairs []string
		want  []float64 // in id order
	}{
		// The star's centre x lies between each of the C(4,2) = 6 pairs of leaves.
		{"star", []string{"x-a", "x-b", "x-c", "x-d"}, []float64{0, 0, 0, 0, 6}},
		// b lies between a and c, a and d; c between a and d, b and d.
		{"path", []string{"a-b", "b-c", "c-d"}, []float64{0, 2, 2, 0}},
		// The bridge's ends lie between the 2 × 3 pairs across it.
		{"bridged triangles", bridged, []float64{0, 0, 6, 6, 0, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := graphOf(tc.pairs, nil)
			got, sampled := g.Betweenness(1)
			if sampled != 0 {
				t.Errorf("sampled %d sources on a small graph", sampled)
			}
			near(t, "betweenness", got, tc.want)
			// The sampling code, given every source, is exact.
			all := make([]int, len(g.Nodes))
			for i := range all {
				all[i] = i
			}
			b := brandes(g.Neighbours(), all)
			for i := range b {
				b[i] /= 2
			}
			near(t, "brandes over every source", b, tc.want)
		})
	}
}

func TestPageRankAndCloseness(t *testing.T) {
	// Star, 4 leaves, damping 0.85: c = 0.03 + 0.85·4l, l = 0.03 + 0.85·c/4
	// give c = 0.132/0.2775 and l = 0.03 + 0.2125c.
	star := graphOf([]string{"x-a", "x-b", "x-c", "x-d"}, nil)
	c := 0.132 / 0.2775
	l := 0.03 + 0.2125*c
	near(t, "pagerank", star.PageRank(), []float64{l, l, l, l, c})
	// Path a-b-c-d: a reaches b, c, d at 1, 2, 3; b reaches a, c at 1, d at 2.
	path := graphOf([]string{"a-b", "b-c", "c-d"}, nil)
	near(t, "closeness", path.Closeness(), []float64{(1 + 0.5 + 1.0/3) / 3, 2.5 / 3, 2.5 / 3, (1 + 0.5 + 1.0/3) / 3})
	near(t, "degree", path.Degree(), []float64{1, 2, 2, 1})
}

func TestCommunities(t *testing.T) {
	g := graphOf(bridged, nil)
	membership, members, q := g.Communities(1)
	if !slices.Equal(membership, []int{0, 0, 0, 1, 1, 1}) || len(members) != 2 {
		t.Errorf("membership %v, members %v", membership, members)
	}
	// Q = Σ (L_c/m − (d_c/2m)²) = 2 × (3/7 − (7/14)²) = 5/14.
	if math.Abs(q-5.0/14) > 1e-9 {
		t.Errorf("modularity %v, want 5/14", q)
	}
}

func TestStats(t *testing.T) {
	// The bridged triangles, d, e, f NON_PROFIT: the bridge c-d is the
	// one cross-sector tie; z has no tie.
	g := graphOf(bridged, map[string]domain.Sector{"d": "NON_PROFIT", "e": "NON_PROFIT", "f": "NON_PROFIT"}, "z")
	s := g.Stats()
	// Clustering: a, b, e, f 1; c and d 1/3 (one tie among three
	// neighbours); z 0. Mean over 7.
	want := Stats{Nodes: 7, Edges: 7, Density: 7.0 / 21, Components: 2, LargestShare: 6.0 / 7, AverageDegree: 2,
		AverageClustering: (4 + 2.0/3) / 7, CrossSectorShare: 1.0 / 7, Isolated: []int{6}}
	if s.Nodes != want.Nodes || s.Edges != want.Edges || s.Components != want.Components || !slices.Equal(s.Isolated, want.Isolated) {
		t.Errorf("got %+v, want %+v", s, want)
	}
	near(t, "stats", []float64{s.Density, s.LargestShare, s.AverageDegree, s.AverageClustering, s.CrossSectorShare},
		[]float64{want.Density, want.LargestShare, want.AverageDegree, want.AverageClustering, want.CrossSectorShare})
	if empty := graphOf(nil, nil).Stats(); empty.Nodes != 0 || empty.Density != 0 {
		t.Errorf("empty graph stats %+v", empty)
	}
}

func TestEgoAndTop(t *testing.T) {
	g := graphOf([]string{"a-b", "b-c", "c-d", "d-e"}, nil)
	c, _ := g.Index("c")
	ego, truncated := g.Ego(c, 1, 10)
	var ids []string
	for _, n := range ego.Nodes {
		ids = append(ids, n.ID)
	}
	if !slices.Equal(ids, []string{"c", "b", "d"}) || truncated || len(ego.Edges) != 2 {
		t.Errorf("ego depth 1: %v %v %d edges", ids, truncated, len(ego.Edges))
	}
	if _, truncated := g.Ego(c, 2, 3); !truncated {
		t.Error("ego of 5 cut to 3 not truncated")
	}
	top, truncated := g.Top(3)
	ids = ids[:0]
	for _, n := range top.Nodes {
		ids = append(ids, n.ID)
	}
	if !slices.Equal(ids, []string{"b", "c", "d"}) || !truncated {
		t.Errorf("top 3 by degree: %v %v", ids, truncated)
	}
}

// TestNewMergesTies: rows of one pair and relation add up; ties to
// unknown stakeholders or to oneself are dropped.
func TestNewMergesTies(t *testing.T) {
	a, b := &domain.Stakeholder{}, &domain.Stakeholder{}
	a.ID, b.ID = "a", "b"
	g := New([]*domain.Stakeholder{a, b}, []RawEdge{
		{A: "b", B: "a", Relation: Partnership, Weight: 1}, {A: "a", B: "b", Relation: Partnership, Weight: 1},
		{A: "a", B: "b", Relation: Event, Weight: 1}, {A: "a", B: "x", Relation: Event, Weight: 1}, {A: "a", B: "a", Relation: Event, Weight: 1},
	})
	want := []Edge{{A: 0, B: 1, Relation: Event, Weight: 1}, {A: 0, B: 1, Relation: Partnership, Weight: 2}}
	if !slices.Equal(g.Edges, want) {
		t.Errorf("edges %+v, want %+v", g.Edges, want)
	}
}

// TestLouvainMatchesGonum: the flat-array Louvain finds the bridged triangles' two communities, and on a planted partition
// (10 groups of 100, dense inside, sparse across) the planted groups, with
// gonum's modularity.
func TestLouvainMatchesGonum(t *testing.T) {
	g := graphOf(bridged, nil)
	adj, w := g.weighted()
	comm := louvain(adj, w, 1)
	if comm[0] != comm[1] || comm[1] != comm[2] || comm[3] != comm[4] || comm[4] != comm[5] || comm[0] == comm[3] {
		t.Errorf("bridged triangles: %v", comm)
	}
	if q := modularityOf(adj, w, comm, 1); math.Abs(q-5.0/14) > 1e-9 {
		t.Errorf("modularity %v, want 5/14", q)
	}

	var pairs []RawEdge
	var nodes []*domain.Stakeholder
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 1000 {
		s := &domain.Stakeholder{}
		s.ID = fmt.Sprintf("n%04d", i)
		nodes = append(nodes, s)
	}
	for i := range 1000 {
		for j := i + 1; j < 1000; j++ {
			p := 0.002
			if i/100 == j/100 {
				p = 0.2
			}
			if rng.Float64() < p {
				pairs = append(pairs, RawEdge{A: nodes[i].ID, B: nodes[j].ID, Relation: Partnership, Weight: 1})
			}
		}
	}
	planted := New(nodes, pairs)
	adj, w = planted.weighted()
	comm = louvain(adj, w, 1)
	for i := range comm {
		if comm[i] != comm[i/100*100] {
			t.Fatalf("node %d is not with its planted group", i)
		}
	}
	reduced := community.Modularize(planted.undirected(), 1, rand.NewPCG(1, 1))
	gonumQ := community.Q(planted.undirected(), reduced.Communities(), 1)
	if q := modularityOf(adj, w, comm, 1); math.Abs(q-gonumQ) > 0.01 {
		t.Errorf("modularity %v, gonum's %v", q, gonumQ)
	}
}
