package graph

import (
	"cmp"
	"context"
	"math"
	"slices"
	"time"

	"github.com/coopgraph/coopgraph/graph/model"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/network"
	"github.com/coopgraph/coopgraph/internal/store"
)

// defaultRelations are the ties of the network analyses unless asked
// otherwise: AREA is left out because it makes a clique of every area.
var defaultRelations = []network.Relation{network.Partnership, network.Referral, network.Event}

// Limits of the network analyses (documented in the schema).
const (
	maxNetworkNodes  = 5000
	maxEgoDepth      = 4
	maxCentralityTop = 500
	maxTimelineSteps = 120
	maxConnectHops   = 6
	maxConnections   = 10
)

// projection returns the network of a scope ("" for all stakeholders),
// from the cache when the store has not written since it was built.
func (r *Resolver) projection(ctx context.Context, scopeID string, relations []network.Relation, asOf *domain.Date) (*network.Graph, error) {
	if len(relations) == 0 {
		relations = defaultRelations
	}
	q := store.NetworkQuery{ScopeID: scopeID, Relations: relations, AsOf: asOf}
	// What the caller may see is part of the key: a coordinator's network
	// has only its own referral links.
	g, err := r.Networks.Get(q.Key()+"|"+store.AccessKey(ctx), r.Store.Generation(), func() (*network.Graph, error) {
		return r.Store.NetworkProjection(ctx, q)
	})
	if err != nil {
		return nil, err
	}
	if scopeID != "" && len(g.Nodes) == 0 {
		// An empty network: an empty scope, or an unknown one.
		ok, err := r.Store.ScopeExists(ctx, scopeID)
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
func (r *Resolver) Network(ctx context.Context, scopeID string, relations []network.Relation, asOf *domain.Date, maxNodes int) (*network.Graph, bool, error) {
	if maxNodes < 1 || maxNodes > maxNetworkNodes {
		return nil, false, rangeError("maxNodes", 1, maxNetworkNodes, maxNodes)
	}
	g, err := r.projection(ctx, scopeID, relations, asOf)
	if err != nil {
		return nil, false, err
	}
	top, truncated := g.Top(maxNodes)
	return top, truncated, nil
}

// networkGraph is the API's view of g, with each node's degree and
// community in g.
func networkGraph(g *network.Graph, truncated bool) *model.NetworkGraph {
	deg := g.Degree()
	membership, _, _ := g.Communities(1)
	out := &model.NetworkGraph{Truncated: truncated, Nodes: make([]*model.NetworkNode, len(g.Nodes)), Edges: make([]*model.NetworkEdge, len(g.Edges))}
	for i, n := range g.Nodes {
		out.Nodes[i] = &model.NetworkNode{Stakeholder: n, Degree: int(deg[i]), Community: membership[i]}
	}
	for i, e := range g.Edges {
		out.Edges[i] = &model.NetworkEdge{Source: g.Nodes[e.A].ID, Target: g.Nodes[e.B].ID, Relation: e.Relation, Weight: e.Weight}
	}
	return out
}

func checkMaxNodes(maxNodes *int) (int, error) {
	n := defaultOr(maxNodes, 500)
	if n < 1 || n > maxNetworkNodes {
		return 0, domain.Invalid("maxNodes", "must be between 1 and %d, got %d", maxNetworkNodes, n)
	}
	return n, nil
}

// centrality ranks the nodes of g by measure.
func centrality(g *network.Graph, measure string, first int) (*model.CentralityResult, error) {
	out := &model.CentralityResult{Measure: measure, Nodes: len(g.Nodes)}
	var scores []float64
	switch measure {
	case "DEGREE":
		scores = g.Degree()
	case "PAGERANK":
		scores = g.PageRank()
	case "CLOSENESS":
		scores = g.Closeness()
	case "BETWEENNESS":
		var sampled int
		scores, sampled = g.Betweenness(1)
		if sampled > 0 {
			out.SampledSources = &sampled
		}
	}
	order := make([]int, len(scores))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(scores[b], scores[a]), cmp.Compare(g.Nodes[a].ID, g.Nodes[b].ID))
	})
	for rank, i := range order[:min(first, len(order))] {
		out.Scores = append(out.Scores, &model.CentralityScore{Rank: rank + 1, Stakeholder: g.Nodes[i], Score: scores[i]})
	}
	return out, nil
}

// communities describes the communities of g.
func communities(g *network.Graph, resolution float64) *model.CommunityResult {
	_, members, q := g.Communities(resolution)
	out := &model.CommunityResult{Modularity: q}
	for c, ids := range members {
		com := &model.Community{ID: c, Size: len(ids)}
		kinds, sectors, territories, areas := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
		for _, i := range ids {
			n := g.Nodes[i]
			com.Members = append(com.Members, n)
			kinds[string(n.Kind)]++
			sectors[string(n.Sector)]++
			if g.Territory != nil && g.Territory[i] != "" {
				territories[g.Territory[i]]++
			}
			if g.Areas != nil {
				for _, a := range g.Areas[i] {
					areas[a]++
				}
			}
		}
		com.Kinds, com.Sectors, com.Territories, com.Areas = labelCounts(kinds), labelCounts(sectors), labelCounts(territories), labelCounts(areas)
		out.Communities = append(out.Communities, com)
	}
	return out
}

