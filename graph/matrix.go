package graph

import (
	"context"
	"sync"

	"github.com/coopgraph/coopgraph/graph/model"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/matrix"
	"github.com/coopgraph/coopgraph/internal/store"
)

// matrixQuery is the query of a matrix's arguments, with their defaults.
func matrixQuery(scopeID string, rowLevel *domain.TerritoryLevel, categoryIDs, targetGroupIDs []string, dom *domain.ServiceDomain, year *int) matrix.Query {
	return matrix.Query{ScopeID: scopeID, RowLevel: defaultOr(rowLevel, domain.LevelMunicipality), CategoryIDs: categoryIDs,
		TargetGroupIDs: targetGroupIDs, Domain: defaultOr(dom, ""), Year: defaultOr(year, 0)}
}

// matrixRows turns a matrix into its rows of cells; the cells share one
// cellDetails, so their costly fields cost one query for the whole matrix.
func matrixRows(st *store.Store, m *matrix.Matrix) []*model.MatrixRow {
	d := &cellDetails{st: st, m: m}
	out := make([]*model.MatrixRow, len(m.Rows))
	for i, t := range m.Rows {
		row := &model.MatrixRow{Territory: t, Total: m.RowTotals[i], Cells: make([]*model.MatrixCell, len(m.Cols))}
		for j, c := range m.Cols {
			row.Cells[j] = &model.MatrixCell{Territory: t, Category: c, Figures: m.Cells[i][j], Details: d}
		}
		out[i] = row
	}
	return out
}

// serviceGaps lists the cells of m with a gap of at least minGap, at most
// first of them, each with up to 3 territories nearby that have supply.
func serviceGaps(ctx context.Context, st *store.Store, m *matrix.Matrix, minGap int64, first int) ([]*model.ServiceGap, error) {
	gaps := m.Gaps(minGap)
	gaps = gaps[:min(first, len(gaps))]
	d := &cellDetails{st: st, m: m}
	out := make([]*model.ServiceGap, len(gaps))
	keys := make([]store.CellKey, len(gaps))
	for k, g := range gaps {
		cell := &model.MatrixCell{Territory: m.Rows[g.Row], Category: m.Cols[g.Col], Figures: g.Figures, Details: d}
		out[k], keys[k] = &model.ServiceGap{Cell: cell, Nearby: []store.Nearby{}}, cell.Key()
	}
	if len(keys) == 0 {
		return out, nil
	}
	nearby, err := st.MatrixNearby(ctx, m.Query, keys, 3)
	if err != nil {
		return nil, err
	}
	for k, g := range out {
		if n := nearby[keys[k]]; n != nil {
			g.Nearby = n
		}
	}
	return out, nil
}

// cellDetails loads the providers and the nearest supply of every cell of a
// matrix the first time one cell asks.
type cellDetails struct {
	st             *store.Store
	m              *matrix.Matrix
	local, serving lazy[map[store.CellKey][]*domain.Stakeholder]
	nearest        lazy[map[store.CellKey][]store.Nearby]
}

func (d *cellDetails) Providers(ctx context.Context, c *model.MatrixCell, local bool) ([]*domain.Stakeholder, error) {
	l := &d.serving
	if local {
		l = &d.local
	}
	all, err := l.get(func() (map[store.CellKey][]*domain.Stakeholder, error) {
		return d.st.MatrixProviders(ctx, d.m.Query, keysOf(d.m.Rows), keysOf(d.m.Cols), local)
	})
	if err != nil {
		return nil, err
	}
	if ps := all[c.Key()]; ps != nil {
		return ps, nil
	}
	return []*domain.Stakeholder{}, nil
}

// Nearest answers only for cells with demand and no supply; the query
// covers all such cells of the matrix.
func (d *cellDetails) Nearest(ctx context.Context, c *model.MatrixCell) (*store.Nearby, error) {
	if c.Demand == 0 || c.Supply > 0 {
		return nil, nil
	}
	all, err := d.nearest.get(func() (map[store.CellKey][]store.Nearby, error) {
		var cells []store.CellKey
		for i, row := range d.m.Cells {
			for j, f := range row {
				if f.Demand > 0 && f.Supply == 0 {
					cells = append(cells, store.CellKey{Row: d.m.Rows[i].ID, Col: d.m.Cols[j].ID})
				}
			}
		}
		return d.st.MatrixNearby(ctx, d.m.Query, cells, 1)
	})
	if err != nil || len(all[c.Key()]) == 0 {
		return nil, err
	}
	return &all[c.Key()][0], nil
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

func keysOf[T interface{ Key() string }](items []T) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Key()
	}
	return out
}
