package cooperation

import (
	"context"

	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/matrix"
)

// Source is the graph work of the cooperation analyses (the store
// implements it).
type Source interface {
	// AreaOverviews returns the areas (all when areaIDs is nil) in the
	// scope of q.
	AreaOverviews(ctx context.Context, q matrix.Query, areaIDs []string) ([]*Overview, error)
	// AreaMembers returns what Rank needs to know of the stakeholders of
	// an area in a scope.
	AreaMembers(ctx context.Context, areaID, scopeID string) ([]Member, error)
	ServiceCategories(ctx context.Context, f domain.ServiceCategoryFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.ServiceCategory], error)
	TargetGroups(ctx context.Context, f domain.TargetGroupFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.TargetGroup], error)
}

// Ranked are the best opportunities of an area with the records their
// reasons name, by id.
type Ranked struct {
	Opportunities []Opportunity
	Stakeholders  map[string]*domain.Stakeholder
	Categories    map[string]*domain.ServiceCategory
	TargetGroups  map[string]*domain.TargetGroup
}

// Opportunities ranks the pairs of an area's members in a scope (see Rank)
// and loads the categories and target groups of their reasons, one query
// each.
func Opportunities(ctx context.Context, src Source, areaID, scopeID string, first int) (*Ranked, error) {
	members, err := src.AreaMembers(ctx, areaID, scopeID)
	if err != nil {
		return nil, err
	}
	out := &Ranked{Opportunities: Rank(members, first), Stakeholders: map[string]*domain.Stakeholder{},
		Categories: map[string]*domain.ServiceCategory{}, TargetGroups: map[string]*domain.TargetGroup{}}
	for _, m := range members {
		out.Stakeholders[m.Stakeholder.ID] = m.Stakeholder
	}
	var catIDs, groupIDs []string
	for _, o := range out.Opportunities {
		for _, r := range o.Reasons {
			if r.CategoryID != "" {
				catIDs = append(catIDs, r.CategoryID)
			}
			if r.TargetGroupID != "" {
				groupIDs = append(groupIDs, r.TargetGroupID)
			}
		}
	}
	if len(catIDs) > 0 {
		p, err := src.ServiceCategories(ctx, domain.ServiceCategoryFilter{IDs: catIDs}, nil, domain.PageArgs{Limit: len(catIDs)}, false)
		if err != nil {
			return nil, err
		}
		for _, c := range p.Items {
			out.Categories[c.ID] = c
		}
	}
	if len(groupIDs) > 0 {
		p, err := src.TargetGroups(ctx, domain.TargetGroupFilter{IDs: groupIDs}, nil, domain.PageArgs{Limit: len(groupIDs)}, false)
		if err != nil {
			return nil, err
		}
		for _, g := range p.Items {
			out.TargetGroups[g.ID] = g
		}
	}
	return out, nil
}
