package graph

import (
	"cmp"
	"slices"
	"time"

	"github.com/coopgraph/coopgraph/graph/model"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/network"
)

// Limits of the network analyses (documented in the schema).
const (
	maxEgoDepth      = 4
	maxCentralityTop = 500
	maxTimelineSteps = 120
	maxConnectHops   = 6
	maxConnections   = 10
)

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
	n := defaultOr(maxNodes, network.DefaultMaxNodes)
	if n < 1 || n > network.MaxNodes {
		return 0, domain.Invalid("maxNodes", "must be between 1 and %d, got %d", network.MaxNodes, n)
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

// partnerSuggestions is the API's view of g.PartnerSuggestions.
func partnerSuggestions(g *network.Graph, u int, first int) []*model.PartnerSuggestion {
	var out []*model.PartnerSuggestion
	for _, sg := range g.PartnerSuggestions(u, first) {
		s := &model.PartnerSuggestion{Stakeholder: g.Nodes[sg.Node], Score: sg.Score, CommonNeighbours: []*domain.Stakeholder{}}
		for _, w := range sg.CommonNeighbours {
			s.CommonNeighbours = append(s.CommonNeighbours, g.Nodes[w])
		}
		out = append(out, s)
	}
	return out
}

// shortestChains is the API's view of g.ShortestChains: up to
// maxConnections of them.
func shortestChains(g *network.Graph, a, b, maxHops int) []*model.NetworkPath {
	out := []*model.NetworkPath{}
	for _, chain := range g.ShortestChains(a, b, maxHops, maxConnections) {
		p := &model.NetworkPath{Hops: len(chain) - 1}
		for _, i := range chain {
			p.Stakeholders = append(p.Stakeholders, g.Nodes[i])
		}
		out = append(out, p)
	}
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
