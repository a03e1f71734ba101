package referral

import (
	"context"
	"slices"
	"time"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// Start is where a referral search starts: the coordinator, the person's
// territory, the category and the ids of the category and its ancestors (a
// link restricted to any of them may be used).
type Start struct {
	From        *domain.Stakeholder
	Territory   *domain.Territory
	Category    *domain.ServiceCategory
	CategoryIDs []string
}

// Source is the graph work of referral paths and flows (the store
// implements it).
type Source interface {
	// ReferralStart checks the ids of q and loads what the search starts
	// from; a COORDINATOR may only search from its own stakeholder.
	ReferralStart(ctx context.Context, q Query) (*Start, error)
	// ReferralCandidates returns the qualifying services near territoryID.
	ReferralCandidates(ctx context.Context, q Query, territoryID string) ([]Candidate, error)
	// ReferralChains returns, per provider id, the shortest chain of usable
	// referral links from fromID within maxHops.
	ReferralChains(ctx context.Context, fromID string, providerIDs, categoryIDs []string, maxHops int) (map[string]Chain, error)
	// ReferralFlowRows returns the scope and one row per (source, target,
	// category) of the referrals sent in [from, to) whose person lives in
	// the scope or below it.
	ReferralFlowRows(ctx context.Context, scopeID string, from, to time.Time) (*domain.Territory, []FlowRow, error)
}

// Result is the answer of a referral search.
type Result struct {
	*Start
	Paths       []Path
	Unreachable []Candidate
}

// Find answers a referral search in three queries: the start, the
// qualifying services, the shortest chains to their providers.
func Find(ctx context.Context, src Source, q Query) (*Result, error) {
	if ps := q.Check(); len(ps) > 0 {
		return nil, ps
	}
	start, err := src.ReferralStart(ctx, q)
	if err != nil {
		return nil, err
	}
	cands, err := src.ReferralCandidates(ctx, q, start.Territory.ID)
	if err != nil {
		return nil, err
	}
	best := Best(cands)
	ids := make([]string, len(best))
	for i, c := range best {
		ids[i] = c.Provider.ID
	}
	chains, err := src.ReferralChains(ctx, q.FromID, ids, start.CategoryIDs, q.MaxHops)
	if err != nil {
		return nil, err
	}
	paths, unreachable := Rank(best, chains, q.First)
	return &Result{Start: start, Paths: paths, Unreachable: unreachable}, nil
}

// FlowRow is what the store reads of one flow: the referrals from one
// territory to one in one category.
type FlowRow struct {
	Source, Target *domain.Territory
	Category       *domain.ServiceCategory
	// One entry a referral: its current status; its decline reason and
	// outcome where it has one.
	Statuses, DeclineReasons, Outcomes []string
	// Seconds from SENT to ACCEPTED and to COMPLETED, of the referrals
	// that got there.
	SecondsToAccept, SecondsToComplete []int64
	// The source and the target are in different municipalities.
	CrossesMunicipality bool
}

// Flow counts the referrals from one territory (where the people live) to
// one (where the provider is) in one category.
type Flow struct {
	SourceTerritory, TargetTerritory *domain.Territory
	Category                         *domain.ServiceCategory
	Count                            int
	ByStatus                         map[string]int // current status
	// The source and the target are in different municipalities.
	CrossesMunicipalityBorder bool
}

// Flows sums up the referrals whose person lives in a scope.
type Flows struct {
	Scope           *domain.Territory
	Total           int
	Flows           []*Flow
	ByStatus        map[string]int
	ByDeclineReason map[string]int
	ByOutcome       map[string]int
	// Median hours from SENT to ACCEPTED and to COMPLETED; nil when no
	// referral got there.
	MedianHoursToAccept, MedianHoursToComplete *float64
}

// ComputeFlows counts the referrals sent in [from, to) (either may be zero:
// open) whose person lives in the scope or below it, by source and target
// territory and category, with the share of each status, decline reason
// and outcome, and the median times to acceptance and completion.
func ComputeFlows(ctx context.Context, src Source, scopeID string, from, to time.Time) (*Flows, error) {
	scope, rows, err := src.ReferralFlowRows(ctx, scopeID, from, to)
	if err != nil {
		return nil, err
	}
	return SumFlows(scope, rows), nil
}

// SumFlows sums the rows of a scope.
func SumFlows(scope *domain.Territory, rows []FlowRow) *Flows {
	out := &Flows{Scope: scope, ByStatus: map[string]int{}, ByDeclineReason: map[string]int{}, ByOutcome: map[string]int{}}
	var toAccept, toComplete []float64
	for _, r := range rows {
		f := &Flow{SourceTerritory: r.Source, TargetTerritory: r.Target, Category: r.Category,
			ByStatus: map[string]int{}, CrossesMunicipalityBorder: r.CrossesMunicipality}
		for _, st := range r.Statuses {
			f.Count++
			f.ByStatus[st]++
			out.ByStatus[st]++
		}
		for _, x := range r.DeclineReasons {
			out.ByDeclineReason[x]++
		}
		for _, x := range r.Outcomes {
			out.ByOutcome[x]++
		}
		for _, s := range r.SecondsToAccept {
			toAccept = append(toAccept, float64(s)/3600)
		}
		for _, s := range r.SecondsToComplete {
			toComplete = append(toComplete, float64(s)/3600)
		}
		out.Total += f.Count
		out.Flows = append(out.Flows, f)
	}
	out.MedianHoursToAccept, out.MedianHoursToComplete = median(toAccept), median(toComplete)
	return out
}

// median is the middle value (the mean of the two middle ones for an even
// count); nil for none.
func median(xs []float64) *float64 {
	if len(xs) == 0 {
		return nil
	}
	slices.Sort(xs)
	m := xs[len(xs)/2]
	if len(xs)%2 == 0 {
		m = (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
	}
	return &m
}
