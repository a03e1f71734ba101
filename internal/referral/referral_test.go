package referral

import (
	"reflect"
	"testing"

	"github.com/coopgraph/coopgraph/internal/domain"
)

func cand(provider, service string, km float64, capacity int64) Candidate {
	return Candidate{Provider: &domain.Stakeholder{Meta: domain.Meta{ID: provider}},
		Service: &domain.Service{Meta: domain.Meta{ID: service}, Capacity: &capacity}, DistanceKm: km}
}

func chain(hops int) Chain {
	return Chain{Links: make([]map[string]any, hops)}
}

// TestBest: one candidate per provider, its best: local first, then
// nearer, then more capacity, then ids.
func TestBest(t *testing.T) {
	got := Best([]Candidate{
		cand("p1", "s1", 20, 5), cand("p1", "s2", 0, 1), // p1: local s2 beats nearer-but-not-local
		cand("p2", "s3", 10, 5), cand("p2", "s4", 10, 9), // p2: same distance, more capacity
		cand("p3", "s5", 5, 1),
	})
	var ids []string
	for _, c := range got {
		ids = append(ids, c.Provider.ID+"/"+c.Service.ID)
	}
	if want := []string{"p1/s2", "p3/s5", "p2/s4"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("Best = %v, want %v", ids, want)
	}
}

// TestRank: local before neighbouring, then fewer hops, then shorter
// distance, capacity, ids; providers without a chain are unreachable;
// first cuts both lists.
func TestRank(t *testing.T) {
	best := []Candidate{
		cand("far-1hop", "a", 40, 1),
		cand("near-2hops", "b", 10, 1),
		cand("local-3hops", "c", 0, 1),
		cand("near-1hop", "d", 10, 1),
		cand("near-1hop-big", "e", 10, 50),
		cand("unlinked-1", "f", 5, 1),
		cand("unlinked-2", "g", 6, 1),
	}
	chains := map[string]Chain{"far-1hop": chain(1), "near-2hops": chain(2), "local-3hops": chain(3),
		"near-1hop": chain(1), "near-1hop-big": chain(1)}
	paths, unreachable := Rank(best, chains, 4)
	var got []string
	for _, p := range paths {
		got = append(got, p.Provider.ID)
	}
	if want := []string{"local-3hops", "near-1hop-big", "near-1hop", "far-1hop"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ranked %v, want %v", got, want)
	}
	for i := 1; i < len(paths); i++ {
		if paths[i-1].Score() <= paths[i].Score() {
			t.Errorf("score of %s (%v) not above %s (%v)", paths[i-1].Provider.ID, paths[i-1].Score(), paths[i].Provider.ID, paths[i].Score())
		}
	}
	if len(unreachable) != 2 || unreachable[0].Provider.ID != "unlinked-1" {
		t.Errorf("unreachable %v", unreachable)
	}
	if p, u := Rank(best, chains, 1); len(p) != 1 || len(u) != 1 {
		t.Errorf("first 1: %d paths, %d unreachable", len(p), len(u))
	}
}

func TestQueryCheck(t *testing.T) {
	ok := Query{MaxHops: 3, MaxDistanceKm: 50, First: 5}
	tests := []struct {
		name  string
		edit  func(*Query)
		field string
	}{
		{"OK", func(*Query) {}, ""},
		{"OKLimits", func(q *Query) { q.MaxHops, q.MaxDistanceKm, q.First = MaxHops, MaxDistanceKm, MaxFirst }, ""},
		{"ErrNegativeHops", func(q *Query) { q.MaxHops = -1 }, "input.maxHops"},
		{"ErrTooManyHops", func(q *Query) { q.MaxHops = MaxHops + 1 }, "input.maxHops"},
		{"ErrDistance", func(q *Query) { q.MaxDistanceKm = 501 }, "input.maxDistanceKm"},
		{"ErrFirstZero", func(q *Query) { q.First = 0 }, "input.first"},
		{"ErrFirstTooMany", func(q *Query) { q.First = MaxFirst + 1 }, "input.first"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := ok
			tc.edit(&q)
			ps := q.Check()
			if tc.field == "" && len(ps) > 0 || tc.field != "" && (len(ps) != 1 || ps[0].Field != tc.field) {
				t.Errorf("problems %v, want on %q", ps, tc.field)
			}
		})
	}
}
