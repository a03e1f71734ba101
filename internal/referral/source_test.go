package referral

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// fakeSource answers a referral search from fixed candidates and chains,
// and records the providers whose chains were asked for.
type fakeSource struct {
	startErr error
	cands    []Candidate
	chains   map[string]Chain
	asked    []string
	rows     []FlowRow
}

var _ Source = (*fakeSource)(nil)

func (f *fakeSource) ReferralStart(ctx context.Context, q Query) (*Start, error) {
	if f.startErr != nil {
		return nil, f.startErr
	}
	return &Start{From: &domain.Stakeholder{Meta: domain.Meta{ID: q.FromID}}, Territory: &domain.Territory{Meta: domain.Meta{ID: "tr"}}}, nil
}

func (f *fakeSource) ReferralCandidates(ctx context.Context, q Query, territoryID string) ([]Candidate, error) {
	return f.cands, nil
}

func (f *fakeSource) ReferralChains(ctx context.Context, fromID string, providerIDs, categoryIDs []string, maxHops int) (map[string]Chain, error) {
	f.asked = providerIDs
	return f.chains, nil
}

func (f *fakeSource) ReferralFlowRows(ctx context.Context, scopeID string, from, to time.Time) (*domain.Territory, []FlowRow, error) {
	return &domain.Territory{Meta: domain.Meta{ID: scopeID}}, f.rows, nil
}

func TestFind(t *testing.T) {
	q := Query{FromID: "me", MaxHops: DefaultMaxHops, MaxDistanceKm: DefaultMaxDistanceKm, First: DefaultFirst}
	t.Run("OK", func(t *testing.T) {
		src := &fakeSource{cands: []Candidate{cand("p1", "s1", 20, 5), cand("p1", "s2", 0, 1), cand("p2", "s3", 10, 5)},
			chains: map[string]Chain{"p1": chain(2)}}
		res, err := Find(context.Background(), src, q)
		if err != nil {
			t.Fatal(err)
		}
		// Chains are asked for the best service of each provider only.
		if want := []string{"p1", "p2"}; !reflect.DeepEqual(src.asked, want) {
			t.Errorf("chains asked for %v, want %v", src.asked, want)
		}
		if len(res.Paths) != 1 || res.Paths[0].Service.ID != "s2" || res.Paths[0].Hops() != 2 {
			t.Errorf("paths %+v, want p1's local s2 in 2 hops", res.Paths)
		}
		if len(res.Unreachable) != 1 || res.Unreachable[0].Provider.ID != "p2" || res.From.ID != "me" {
			t.Errorf("unreachable %+v, want p2", res.Unreachable)
		}
	})
	t.Run("ErrFirst", func(t *testing.T) {
		bad := q
		bad.First = 0
		var ps domain.Problems
		if _, err := Find(context.Background(), &fakeSource{startErr: errors.New("must not be asked")}, bad); !errors.As(err, &ps) || ps[0].Field != "input.first" {
			t.Errorf("got %v, want a problem with input.first before any query", err)
		}
	})
	t.Run("ErrStart", func(t *testing.T) {
		want := &domain.Error{Code: domain.CodeForbidden}
		if _, err := Find(context.Background(), &fakeSource{startErr: want}, q); !errors.Is(err, want) {
			t.Errorf("got %v, want %v", err, want)
		}
	})
}

// TestFlows: counts by flow and status, decline reasons and outcomes, and
// the medians in hours (the mean of the middle two for an even count).
func TestFlows(t *testing.T) {
	src := &fakeSource{rows: []FlowRow{
		{Statuses: []string{"SENT", "ACCEPTED", "DECLINED"}, DeclineReasons: []string{"FULL"}, SecondsToAccept: []int64{3600, 3 * 3600}, CrossesMunicipality: true},
		{Statuses: []string{"COMPLETED"}, Outcomes: []string{"HOUSED"}, SecondsToAccept: []int64{7200}, SecondsToComplete: []int64{36000}},
	}}
	f, err := ComputeFlows(context.Background(), src, "scope", time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Scope.ID != "scope" || f.Total != 4 || len(f.Flows) != 2 || f.Flows[0].Count != 3 || !f.Flows[0].CrossesMunicipalityBorder {
		t.Errorf("got %+v", f)
	}
	if want := map[string]int{"SENT": 1, "ACCEPTED": 1, "DECLINED": 1, "COMPLETED": 1}; !reflect.DeepEqual(f.ByStatus, want) {
		t.Errorf("by status %v, want %v", f.ByStatus, want)
	}
	if f.ByDeclineReason["FULL"] != 1 || f.ByOutcome["HOUSED"] != 1 {
		t.Errorf("reasons %v outcomes %v", f.ByDeclineReason, f.ByOutcome)
	}
	if f.MedianHoursToAccept == nil || *f.MedianHoursToAccept != 2 || f.MedianHoursToComplete == nil || *f.MedianHoursToComplete != 10 {
		t.Errorf("medians %v %v, want 2 and 10", f.MedianHoursToAccept, f.MedianHoursToComplete)
	}
}

func TestMedian(t *testing.T) {
	tests := []struct {
		name string
		xs   []float64
		want *float64
	}{
		{"None", nil, nil},
		{"Odd", []float64{5, 1, 3}, ptr(3.0)},
		{"Even", []float64{4, 1, 3, 2}, ptr(2.5)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := median(tt.xs); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("median(%v) = %v, want %v", tt.xs, got, tt.want)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
