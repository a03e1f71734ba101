package matrix

import (
	"cmp"
	"context"
	"sync"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// DefaultRowLevel is the rows' level when a query does not name one (the
// supplyDemandMatrix query, the serviceGaps query and /export/matrix.csv).
const DefaultRowLevel = domain.LevelMunicipality

// MaxNearbyHops bounds the search for nearby supply along NEIGHBOUR_OF.
const MaxNearbyHops = 3

// Axes are a matrix's scope, rows and columns.
type Axes struct {
	Scope *domain.Territory
	Rows  []*domain.Territory
	Cols  []*domain.ServiceCategory
	// ColumnsOf maps every category in the columns (with the
	// sub-categories) to the columns that include it.
	ColumnsOf map[string][]string
}

// CellKey names a cell by its row's and column's ids.
type CellKey struct{ Row, Col string }

// Nearby is a territory near a cell's row with supply in its column.
type Nearby struct {
	Territory  *domain.Territory
	DistanceKm float64 // along NEIGHBOUR_OF links, the shortest found
	Hops       int
	Supply     int64 // capacity of the column's active services that reach it
}

// Source is the graph work the matrix needs (the store implements it).
type Source interface {
	// MatrixAxes checks q's ids and returns its axes (BAD_USER_INPUT
	// problems for unknown ids or a row level above the scope's).
	MatrixAxes(ctx context.Context, q Query) (*Axes, error)
	// MatrixDemand and MatrixSupply sum needs and services (see Side).
	MatrixDemand(ctx context.Context, q Query) (Side, error)
	MatrixSupply(ctx context.Context, q Query) (Side, error)
	// MatrixProviders returns, per cell, the providers of the column's
	// active services: located in the row (local) or reaching it.
	MatrixProviders(ctx context.Context, q Query, rows, cols []string, local bool) (map[CellKey][]*domain.Stakeholder, error)
	// MatrixNearby returns, per cell, up to limit territories within
	// MaxNearbyHops of the row with supply in the column, nearest first.
	MatrixNearby(ctx context.Context, q Query, cells []CellKey, limit int) (map[CellKey][]Nearby, error)
}

// Compute builds the supply–demand matrix of q: the axes (which check q),
// the demand and the supply, three queries run at once.
func Compute(ctx context.Context, src Source, q Query) (*Matrix, error) {
	var (
		wg             sync.WaitGroup
		demand, supply Side
		dErr, sErr     error
	)
	wg.Add(2)
	go func() { defer wg.Done(); demand, dErr = src.MatrixDemand(ctx, q) }()
	go func() { defer wg.Done(); supply, sErr = src.MatrixSupply(ctx, q) }()
	a, err := src.MatrixAxes(ctx, q)
	wg.Wait()
	if err = cmp.Or(err, dErr, sErr); err != nil {
		return nil, err
	}
	return Build(q, a.Scope, a.Rows, a.Cols, a.ColumnsOf, demand, supply), nil
}

// Key names the cell at row i, column j.
func (m *Matrix) Key(i, j int) CellKey { return CellKey{Row: m.Rows[i].ID, Col: m.Cols[j].ID} }

// Gap is a cell with unmet demand and the territories nearby that have
// supply in its column.
type Gap struct {
	Cell
	Nearby []Nearby
}

// GapsNearby lists the cells of m with a gap of at least minGap, at most
// first of them, each with up to 3 territories nearby that have supply: one
// query for all of them.
func GapsNearby(ctx context.Context, src Source, m *Matrix, minGap int64, first int) ([]Gap, error) {
	gaps := m.Gaps(minGap)
	gaps = gaps[:min(first, len(gaps))]
	out := make([]Gap, len(gaps))
	keys := make([]CellKey, len(gaps))
	for k, g := range gaps {
		out[k], keys[k] = Gap{Cell: g, Nearby: []Nearby{}}, m.Key(g.Row, g.Col)
	}
	if len(keys) == 0 {
		return out, nil
	}
	nearby, err := src.MatrixNearby(ctx, m.Query, keys, 3)
	if err != nil {
		return nil, err
	}
	for k := range out {
		if n := nearby[keys[k]]; n != nil {
			out[k].Nearby = n
		}
	}
	return out, nil
}

// Details loads the costly facts of a matrix's cells — providers, nearest
// supply — for every cell the first time one cell asks, so that a matrix
// costs one query per fact however many cells select it.
type Details struct {
	src            Source
	m              *Matrix
	local, serving lazy[map[CellKey][]*domain.Stakeholder]
	nearest        lazy[map[CellKey][]Nearby]
}

// NewDetails returns the details of m's cells, loaded from src.
func NewDetails(src Source, m *Matrix) *Details { return &Details{src: src, m: m} }

// Providers returns the providers of a cell: located in its row (local) or
// serving it.
func (d *Details) Providers(ctx context.Context, c CellKey, local bool) ([]*domain.Stakeholder, error) {
	l := &d.serving
	if local {
		l = &d.local
	}
	all, err := l.get(func() (map[CellKey][]*domain.Stakeholder, error) {
		return d.src.MatrixProviders(ctx, d.m.Query, keysOf(d.m.Rows), keysOf(d.m.Cols), local)
	})
	if err != nil {
		return nil, err
	}
	if ps := all[c]; ps != nil {
		return ps, nil
	}
	return []*domain.Stakeholder{}, nil
}

// Nearest answers only for cells with demand and no supply; the query
// covers all such cells of the matrix.
func (d *Details) Nearest(ctx context.Context, c CellKey, f Figures) (*Nearby, error) {
	if f.Demand == 0 || f.Supply > 0 {
		return nil, nil
	}
	all, err := d.nearest.get(func() (map[CellKey][]Nearby, error) {
		var cells []CellKey
		for i, row := range d.m.Cells {
			for j, f := range row {
				if f.Demand > 0 && f.Supply == 0 {
					cells = append(cells, d.m.Key(i, j))
				}
			}
		}
		return d.src.MatrixNearby(ctx, d.m.Query, cells, 1)
	})
	if err != nil || len(all[c]) == 0 {
		return nil, err
	}
	return &all[c][0], nil
}

// lazy computes a value once, for all who ask.
type lazy[T any] struct {
	once sync.Once
	v    T
	err  error
}

func (l *lazy[T]) get(f func() (T, error)) (T, error) {
	l.once.Do(func() { l.v, l.err = f() })
	return l.v, l.err
}

func keysOf[T keyed](items []T) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Key()
	}
	return out
}
