// Package referral finds how a coordinator gets a person to a provider
// that can serve a need: the providers whose services qualify (found by
// the store in one query), the shortest chain of referral protocols to
// each (found by the store with a shortest-path search in Neo4j), and the
// ranking of the result, which is here.
package referral

import (
	"cmp"
	"math"
	"slices"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// Limits of a query.
const (
	DefaultMaxHops       = 3
	MaxHops              = 6
	DefaultMaxDistanceKm = 50
	MaxDistanceKm        = 500
	DefaultFirst         = 5
	MaxFirst             = 50
	// MaxNeighbourLinks bounds the NEIGHBOUR_OF links between the person's
	// territory and a neighbouring one.
	MaxNeighbourLinks = 5
)

// Query is what a coordinator asks.
type Query struct {
	FromID         string
	TerritoryID    string // empty: the coordinator's territory
	CategoryID     string
	TargetGroupIDs []string
	MaxHops        int
	MaxDistanceKm  float64
	First          int
}

// Check returns the problems of q's limits, naming the input's fields.
func (q Query) Check() domain.Problems {
	var ps domain.Problems
	if q.MaxHops < 0 || q.MaxHops > MaxHops {
		ps = append(ps, domain.Problem{Field: "input.maxHops", Message: "must be between 0 and 6"})
	}
	if q.MaxDistanceKm < 0 || q.MaxDistanceKm > MaxDistanceKm || math.IsNaN(q.MaxDistanceKm) {
		ps = append(ps, domain.Problem{Field: "input.maxDistanceKm", Message: "must be between 0 and 500"})
	}
	if q.First < 1 || q.First > MaxFirst {
		ps = append(ps, domain.Problem{Field: "input.first", Message: "must be between 1 and 50"})
	}
	return ps
}

// Candidate is a provider's qualifying service and how far it is from the
// person.
type Candidate struct {
	Provider   *domain.Stakeholder
	Service    *domain.Service
	DistanceKm float64 // 0 when the service covers the person's territory or an area containing it
	// The nearest covered territory is in another municipality, district.
	CrossesMunicipality, CrossesDistrict bool
}

// Local reports whether the service covers the person's territory.
func (c Candidate) Local() bool { return c.DistanceKm == 0 }

func (c Candidate) capacity() int64 {
	if c.Service.Capacity == nil {
		return 0
	}
	return *c.Service.Capacity
}

// Chain is a chain of referral links: Stakeholders from the coordinator to
// the provider, and Links[i] the link from Stakeholders[i] to
// Stakeholders[i+1].
type Chain struct {
	Stakeholders []*domain.Stakeholder
	Links        []map[string]any // the REFERS_TO properties; nil for a link the caller may not see
}

// Path is a candidate reached by a chain.
type Path struct {
	Candidate
	Chain
}

// Hops is the number of links followed.
func (p Path) Hops() int { return len(p.Links) }

// Score encodes the ranking as one number, higher is better: 1,000,000
// when local, −100,000 per hop, −100 per km (distances are at most 500
// km), plus capacity/100 up to 0.99.
func (p Path) Score() float64 {
	s := -100_000*float64(p.Hops()) - math.Round(100*p.DistanceKm)
	if p.Local() {
		s += 1_000_000
	}
	return s + float64(min(p.capacity(), 99))/100
}

// better orders candidates: local first, then shorter distance, then more
// capacity, then by provider and service id.
func better(a, b Candidate) int {
	return cmp.Or(cmpBool(b.Local(), a.Local()), cmp.Compare(a.DistanceKm, b.DistanceKm), cmp.Compare(b.capacity(), a.capacity()),
		cmp.Compare(a.Provider.ID, b.Provider.ID), cmp.Compare(a.Service.ID, b.Service.ID))
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// Best returns each provider's best candidate, in the candidates' order.
func Best(cands []Candidate) []Candidate {
	sorted := slices.Clone(cands)
	slices.SortFunc(sorted, better)
	seen := map[string]bool{}
	var out []Candidate
	for _, c := range sorted {
		if !seen[c.Provider.ID] {
			seen[c.Provider.ID] = true
			out = append(out, c)
		}
	}
	return out
}

// Rank returns, from each provider's best candidate and the chains found
// (by provider id), at most first paths and first unreachable providers:
// local before neighbouring, then fewer hops, then shorter distance, then
// more capacity, then ids.
func Rank(best []Candidate, chains map[string]Chain, first int) (paths []Path, unreachable []Candidate) {
	for _, c := range best {
		if ch, ok := chains[c.Provider.ID]; ok {
			paths = append(paths, Path{Candidate: c, Chain: ch})
		} else {
			unreachable = append(unreachable, c)
		}
	}
	slices.SortFunc(paths, func(a, b Path) int {
		return cmp.Or(cmpBool(b.Local(), a.Local()), cmp.Compare(a.Hops(), b.Hops()), better(a.Candidate, b.Candidate))
	})
	return paths[:min(first, len(paths))], unreachable[:min(first, len(unreachable))]
}
