package graph

import (
	"context"

	"github.com/coopgraph/coopgraph/graph/model"
	"github.com/coopgraph/coopgraph/internal/loader"
	"github.com/coopgraph/coopgraph/internal/referral"
	"github.com/coopgraph/coopgraph/internal/store"
)

// referralPaths is the API's view of a referral search (referral.Find).
func referralPaths(ctx context.Context, src referral.Source, in model.ReferralPathInput) (*model.ReferralPathResult, error) {
	q := referral.Query{FromID: in.FromStakeholderID, TerritoryID: defaultOr(in.TerritoryID, ""), CategoryID: in.CategoryID,
		TargetGroupIDs: in.TargetGroupIds, MaxHops: defaultOr(in.MaxHops, referral.DefaultMaxHops),
		MaxDistanceKm: defaultOr(in.MaxDistanceKm, referral.DefaultMaxDistanceKm), First: defaultOr(in.First, referral.DefaultFirst)}
	res, err := referral.Find(ctx, src, q)
	if err != nil {
		return nil, err
	}
	start, paths, unreachable := res.Start, res.Paths, res.Unreachable
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
	loader.From(ctx).Group(linkKeys, linkIDs)
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
