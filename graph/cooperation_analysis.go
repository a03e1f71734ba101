package graph

import (
	"github.com/coopgraph/coopgraph/graph/model"
	"github.com/coopgraph/coopgraph/internal/cooperation"
)

// opportunities is the API's view of an area's ranked opportunities.
func opportunities(r *cooperation.Ranked) []*model.Opportunity {
	out := make([]*model.Opportunity, len(r.Opportunities))
	for i, o := range r.Opportunities {
		mo := &model.Opportunity{A: o.A, B: o.B, Score: o.Score}
		for _, x := range o.Reasons {
			mr := &model.OpportunityReason{Kind: string(x.Kind), Provider: r.Stakeholders[x.ProviderID], InNeed: r.Stakeholders[x.InNeedID],
				Category: r.Categories[x.CategoryID], TargetGroup: r.TargetGroups[x.TargetGroupID]}
			if x.Kind == cooperation.ServesDemand {
				mr.Demand = &x.Demand
			}
			if x.Kind == cooperation.NeighbourTerritories {
				mr.DistanceKm = &x.DistanceKm
			}
			mo.Reasons = append(mo.Reasons, mr)
		}
		out[i] = mo
	}
	return out
}
