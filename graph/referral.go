package graph

import (
	"context"

	"github.com/coopgraph/coopgraph/graph/model"
	"github.com/coopgraph/coopgraph/internal/batch"
	"github.com/coopgraph/coopgraph/internal/referral"
	"github.com/coopgraph/coopgraph/internal/store"
)

// referralPaths answers referralPaths in three queries: the start, the
// qualifying services, the shortest chains to their providers.
func referralPaths(ctx context.Context, st *store.Store, in model.ReferralPathInput) (*model.ReferralPathResult, error) {
	q := referral.Query{FromID: in.FromStakeholderID, TerritoryID: defaultOr(in.TerritoryID, ""), CategoryID: in.CategoryID,
		TargetGroupIDs: in.TargetGroupIds, MaxHops: defaultOr(in.MaxHops, referral.DefaultMaxHops),
		MaxDistanceKm: defaultOr(in.MaxDistanceKm, referral.DefaultMaxDistanceKm), First: defaultOr(in.First, referral.DefaultFirst)}
	if ps := q.Check(); len(ps) > 0 {
		return nil, ps
	}
	start, err := st.ReferralStart(ctx, q)
	if err != nil {
		return nil, err
	}
	cands, err := st.ReferralCandidates(ctx, q, start.Territory.ID)
	if err != nil {
		return nil, err
	}
	best := referral.Best(cands)
	ids := make([]string, len(best))
	for i, c := range best {
		ids[i] = c.Provider.ID
	}
	chains, err := st.ReferralChains(ctx, q.FromID, ids, start.CategoryIDs, q.MaxHops)
	if err != nil {
		return nil, err
	}
	paths, unreachable := referral.Rank(best, chains, q.First)
	out := &model.ReferralPathResult{From: start.From, Territory: start.Territory, Category: start.Category,
		Paths: make([]*model.ReferralPath, len(paths)), UnreachableProviders: make([]*referral.Candidate, len(unreachable))}
	var linkKeys []any
	var linkIDs []string
	for i, p := range paths {
		mp := &model.ReferralPath{Provider: p.Provider, Service: p.Service, Hops: p.Hops(), DistanceKm: p.DistanceKm,
			Local: p.Local(), CrossesMunicipalityBorder: p.CrossesMunicipality, CrossesDistrictBorder: p.CrossesDistrict, Score: p.Score()}
		if c := p.Service.Capacity; c != nil {
			n := int(*c)
			mp.Capacity = &n
		}
		for j, s := range p.Stakeholders {
			step := &model.ReferralStep{Stakeholder: s}
			switch {
			case j == 0: // the coordinator
			case p.Links[j-1] == nil: // a link the caller may not see
				step.ViaHidden = true
			default:
				from := p.Stakeholders[j-1]
				step.Via = &model.ReferralLink{ReferralLink: store.LinkOf(from.ID, s.ID, p.Links[j-1]), From: from, To: s}
				linkKeys, linkIDs = append(linkKeys, "REFERS_TO:"+step.Via.ID), append(linkIDs, step.Via.ID)
			}
			mp.Steps = append(mp.Steps, step)
		}
		out.Paths[i] = mp
	}
	// The links' categories load for all of them at once.
	batch.From(ctx).Group(linkKeys, linkIDs)
	for i := range unreachable {
		out.UnreachableProviders[i] = &unreachable[i]
	}
	return out, nil
}

// optional is nil for an empty string.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// counts lists a map's counts, the largest first, then by key.
func counts(m map[string]int) []*model.ReferralCount {
	out := make([]*model.ReferralCount, 0, len(m))
	for _, k := range byCount(m) {
		out = append(out, &model.ReferralCount{Key: k, Count: m[k]})
	}
	return out
}
