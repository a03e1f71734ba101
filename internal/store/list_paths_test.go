package store_test

import (
	"context"
	"testing"

	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

// TestListsReachedByTwoPaths: a node below territory T by two paths (its
// municipality is in T and in a planning zone in T) is listed and counted
// once, whether the list starts at T or is searched.
func TestListsReachedByTwoPaths(t *testing.T) {
	st := testdb.Open(t)
	doc := testdb.Generate(testdb.Size{Municipalities: 2, Stakeholders: 3, ServicesEach: 1, Categories: 1, Needs: 2}, 5)
	doc.Territories = append(doc.Territories, domain.TerritoryRecord{Territory: domain.Territory{
		Meta: domain.Meta{ID: "g-zone", Illustrative: true}, Name: "Zone", Level: domain.LevelZone}, ParentID: "g-district-0"})
	for i := range doc.Territories {
		if doc.Territories[i].Level == domain.LevelMunicipality {
			doc.Territories[i].ZoneIDs = []string{"g-zone"}
		}
	}
	testdb.Load(t, st, doc)
	ctx := context.Background()
	page := domain.PageArgs{Limit: 10}
	for _, tc := range []struct {
		name string
		list func() (ids []string, total int, err error)
		want int
	}{
		{"Stakeholders", func() ([]string, int, error) {
			p, err := st.Stakeholders(ctx, domain.StakeholderFilter{TerritoryID: "g-district-0"}, nil, page, true)
			return ids(p), *p.Total, err
		}, 3},
		{"StakeholdersSearched", func() ([]string, int, error) {
			p, err := st.Stakeholders(ctx, domain.StakeholderFilter{TerritoryID: "g-district-0", Text: "Stakeholder"}, nil, page, true)
			return ids(p), *p.Total, err
		}, 3},
		{"StakeholdersInCategory", func() ([]string, int, error) {
			p, err := st.Stakeholders(ctx, domain.StakeholderFilter{CategoryID: "g-cat-0"}, nil, page, true)
			return ids(p), *p.Total, err
		}, 3},
		{"TerritoriesWithin", func() ([]string, int, error) {
			p, err := st.Territories(ctx, domain.TerritoryFilter{Within: "g-district-0"}, nil, page, true)
			return ids(p), *p.Total, err
		}, 3}, // two municipalities and the zone
		{"Services", func() ([]string, int, error) {
			p, err := st.Services(ctx, domain.ServiceFilter{TerritoryID: "g-district-0"}, nil, page, true)
			return ids(p), *p.Total, err
		}, 3},
		{"Needs", func() ([]string, int, error) {
			p, err := st.Needs(ctx, domain.NeedFilter{TerritoryID: "g-district-0"}, nil, page, true)
			return ids(p), *p.Total, err
		}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, total, err := tc.list()
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, id := range got {
				if seen[id] {
					t.Errorf("%s listed twice: %v", id, got)
				}
				seen[id] = true
			}
			if len(got) != tc.want || total != tc.want {
				t.Errorf("listed %v, total %d; want %d of each", got, total, tc.want)
			}
		})
	}
}

func ids[T any](p domain.Page[T]) []string {
	var out []string
	for _, v := range p.Items {
		out = append(out, any(v).(interface{ Key() string }).Key())
	}
	return out
}
