// Package matrix builds the supply–demand matrix of social and health
// services: rows are the territories of one level inside a scope, columns
// are service categories, and each cell compares the demand (the volumes
// of needs there) with the supply (the capacity of active services that
// reach there).
//
// The store does the graph work and hands over, for demand and for supply,
// sums by row and category and totals by category (see Side). Build turns
// them into cells and totals. The separate totals are what make them
// honest: a service that covers three rows adds its capacity to each of the
// three cells, but once to its column's total and once to the scope's.
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

// Side is one side of the matrix, demand or supply, by category. Every
// need and every service is in exactly one category, so sums by category
// never count a record twice. Cells sums, per row and category, the records
// that reach the row; Totals sums, per category, the records that reach any
// row, each once however many rows it reaches.
type Side struct {
	Cells  map[RowCategory]int64
	Totals map[string]int64
}

// RowCategory names a row (a territory id) and a category id.
type RowCategory struct{ Row, Category string }

// NewSide returns an empty side.
func NewSide() Side { return Side{Cells: map[RowCategory]int64{}, Totals: map[string]int64{}} }

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
// the columns that include it: a category and its sub-category both asked
// for put the sub-category's records in two columns, but once in a row's
// total.
func Build(q Query, scope *domain.Territory, rows []*domain.Territory, cols []*domain.ServiceCategory, columnsOf map[string][]string, demand, supply Side) *Matrix {
	m := &Matrix{Query: q, Scope: scope, RowLevel: q.RowLevel, Rows: rows, Cols: cols,
		Cells: make([][]Figures, len(rows)), RowTotals: make([]Figures, len(rows)), ColTotals: make([]Figures, len(cols))}
	colIx := index(cols)
	for i, row := range rows {
		m.Cells[i] = make([]Figures, len(cols))
		for k, colIDs := range columnsOf {
			d, s := demand.Cells[RowCategory{row.ID, k}], supply.Cells[RowCategory{row.ID, k}]
			for _, c := range colIDs {
				j := colIx[c]
				m.Cells[i][j].Demand += d
				m.Cells[i][j].Supply += s
			}
			m.RowTotals[i].Demand += d
			m.RowTotals[i].Supply += s
		}
	}
	for k, colIDs := range columnsOf {
		d, s := demand.Totals[k], supply.Totals[k]
		for _, c := range colIDs {
			j := colIx[c]
			m.ColTotals[j].Demand += d
			m.ColTotals[j].Supply += s
		}
		m.Total.Demand += d
		m.Total.Supply += s
	}
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
