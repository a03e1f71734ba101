package matrix

import (
	"reflect"
	"testing"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// TestBuild: cells, row and column totals on a hand-made matrix where a
// category (c1a) is a column and also a sub-category of another column
// (c1), and a service covers both rows. Its capacity is in both rows'
// cells but once in each column's total and once in the scope's; the
// sub-category's records are once in a row's total though in two columns.
func TestBuild(t *testing.T) {
	rows := []*domain.Territory{{Meta: domain.Meta{ID: "r1"}, Name: "Alpha"}, {Meta: domain.Meta{ID: "r2"}, Name: "Beta"}}
	cols := []*domain.ServiceCategory{{Meta: domain.Meta{ID: "c1"}, Name: "Care"}, {Meta: domain.Meta{ID: "c1a"}, Name: "Care at home"}}
	columnsOf := map[string][]string{"c1": {"c1"}, "c1a": {"c1", "c1a"}}
	demand := Side{Groups: []Group{
		{Categories: []string{"c1"}, Cells: map[string]int64{"r1": 10}, Total: 10},
		{Categories: []string{"c1a"}, Cells: map[string]int64{"r1": 5, "r2": 7}, Total: 12},
	}}
	// One service of 8 places covers r1 and r2.
	supply := Side{Groups: []Group{{Categories: []string{"c1a"}, Cells: map[string]int64{"r1": 8, "r2": 8}, Total: 8}}}
	m := Build(Query{RowLevel: domain.TerritoryLevel("MUNICIPALITY")}, nil, rows, cols, columnsOf, demand, supply)
	wantCells := [][]Figures{
		{{Demand: 15, Supply: 8}, {Demand: 5, Supply: 8}},
		{{Demand: 7, Supply: 8}, {Demand: 7, Supply: 8}},
	}
	if !reflect.DeepEqual(m.Cells, wantCells) {
		t.Errorf("cells %v, want %v", m.Cells, wantCells)
	}
	if want := []Figures{{15, 8}, {7, 8}}; !reflect.DeepEqual(m.RowTotals, want) {
		t.Errorf("row totals %v, want %v (the sub-category once a row)", m.RowTotals, want)
	}
	if want := []Figures{{22, 8}, {12, 8}}; !reflect.DeepEqual(m.ColTotals, want) {
		t.Errorf("column totals %v, want %v (the service once a column)", m.ColTotals, want)
	}
	if want := (Figures{22, 8}); m.Total != want {
		t.Errorf("total %v, want %v (the service once in the scope)", m.Total, want)
	}
}

// TestBuildSeveralCategories: services in several categories. Columns c1
// (with its sub-category c1a) and c2. Service A (5 places, in r1) is in c1
// and c2: in both columns, once in r1's total and in the scope's. Service B
// (3 places, in r1 and r2) is in c1 and its sub-category c1a, both in
// column c1: once in c1's cells and total. Service C (2 places, in r2) is
// in c2 and in c9, which no column includes.
//
//	cells   c1          c2
//	r1      5+3 = 8     5
//	r2      3           2
//	rows: r1 5+3 = 8, r2 3+2 = 5; columns: c1 5+3 = 8, c2 5+2 = 7; scope 5+3+2 = 10
func TestBuildSeveralCategories(t *testing.T) {
	rows := []*domain.Territory{{Meta: domain.Meta{ID: "r1"}, Name: "Alpha"}, {Meta: domain.Meta{ID: "r2"}, Name: "Beta"}}
	cols := []*domain.ServiceCategory{{Meta: domain.Meta{ID: "c1"}, Name: "Care"}, {Meta: domain.Meta{ID: "c2"}, Name: "Food"}}
	columnsOf := map[string][]string{"c1": {"c1"}, "c1a": {"c1"}, "c2": {"c2"}}
	supply := Side{Groups: []Group{
		{Categories: []string{"c1", "c2"}, Cells: map[string]int64{"r1": 5}, Total: 5},
		{Categories: []string{"c1", "c1a"}, Cells: map[string]int64{"r1": 3, "r2": 3}, Total: 3},
		{Categories: []string{"c2", "c9"}, Cells: map[string]int64{"r2": 2}, Total: 2},
	}}
	m := Build(Query{RowLevel: domain.TerritoryLevel("MUNICIPALITY")}, nil, rows, cols, columnsOf, Side{}, supply)
	supplyOf := func(fs []Figures) []int64 {
		out := make([]int64, len(fs))
		for i, f := range fs {
			out[i] = f.Supply
		}
		return out
	}
	if got := [][]int64{supplyOf(m.Cells[0]), supplyOf(m.Cells[1])}; !reflect.DeepEqual(got, [][]int64{{8, 5}, {3, 2}}) {
		t.Errorf("cells %v, want [[8 5] [3 2]]", got)
	}
	if got := supplyOf(m.RowTotals); !reflect.DeepEqual(got, []int64{8, 5}) {
		t.Errorf("row totals %v, want [8 5] (a service in two columns once a row)", got)
	}
	if got := supplyOf(m.ColTotals); !reflect.DeepEqual(got, []int64{8, 7}) {
		t.Errorf("column totals %v, want [8 7] (a service in two categories of a column once)", got)
	}
	if m.Total.Supply != 10 {
		t.Errorf("total %d, want 10 (each service once)", m.Total.Supply)
	}
}

func TestFigures(t *testing.T) {
	tests := []struct {
		name     string
		f        Figures
		gap      int64
		coverage *float64
	}{
		{"UnmetDemand", Figures{Demand: 20, Supply: 5}, 15, ptr(0.25)},
		{"MoreSupplyThanDemandIsNoNegativeGap", Figures{Demand: 5, Supply: 20}, 0, ptr(4)},
		{"NoDemandHasNoCoverage", Figures{Demand: 0, Supply: 3}, 0, nil},
		{"Nothing", Figures{}, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if g := tc.f.Gap(); g != tc.gap {
				t.Errorf("gap %d, want %d", g, tc.gap)
			}
			c := tc.f.Coverage()
			if (c == nil) != (tc.coverage == nil) || (c != nil && *c != *tc.coverage) {
				t.Errorf("coverage %v, want %v", deref(c), deref(tc.coverage))
			}
		})
	}
}

// TestGaps: the largest gap first, ties by territory name then category
// name, and cells below minGap (or without a gap) left out.
func TestGaps(t *testing.T) {
	m := &Matrix{
		Rows: []*domain.Territory{{Meta: domain.Meta{ID: "r1"}, Name: "Beta"}, {Meta: domain.Meta{ID: "r2"}, Name: "Alpha"}},
		Cols: []*domain.ServiceCategory{{Meta: domain.Meta{ID: "c1"}, Name: "Zeta"}, {Meta: domain.Meta{ID: "c2"}, Name: "Eta"}},
		Cells: [][]Figures{
			{{Demand: 10, Supply: 0}, {Demand: 4, Supply: 1}},
			{{Demand: 10, Supply: 0}, {Demand: 2, Supply: 2}},
		},
	}
	type rc struct{ Row, Col int }
	tests := []struct {
		minGap int64
		want   []rc
	}{
		{0, []rc{{1, 0}, {0, 0}, {0, 1}}}, // 10 Alpha, 10 Beta, 3; the zero gap left out
		{4, []rc{{1, 0}, {0, 0}}},
		{11, nil},
	}
	for _, tc := range tests {
		var got []rc
		for _, c := range m.Gaps(tc.minGap) {
			got = append(got, rc{c.Row, c.Col})
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Gaps(%d) = %v, want %v", tc.minGap, got, tc.want)
		}
	}
}

func ptr(f float64) *float64 { return &f }

func deref(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}
