// Package matrix builds the supply–demand matrix of social and health
// services: rows are the territories of one level inside a scope, columns
// are service categories, and each cell compares the demand (the volumes
// of needs there) with the supply (the capacity of active services that
// reach there).
//
// The store does the graph work and hands over groups: needs (or services)
// that fall in the same set of rows and columns, with their summed volume
// (or capacity). Build turns groups into cells and totals. Working from
// groups is what makes the totals honest: a service that covers three rows
// adds its capacity to each of the three cells, but once to its column's
// total and once to the scope's.
package matrix

import (
	"cmp"
	"slices"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// Query says which matrix to build. Empty CategoryIDs means every
// top-level category; Domain, TargetGroupIDs and Year filter.
type Query struct {
	ScopeID        string
	RowLevel       domain.TerritoryLevel
	CategoryIDs    []string
	TargetGroupIDs []string
	Domain         domain.ServiceDomain
	Year           int
	// Leaves makes the default columns the categories without
	// sub-categories instead of the top-level ones.
	Leaves bool
}

// Group is a set of needs or services that fall in the same rows and
// columns (by id), with their summed volume or capacity.
type Group struct {
	Rows, Cols []string
	Amount     int64
}

// Figures compares demand and supply.
type Figures struct {
	Demand, Supply int64
}

// Gap is the demand that supply does not meet, never below zero.
func (f Figures) Gap() int64 { return max(f.Demand-f.Supply, 0) }

// Coverage is supply / demand, nil when there is no demand.
func (f Figures) Coverage() *float64 {
	if f.Demand == 0 {
		return nil
	}
	c := float64(f.Supply) / float64(f.Demand)
	return &c
}

// Matrix is a built matrix. Cells[i][j] is row i, column j.
type Matrix struct {
	Query     Query
	Scope     *domain.Territory
	RowLevel  domain.TerritoryLevel
	Rows      []*domain.Territory
	Cols      []*domain.ServiceCategory
	Cells     [][]Figures
	RowTotals []Figures
	ColTotals []Figures
	Total     Figures
}

// Build assembles the matrix from the demand and supply groups. Groups
// naming rows or columns not in the matrix are counted for those they do
// name.
func Build(q Query, scope *domain.Territory, rows []*domain.Territory, cols []*domain.ServiceCategory, demand, supply []Group) *Matrix {
	m := &Matrix{Query: q, Scope: scope, RowLevel: q.RowLevel, Rows: rows, Cols: cols,
		Cells: make([][]Figures, len(rows)), RowTotals: make([]Figures, len(rows)), ColTotals: make([]Figures, len(cols))}
	for i := range m.Cells {
		m.Cells[i] = make([]Figures, len(cols))
	}
	rowIx, colIx := index(rows), index(cols)
	add := func(groups []Group, field func(*Figures) *int64) {
		for _, g := range groups {
			ris, cis := positions(g.Rows, rowIx), positions(g.Cols, colIx)
			if len(ris) == 0 || len(cis) == 0 {
				continue
			}
			for _, i := range ris {
				for _, j := range cis {
					*field(&m.Cells[i][j]) += g.Amount
				}
				*field(&m.RowTotals[i]) += g.Amount
			}
			for _, j := range cis {
				*field(&m.ColTotals[j]) += g.Amount
			}
			*field(&m.Total) += g.Amount
		}
	}
	add(demand, func(f *Figures) *int64 { return &f.Demand })
	add(supply, func(f *Figures) *int64 { return &f.Supply })
	return m
}

// keyed is a record with an id.
type keyed interface{ Key() string }

func index[T keyed](items []T) map[string]int {
	m := make(map[string]int, len(items))
	for i, it := range items {
		m[it.Key()] = i
	}
	return m
}

// positions returns the distinct positions of the ids found in ix.
func positions(ids []string, ix map[string]int) []int {
	out := make([]int, 0, len(ids))
	for _, id := range ids {
		if i, ok := ix[id]; ok && !slices.Contains(out, i) {
			out = append(out, i)
		}
	}
	return out
}

// Cell is one cell with its place, for rankings.
type Cell struct {
	Row, Col int
	Figures
}

// Gaps returns the cells whose gap is at least minGap, the largest gap
// first, then by territory and category name.
func (m *Matrix) Gaps(minGap int64) []Cell {
	var out []Cell
	for i, row := range m.Cells {
		for j, f := range row {
			if f.Gap() >= max(minGap, 1) {
				out = append(out, Cell{Row: i, Col: j, Figures: f})
			}
		}
	}
	slices.SortFunc(out, func(a, b Cell) int {
		return cmp.Or(cmp.Compare(b.Gap(), a.Gap()), cmp.Compare(m.Rows[a.Row].Name, m.Rows[b.Row].Name),
			cmp.Compare(m.Cols[a.Col].Name, m.Cols[b.Col].Name))
	})
	return out
}
