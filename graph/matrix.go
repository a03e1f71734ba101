package graph

import (
	"context"
	"sync"

	"github.com/coopgraph/coopgraph/graph/model"
	"github.com/coopgraph/coopgraph/internal/cooperation"
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

// opportunities ranks the pairs of members and names the categories and
// target groups of their reasons, loaded in one query each.
func opportunities(ctx context.Context, st *store.Store, members []cooperation.Member, first int) ([]*model.Opportunity, error) {
	ranked := cooperation.Rank(members, first)
	byID := map[string]*domain.Stakeholder{}
	for _, m := range members {
		byID[m.Stakeholder.ID] = m.Stakeholder
	}
	var catIDs, groupIDs []string
	for _, o := range ranked {
		for _, r := range o.Reasons {
			if r.CategoryID != "" {
				catIDs = append(catIDs, r.CategoryID)
			}
			if r.TargetGroupID != "" {
				groupIDs = append(groupIDs, r.TargetGroupID)
			}
		}
	}
	cats, groups := map[string]*domain.ServiceCategory{}, map[string]*domain.TargetGroup{}
	if len(catIDs) > 0 {
		p, err := st.ServiceCategories(ctx, domain.ServiceCategoryFilter{IDs: catIDs}, nil, domain.PageArgs{Limit: len(catIDs)}, false)
		if err != nil {
			return nil, err
		}
		for _, c := range p.Items {
			cats[c.ID] = c
		}
	}
	if len(groupIDs) > 0 {
		p, err := st.TargetGroups(ctx, domain.TargetGroupFilter{IDs: groupIDs}, nil, domain.PageArgs{Limit: len(groupIDs)}, false)
		if err != nil {
			return nil, err
		}
		for _, g := range p.Items {
			groups[g.ID] = g
		}
	}
	out := make([]*model.Opportunity, len(ranked))
	for i, o := range ranked {
		mo := &model.Opportunity{A: o.A, B: o.B, Score: o.Score}
		for _, r := range o.Reasons {
			mr := &model.OpportunityReason{Kind: string(r.Kind), Provider: byID[r.ProviderID], InNeed: byID[r.InNeedID],
				Category: cats[r.CategoryID], TargetGroup: groups[r.TargetGroupID]}
			if r.Kind == cooperation.ServesDemand {
				mr.Demand = &r.Demand
			}
			if r.Kind == cooperation.NeighbourTerritories {
				mr.DistanceKm = &r.DistanceKm
			}
			mo.Reasons = append(mo.Reasons, mr)
		}
		out[i] = mo
	}
	return out, nil
}
