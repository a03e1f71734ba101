// Package matrix builds the supply–demand matrix of social and health
// services: rows are the territories of one level inside a scope, columns
// are service categories, and each cell compares the demand (the volumes
// of needs there) with the supply (the capacity of active services that
// reach there).
//
// The store does the graph work and hands over, for demand and for supply,
// sums by row and totals of the records in the same categories (see Side).
// Build turns them into cells and totals. The separate totals are what make
// them honest: a service that covers three rows adds its capacity to each
// of the three cells, but once to its column's total and once to the
// scope's; a service in two categories is in both columns, but once in its
// row's total.
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

// Side is one side of the matrix, demand or supply: its records grouped by
// the categories they are in (a need is in one, a service in one or more),
// so that Build can count each record once per cell, row, column and
// scope however many of its categories a column or the matrix includes.
type Side struct {
	Groups []Group
}

// Group sums the records that are in exactly the categories Categories
// (those the columns include): Cells per row, the records that reach the
// row; Total, the records that reach any row, each once.
type Group struct {
	Categories []string
	Cells      map[string]int64
	Total      int64
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

// Build assembles the matrix. columnsOf maps every category the columns
// include (the columns themselves and their sub-categories) to the ids of
// the columns that include it. A group's records are in the union of the
// columns of their categories, each column once: a service in a category
// and in its sub-category, or in two categories of one column, is counted
// once in that column; in two columns, in both, but once in its row's
// total and once in the scope's.
func Build(q Query, scope *domain.Territory, rows []*domain.Territory, cols []*domain.ServiceCategory, columnsOf map[string][]string, demand, supply Side) *Matrix {
	m := &Matrix{Query: q, Scope: scope, RowLevel: q.RowLevel, Rows: rows, Cols: cols,
		Cells: make([][]Figures, len(rows)), RowTotals: make([]Figures, len(rows)), ColTotals: make([]Figures, len(cols))}
	for i := range rows {
		m.Cells[i] = make([]Figures, len(cols))
	}
	colIx, rowIx := index(cols), index(rows)
	add := func(side Side, field func(*Figures) *int64) {
		for _, g := range side.Groups {
			var js []int
			for _, k := range g.Categories {
				for _, c := range columnsOf[k] {
					if j, ok := colIx[c]; ok && !slices.Contains(js, j) {
						js = append(js, j)
					}
				}
			}
			if len(js) == 0 {
				continue
			}
			for row, amount := range g.Cells {
				i, ok := rowIx[row]
				if !ok {
					continue
				}
				for _, j := range js {
					*field(&m.Cells[i][j]) += amount
				}
				*field(&m.RowTotals[i]) += amount
			}
			for _, j := range js {
				*field(&m.ColTotals[j]) += g.Total
			}
			*field(&m.Total) += g.Total
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
