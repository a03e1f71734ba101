// Package cooperation analyses cooperation areas: how each area stands in a
// scope (its stakeholders, partnerships, demand and supply) and which
// stakeholders of an area would complement each other but have no
// partnership yet. The store gathers the facts in a query or two; the
// ranking of pairs here is plain Go over those facts, so its rules are
// tested without a database.
package cooperation

import (
	"cmp"
	"slices"

	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/matrix"
)

// Overview is a cooperation area in a scope.
type Overview struct {
	Area                    *domain.CooperationArea
	Scope                   *domain.Territory
	ActiveStakeholders      int
	StakeholderCounts       []StakeholderCount
	Partnerships            int
	CrossSectorPartnerships int
	Figures                 matrix.Figures
}

// CrossSectorShare is the share of the area's partnerships that are cross-
// sector; nil when it has none.
func (o *Overview) CrossSectorShare() *float64 {
	if o.Partnerships == 0 {
		return nil
	}
	s := float64(o.CrossSectorPartnerships) / float64(o.Partnerships)
	return &s
}

// StakeholderCount counts stakeholders of one kind and sector.
type StakeholderCount struct {
	Kind   domain.StakeholderKind
	Sector domain.Sector
	Count  int
}

// CountStakeholders counts stakeholders by kind and sector, the most
// numerous first, then by kind and sector.
func CountStakeholders(sts []*domain.Stakeholder) []StakeholderCount {
	type key struct {
		k domain.StakeholderKind
		s domain.Sector
	}
	n := map[key]int{}
	for _, st := range sts {
		n[key{st.Kind, st.Sector}]++
	}
	out := make([]StakeholderCount, 0, len(n))
	for k, c := range n {
		out = append(out, StakeholderCount{Kind: k.k, Sector: k.s, Count: c})
	}
	slices.SortFunc(out, func(a, b StakeholderCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Sector, b.Sector))
	})
	return out
}

// Member is what the ranking needs to know of a stakeholder active in an
// area.
type Member struct {
	Stakeholder *domain.Stakeholder
	Territory   string             // id of the territory it is located in
	Neighbours  map[string]float64 // that territory's neighbours, with their distance in km
	Provides    []string           // the area's categories in which it has an ACTIVE service
	Serves      []string           // target groups of its ACTIVE services
	Demand      map[string]int64   // the area's categories with needs in its territory (or below), with their volume
	Partners    []string           // stakeholders it shares a partnership with
}

// Points of each kind of reason.
const (
	PointsServesDemand   = 3
	PointsSharedGroup    = 1
	PointsSameTerritory  = 2
	PointsNeighbourhoods = 1
)

// ReasonKind is a kind of reason to cooperate.
type ReasonKind string

const (
	ServesDemand         ReasonKind = "SERVES_DEMAND"
	SharedTargetGroup    ReasonKind = "SHARED_TARGET_GROUP"
	SameTerritory        ReasonKind = "SAME_TERRITORY"
	NeighbourTerritories ReasonKind = "NEIGHBOUR_TERRITORIES"
)

// Reason is one reason for two stakeholders to cooperate; the fields that
// do not apply to its kind are empty.
type Reason struct {
	Kind          ReasonKind
	ProviderID    string // SERVES_DEMAND
	InNeedID      string // SERVES_DEMAND
	CategoryID    string // SERVES_DEMAND
	Demand        int64  // SERVES_DEMAND
	TargetGroupID string // SHARED_TARGET_GROUP
	DistanceKm    float64
}

// Opportunity is a pair of stakeholders with no common partnership and the
// reasons they could have one.
type Opportunity struct {
	A, B    *domain.Stakeholder // A's id sorts before B's
	Score   int
	Reasons []Reason
}

// Rank returns the best first pairs of members: those not yet partners
// with at least one reason, by score, then by the names of A and B.
func Rank(members []Member, first int) []Opportunity {
	ms := slices.Clone(members)
	slices.SortFunc(ms, func(a, b Member) int { return cmp.Compare(a.Stakeholder.ID, b.Stakeholder.ID) })
	var out []Opportunity
	for i := range ms {
		for j := i + 1; j < len(ms); j++ {
			a, b := &ms[i], &ms[j]
			if slices.Contains(a.Partners, b.Stakeholder.ID) || slices.Contains(b.Partners, a.Stakeholder.ID) {
				continue
			}
			o := Opportunity{A: a.Stakeholder, B: b.Stakeholder}
			o.serves(a, b)
			o.serves(b, a)
			for _, g := range a.Serves {
				if slices.Contains(b.Serves, g) {
					o.add(Reason{Kind: SharedTargetGroup, TargetGroupID: g}, PointsSharedGroup)
				}
			}
			if a.Territory == b.Territory {
				o.add(Reason{Kind: SameTerritory}, PointsSameTerritory)
			} else if km, ok := a.Neighbours[b.Territory]; ok {
				o.add(Reason{Kind: NeighbourTerritories, DistanceKm: km}, PointsNeighbourhoods)
			}
			if o.Score > 0 {
				out = append(out, o)
			}
		}
	}
	slices.SortFunc(out, func(x, y Opportunity) int {
		return cmp.Or(cmp.Compare(y.Score, x.Score), cmp.Compare(x.A.Name, y.A.Name), cmp.Compare(x.B.Name, y.B.Name),
			cmp.Compare(x.A.ID, y.A.ID), cmp.Compare(x.B.ID, y.B.ID))
	})
	return out[:min(first, len(out))]
}

// serves adds a reason for every category in which p provides a service
// and n's territory has needs.
func (o *Opportunity) serves(p, n *Member) {
	for _, c := range p.Provides {
		if v := n.Demand[c]; v > 0 {
			o.add(Reason{Kind: ServesDemand, ProviderID: p.Stakeholder.ID, InNeedID: n.Stakeholder.ID, CategoryID: c, Demand: v}, PointsServesDemand)
		}
	}
}

func (o *Opportunity) add(r Reason, points int) {
	o.Reasons = append(o.Reasons, r)
	o.Score += points
}
