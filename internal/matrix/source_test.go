package matrix

import (
	"context"
	"errors"
	"reflect"
	"sync/atomic"
	"testing"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// fakeSource is a Source over a hand-made matrix: two rows, two columns,
// counting the calls of the costly fields.
type fakeSource struct {
	axesErr             error
	providers, nearbies atomic.Int32
	nearbyCells         []CellKey
}

var _ Source = (*fakeSource)(nil)

func (f *fakeSource) MatrixAxes(ctx context.Context, q Query) (*Axes, error) {
	if f.axesErr != nil {
		return nil, f.axesErr
	}
	return &Axes{Scope: &domain.Territory{Meta: domain.Meta{ID: q.ScopeID}},
		Rows:      []*domain.Territory{{Meta: domain.Meta{ID: "r1"}, Name: "Alpha"}, {Meta: domain.Meta{ID: "r2"}, Name: "Beta"}},
		Cols:      []*domain.ServiceCategory{{Meta: domain.Meta{ID: "c1"}, Name: "Care"}, {Meta: domain.Meta{ID: "c2"}, Name: "Food"}},
		ColumnsOf: map[string][]string{"c1": {"c1"}, "c2": {"c2"}}}, nil
}

func (f *fakeSource) MatrixDemand(ctx context.Context, q Query) (Side, error) {
	return Side{Groups: []Group{
		{Categories: []string{"c1"}, Cells: map[string]int64{"r1": 10}, Total: 10},
		{Categories: []string{"c2"}, Cells: map[string]int64{"r2": 4}, Total: 4}}}, nil
}

func (f *fakeSource) MatrixSupply(ctx context.Context, q Query) (Side, error) {
	return Side{Groups: []Group{{Categories: []string{"c1"}, Cells: map[string]int64{"r1": 3}, Total: 3}}}, nil
}

func (f *fakeSource) MatrixProviders(ctx context.Context, q Query, rows, cols []string, local bool) (map[CellKey][]*domain.Stakeholder, error) {
	f.providers.Add(1)
	return map[CellKey][]*domain.Stakeholder{{"r1", "c1"}: {{Meta: domain.Meta{ID: "st-1"}}}}, nil
}

func (f *fakeSource) MatrixNearby(ctx context.Context, q Query, cells []CellKey, limit int) (map[CellKey][]Nearby, error) {
	f.nearbies.Add(1)
	f.nearbyCells = cells
	out := map[CellKey][]Nearby{}
	for _, c := range cells {
		for k := range limit {
			out[c] = append(out[c], Nearby{Territory: &domain.Territory{Meta: domain.Meta{ID: "n"}}, Hops: k + 1})
		}
	}
	return out, nil
}

func TestCompute(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		m, err := Compute(context.Background(), &fakeSource{}, Query{ScopeID: "s"})
		if err != nil {
			t.Fatal(err)
		}
		want := [][]Figures{{{10, 3}, {0, 0}}, {{0, 0}, {4, 0}}}
		if !reflect.DeepEqual(m.Cells, want) || m.Total != (Figures{14, 3}) || m.Scope.ID != "s" {
			t.Errorf("cells %v total %v, want %v and {14 3}", m.Cells, m.Total, want)
		}
	})
	t.Run("ErrAxes", func(t *testing.T) {
		bad := domain.Problems{{Field: "scopeId", Message: "no territory"}}
		if _, err := Compute(context.Background(), &fakeSource{axesErr: bad}, Query{}); !errors.As(err, new(domain.Problems)) {
			t.Errorf("got %v, want the axes' problems", err)
		}
	})
}

// TestGapsNearby: the gaps, largest first, with their nearby supply from
// one query for all of them.
func TestGapsNearby(t *testing.T) {
	src := &fakeSource{}
	m, _ := Compute(context.Background(), src, Query{})
	gaps, err := GapsNearby(context.Background(), src, m, 1, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(gaps) != 2 || gaps[0].Gap() != 7 || gaps[1].Gap() != 4 || len(gaps[0].Nearby) != 3 {
		t.Fatalf("got %+v, want the gaps 7 and 4 with 3 nearby each", gaps)
	}
	if n := src.nearbies.Load(); n != 1 {
		t.Errorf("%d nearby queries, want 1", n)
	}
	if gaps, _ := GapsNearby(context.Background(), src, m, 100, 10); len(gaps) != 0 || src.nearbies.Load() != 1 {
		t.Errorf("no gap: got %v and %d queries, want none and no query", gaps, src.nearbies.Load())
	}
}

// TestDetails: one query per fact for all the cells; nearest supply only
// for cells with demand and no supply.
func TestDetails(t *testing.T) {
	src := &fakeSource{}
	ctx := context.Background()
	m, _ := Compute(ctx, src, Query{})
	d := NewDetails(src, m)
	for i := range m.Rows {
		for j := range m.Cols {
			ps, err := d.Providers(ctx, m.Key(i, j), true)
			if err != nil || ps == nil {
				t.Fatalf("providers of %v: %v, %v", m.Key(i, j), ps, err)
			}
			n, err := d.Nearest(ctx, m.Key(i, j), m.Cells[i][j])
			if err != nil {
				t.Fatal(err)
			}
			if f := m.Cells[i][j]; (n != nil) != (f.Demand > 0 && f.Supply == 0) {
				t.Errorf("nearest of %v (%v): %v", m.Key(i, j), f, n)
			}
		}
	}
	if src.providers.Load() != 1 || src.nearbies.Load() != 1 {
		t.Errorf("%d provider and %d nearby queries, want 1 each", src.providers.Load(), src.nearbies.Load())
	}
	if want := []CellKey{{"r2", "c2"}}; !reflect.DeepEqual(src.nearbyCells, want) {
		t.Errorf("nearest asked for %v, want %v", src.nearbyCells, want)
	}
}
