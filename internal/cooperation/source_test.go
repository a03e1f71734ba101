package cooperation_test

import (
	"context"
	"testing"

	"github.com/coopgraph/coopgraph/internal/cooperation"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/matrix"
)

// fakeSource answers an area's members and looks categories and target
// groups up by id, counting the look-ups.
type fakeSource struct {
	members         []cooperation.Member
	catQ, groupQ    int
	catIDs, groupID []string
}

var _ cooperation.Source = (*fakeSource)(nil)

func (f *fakeSource) AreaOverviews(ctx context.Context, q matrix.Query, areaIDs []string) ([]*cooperation.Overview, error) {
	return nil, nil
}

func (f *fakeSource) AreaMembers(ctx context.Context, areaID, scopeID string) ([]cooperation.Member, error) {
	return f.members, nil
}

func (f *fakeSource) ServiceCategories(ctx context.Context, flt domain.ServiceCategoryFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.ServiceCategory], error) {
	f.catQ++
	f.catIDs = flt.IDs
	var out domain.Page[domain.ServiceCategory]
	for _, id := range flt.IDs {
		out.Items = append(out.Items, &domain.ServiceCategory{Meta: domain.Meta{ID: id}, Name: "cat " + id})
	}
	return out, nil
}

func (f *fakeSource) TargetGroups(ctx context.Context, flt domain.TargetGroupFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.TargetGroup], error) {
	f.groupQ++
	var out domain.Page[domain.TargetGroup]
	for _, id := range flt.IDs {
		out.Items = append(out.Items, &domain.TargetGroup{Meta: domain.Meta{ID: id}})
	}
	return out, nil
}

// TestOpportunities: the reasons' records come from one look-up each,
// and every stakeholder a reason names is among the members.
func TestOpportunities(t *testing.T) {
	src := &fakeSource{members: []cooperation.Member{
		{Stakeholder: st("c", "Centre"), Territory: "T", Provides: []string{"day"}, Serves: []string{"old"}},
		{Stakeholder: st("a", "Aid"), Territory: "U", Serves: []string{"old"}, Demand: map[string]int64{"day": 15}},
	}}
	r, err := cooperation.Opportunities(context.Background(), src, "area", "scope", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Opportunities) != 1 || src.catQ != 1 || src.groupQ != 1 {
		t.Fatalf("got %d opportunities, %d category and %d group look-ups; want 1 each", len(r.Opportunities), src.catQ, src.groupQ)
	}
	for _, x := range r.Opportunities[0].Reasons {
		switch x.Kind {
		case cooperation.ServesDemand:
			if r.Categories[x.CategoryID] == nil || r.Stakeholders[x.ProviderID].ID != "c" || r.Stakeholders[x.InNeedID].ID != "a" {
				t.Errorf("reason %+v: its records are missing", x)
			}
		case cooperation.SharedTargetGroup:
			if r.TargetGroups[x.TargetGroupID] == nil {
				t.Errorf("reason %+v: no target group", x)
			}
		}
	}
	empty := &fakeSource{members: src.members[:1]}
	if r, err := cooperation.Opportunities(context.Background(), empty, "area", "scope", 10); err != nil || len(r.Opportunities) != 0 || empty.catQ+empty.groupQ != 0 {
		t.Errorf("one member: %v %v, %d look-ups; want none", r, err, empty.catQ+empty.groupQ)
	}
}
