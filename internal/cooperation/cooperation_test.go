package cooperation_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/coopgraph/coopgraph/internal/cooperation"
	"github.com/coopgraph/coopgraph/internal/domain"
)

func st(id, name string) *domain.Stakeholder {
	s := &domain.Stakeholder{Name: name}
	s.ID = id
	return s
}

// TestRank: scores worked out by hand from the rules (3 per category one
// provides and the other's territory needs, 1 per shared target group, 2
// for the same territory, 1 for neighbouring ones).
func TestRank(t *testing.T) {
	members := []cooperation.Member{
		// c: a day centre in town T, serving older people; T needs home care.
		{Stakeholder: st("c", "Centre"), Territory: "T", Neighbours: map[string]float64{"U": 12},
			Provides: []string{"day"}, Serves: []string{"old"}, Demand: map[string]int64{"home": 40}},
		// a: home care in village U, older people and children; U needs day care.
		{Stakeholder: st("a", "Aid"), Territory: "U", Neighbours: map[string]float64{"T": 12},
			Provides: []string{"home"}, Serves: []string{"old", "kids"}, Demand: map[string]int64{"day": 15}},
		// b: in T too, children only, partner of a already.
		{Stakeholder: st("b", "Beacon"), Territory: "T", Neighbours: map[string]float64{"U": 12},
			Serves: []string{"kids"}, Partners: []string{"a"}},
		// z: far away, nothing in common with anyone.
		{Stakeholder: st("z", "Zenith"), Territory: "Z", Serves: []string{"none"}},
	}
	got := cooperation.Rank(members, 10)
	var lines []string
	for _, o := range got {
		line := fmt.Sprintf("%s+%s=%d:", o.A.ID, o.B.ID, o.Score)
		for _, r := range o.Reasons {
			switch r.Kind {
			case cooperation.ServesDemand:
				line += fmt.Sprintf(" %s %s→%s %s %d", r.Kind, r.ProviderID, r.InNeedID, r.CategoryID, r.Demand)
			case cooperation.SharedTargetGroup:
				line += fmt.Sprintf(" %s %s", r.Kind, r.TargetGroupID)
			default:
				line += fmt.Sprintf(" %s %g", r.Kind, r.DistanceKm)
			}
		}
		lines = append(lines, line)
	}
	want := []string{
		// a serves T's home-care need (3), c serves U's day-care need (3),
		// both serve older people (1), neighbours (1).
		"a+c=8: SERVES_DEMAND a→c home 40 SERVES_DEMAND c→a day 15 SHARED_TARGET_GROUP old NEIGHBOUR_TERRITORIES 12",
		// Same town (2); no shared group, no service the other needs.
		"b+c=2: SAME_TERRITORY 0",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("got\n%v\nwant\n%v", lines, want)
	}
	if top := cooperation.Rank(members, 1); len(top) != 1 || top[0].Score != 8 {
		t.Errorf("first 1: %+v", top)
	}
	if none := cooperation.Rank(members[3:], 10); len(none) != 0 {
		t.Errorf("one member gave pairs: %+v", none)
	}
}

func TestCountStakeholders(t *testing.T) {
	sts := []*domain.Stakeholder{
		{Kind: "NGO", Sector: "NON_PROFIT"}, {Kind: "MUNICIPALITY", Sector: "PUBLIC"},
		{Kind: "NGO", Sector: "NON_PROFIT"}, {Kind: "BUSINESS", Sector: "PRIVATE"},
	}
	got := cooperation.CountStakeholders(sts)
	want := []cooperation.StakeholderCount{{Kind: "NGO", Sector: "NON_PROFIT", Count: 2},
		{Kind: "BUSINESS", Sector: "PRIVATE", Count: 1}, {Kind: "MUNICIPALITY", Sector: "PUBLIC", Count: 1}}
	if !slices.Equal(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	o := cooperation.Overview{}
	if o.CrossSectorShare() != nil {
		t.Error("a share without partnerships")
	}
	o.Partnerships, o.CrossSectorPartnerships = 4, 1
	if s := o.CrossSectorShare(); s == nil || *s != 0.25 {
		t.Errorf("share %v", s)
	}
}