// labelCounts lists a map's counts, the largest first, then by label.
func labelCounts(m map[string]int) []*model.LabelCount {
	out := make([]*model.LabelCount, 0, len(m))
	for _, k := range byCount(m) {
		out = append(out, &model.LabelCount{Label: k, Count: m[k]})
	}
	return out
}

// byCount returns a map's keys, the largest count first, then by key.
func byCount(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(cmp.Compare(m[b], m[a]), cmp.Compare(a, b)) })
	return keys
}

// stats is the API's view of g's summary figures.
func stats(g *network.Graph) *model.NetworkStats {
	s := g.Stats()
	out := &model.NetworkStats{Nodes: s.Nodes, Edges: s.Edges, Density: s.Density, Components: s.Components,
		LargestComponentShare: s.LargestShare, AverageDegree: s.AverageDegree, AverageClustering: s.AverageClustering,
		CrossSectorShare: s.CrossSectorShare, Isolated: []*domain.Stakeholder{}}
	for _, i := range s.Isolated {
		out.Isolated = append(out.Isolated, g.Nodes[i])
	}
	return out
}

// timelineEnds returns the last day of every interval from from to to.
func timelineEnds(from, to time.Time, interval string) ([]time.Time, error) {
	if to.Before(from) {
		return nil, domain.Invalid("to", "must not be before from")
	}
	var ends []time.Time
	y, m, _ := from.Date()
	for start := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC); !start.After(to); {
		var next time.Time
		switch interval {
		case "MONTH":
			next = start.AddDate(0, 1, 0)
		case "QUARTER":
			start = time.Date(start.Year(), time.Month((int(start.Month())-1)/3*3+1), 1, 0, 0, 0, 0, time.UTC)
			next = start.AddDate(0, 3, 0)
		default:
			start = time.Date(start.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
			next = start.AddDate(1, 0, 0)
		}
		end := next.AddDate(0, 0, -1)
		if end.After(to) {
			end = to
		}
		ends = append(ends, end)
		if len(ends) > maxTimelineSteps {
			return nil, domain.Invalid("interval", "from and to span more than %d intervals", maxTimelineSteps)
		}
		start = next
	}
	return ends, nil
}

// partnerSuggestions ranks, for node u of the whole network g, the
// stakeholders it has no partnership with by Adamic–Adar: over their
// common neighbours w, the sum of 1/ln(degree(w)), plus, over their common
// cooperation areas, 1/ln(the area's members).
func partnerSuggestions(g *network.Graph, u int, first int) []*model.PartnerSuggestion {
	adj := g.Neighbours()
	partners := map[int]bool{u: true}
	for _, e := range g.Edges {
		if e.Relation == network.Partnership && (e.A == u || e.B == u) {
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
	var out []*model.PartnerSuggestion
	for _, v := range cands[:min(first, len(cands))] {
		s := &model.PartnerSuggestion{Stakeholder: g.Nodes[v], Score: score[v], CommonNeighbours: []*domain.Stakeholder{}}
		ws := common[v]
		slices.SortFunc(ws, func(a, b int) int { return cmp.Compare(g.Nodes[a].ID, g.Nodes[b].ID) })
		for _, w := range ws {
			s.CommonNeighbours = append(s.CommonNeighbours, g.Nodes[w])
		}
		out = append(out, s)
	}
	return out
}

// shortestChains returns up to maxConnections shortest chains from a to b
// of at most maxHops ties, in id order.
func shortestChains(g *network.Graph, a, b, maxHops int) []*model.NetworkPath {
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
		return []*model.NetworkPath{}
	}
	var out []*model.NetworkPath
	var walk func(v int, tail []int)
	walk = func(v int, tail []int) {
		if len(out) == maxConnections {
			return
		}
		tail = append([]int{v}, tail...)
		if v == a {
			p := &model.NetworkPath{Hops: len(tail) - 1}
			for _, i := range tail {
				p.Stakeholders = append(p.Stakeholders, g.Nodes[i])
			}
			out = append(out, p)
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

// stakeholderIndex finds a stakeholder in the whole network g.
func stakeholderIndex(g *network.Graph, field, id string) (int, error) {
	i, ok := g.Index(id)
	if !ok {
		return 0, domain.Invalid(field, "no stakeholder with id %q", id)
	}
	return i, nil
}

func rangeError(field string, lo, hi, got int) error {
	return domain.Invalid(field, "must be between %d and %d, got %d", lo, hi, got)
}
