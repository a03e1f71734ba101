package network

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// DefaultRelations are the ties of the network analyses unless asked
// otherwise: AREA is left out because it makes a clique of every area.
var DefaultRelations = []Relation{Partnership, Referral, Event}

// Limits of the network analyses (documented in the schema).
const (
	DefaultMaxNodes = 500
	MaxNodes        = 5000
)

// Query says which network to project: the stakeholders located in the
// scope or below it (all when ScopeID is empty), tied by the relations
// asked, as of a date (nil: now).
type Query struct {
	ScopeID   string
	Relations []Relation
	AsOf      *domain.Date
}

// Key identifies the projection for caches.
func (q Query) Key() string {
	rs := make([]string, len(q.Relations))
	for i, r := range q.Relations {
		rs[i] = string(r)
	}
	slices.Sort(rs)
	asOf := ""
	if q.AsOf != nil {
		asOf = q.AsOf.Format("2006-01-02")
	}
	return q.ScopeID + "|" + strings.Join(rs, ",") + "|" + asOf
}

// Source is the graph work of the network analyses (the store implements
// it).
type Source interface {
	// NetworkProjection projects the network of q in one query.
	NetworkProjection(ctx context.Context, q Query) (*Graph, error)
	// ScopeExists reports whether a territory exists.
	ScopeExists(ctx context.Context, id string) (bool, error)
	// Complementary reports, for each of others, whether it and id provide
	// and need in the same categories (one provides what the other needs).
	Complementary(ctx context.Context, id string, others []string) (map[string]bool, error)
	// Generation changes whenever the source commits a write.
	Generation() int64
	// AccessKey names what the identity of ctx may see: two contexts with
	// the same key see the same network.
	AccessKey(ctx context.Context) string
}

// Networks answers the network analyses from projections, kept in a cache
// so that one network's measures, communities and ego networks project it
// once.
type Networks struct {
	src   Source
	cache *Cache
}

// NewNetworks returns the analyses of src's networks, cached in cache.
func NewNetworks(src Source, cache *Cache) *Networks { return &Networks{src: src, cache: cache} }

// Projection returns the network of a scope ("" for all stakeholders; no
// relations: DefaultRelations), from the cache when the source has not
// written since it was built. An unknown scope is BAD_USER_INPUT.
func (n *Networks) Projection(ctx context.Context, scopeID string, relations []Relation, asOf *domain.Date) (*Graph, error) {
	if len(relations) == 0 {
		relations = DefaultRelations
	}
	q := Query{ScopeID: scopeID, Relations: relations, AsOf: asOf}
	// What the caller may see is part of the key: a coordinator's network
	// has only its own referral links.
	g, err := n.cache.Get(q.Key()+"|"+n.src.AccessKey(ctx), n.src.Generation(), func() (*Graph, error) {
		return n.src.NetworkProjection(ctx, q)
	})
	if err != nil {
		return nil, err
	}
	if scopeID != "" && len(g.Nodes) == 0 {
		// An empty network: an empty scope, or an unknown one.
		ok, err := n.src.ScopeExists(ctx, scopeID)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, domain.Invalid("scopeId", "no territory with id %q", scopeID)
		}
	}
	return g, nil
}

// Network returns the network of a scope cut to its maxNodes stakeholders
// of highest degree, and whether it was cut: the network query and the
// network files.
func (n *Networks) Network(ctx context.Context, scopeID string, relations []Relation, asOf *domain.Date, maxNodes int) (*Graph, bool, error) {
	if maxNodes < 1 || maxNodes > MaxNodes {
		return nil, false, domain.Invalid("maxNodes", "must be between %d and %d, got %d", 1, MaxNodes, maxNodes)
	}
	g, err := n.Projection(ctx, scopeID, relations, asOf)
	if err != nil {
		return nil, false, err
	}
	top, truncated := g.Top(maxNodes)
	return top, truncated, nil
}

// Suggestion is a stakeholder suggested as a partner, by node index, with
// the neighbours it shares with the one it is suggested to.
type Suggestion struct {
	Node             int
	Score            float64
	CommonNeighbours []int // by id
}

// PartnerSuggestions ranks, for node u of the whole network g, the
// stakeholders it has no partnership with by Adamic–Adar: over their
// common neighbours w, the sum of 1/ln(degree(w)), plus, over their common
// cooperation areas, 1/ln(the area's members). At most first, the highest
// score first, then by id.
func (g *Graph) PartnerSuggestions(u int, first int) []Suggestion {
	adj := g.Neighbours()
	partners := map[int]bool{u: true}
	for _, e := range g.Edges {
		if e.Relation == Partnership && (e.A == u || e.B == u) {
			partners[e.A], partners[e.B] = true, true
		}
	}
	score := map[int]float64{}
	common := map[int][]int{}
	for _, w := range adj[u] {
		if len(adj[w]) < 2 {
			continue
		}
		for _, v := range adj[w] {
			if !partners[v] {
				score[v] += 1 / math.Log(float64(len(adj[w])))
				common[v] = append(common[v], w)
			}
		}
	}
	if g.Areas != nil {
		size := map[string]int{}
		for _, as := range g.Areas {
			for _, a := range as {
				size[a]++
			}
		}
		for v, as := range g.Areas {
			if partners[v] {
				continue
			}
			for _, a := range as {
				if size[a] > 1 && slices.Contains(g.Areas[u], a) {
					score[v] += 1 / math.Log(float64(size[a]))
				}
			}
		}
	}
	cands := make([]int, 0, len(score))
	for v := range score {
		cands = append(cands, v)
	}
	slices.SortFunc(cands, func(a, b int) int {
		return cmp.Or(cmp.Compare(score[b], score[a]), cmp.Compare(g.Nodes[a].ID, g.Nodes[b].ID))
	})
	var out []Suggestion
	for _, v := range cands[:min(first, len(cands))] {
		ws := common[v]
		slices.SortFunc(ws, func(a, b int) int { return cmp.Compare(g.Nodes[a].ID, g.Nodes[b].ID) })
		out = append(out, Suggestion{Node: v, Score: score[v], CommonNeighbours: ws})
	}
	return out
}

// ShortestChains returns up to max shortest chains (node indexes, a
// first) from a to b of at most maxHops ties, in id order; none when b is
// farther.
func (g *Graph) ShortestChains(a, b, maxHops, max int) [][]int {
	adj := g.Neighbours()
	dist := map[int]int{a: 0}
	preds := map[int][]int{}
	queue := []int{a}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		if dist[v] >= maxHops {
			continue
		}
		for _, w := range adj[v] {
			d, seen := dist[w]
			if !seen {
				dist[w] = dist[v] + 1
				queue = append(queue, w)
				d = dist[w]
			}
			if d == dist[v]+1 {
				preds[w] = append(preds[w], v)
			}
		}
	}
	if _, ok := dist[b]; !ok {
		return nil
	}
	var out [][]int
	var walk func(v int, tail []int)
	walk = func(v int, tail []int) {
		if len(out) == max {
			return
		}
		tail = append([]int{v}, tail...)
		if v == a {
			out = append(out, tail)
			return
		}
		ps := slices.Clone(preds[v])
		slices.SortFunc(ps, func(x, y int) int { return cmp.Compare(g.Nodes[x].ID, g.Nodes[y].ID) })
		for _, p := range ps {
			walk(p, tail)
		}
	}
	walk(b, nil)
	return out
}
