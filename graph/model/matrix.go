package model

import (
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/matrix"
)

// MatrixRow is a row of a supply–demand matrix.
type MatrixRow struct {
	Territory *domain.Territory
	Cells     []*MatrixCell
	Total     matrix.Figures
}

// MatrixColumn is a column of a supply–demand matrix.
type MatrixColumn struct {
	Category *domain.ServiceCategory
	Total    matrix.Figures
}

// MatrixCell is a cell of a supply–demand matrix. Its costly fields
// (providers, nearest supply) come from Details, which loads them for all
// the cells of the matrix at once.
type MatrixCell struct {
	Territory *domain.Territory
	Category  *domain.ServiceCategory
	matrix.Figures
	Details *matrix.Details
}

// Key names the cell by its row's and column's ids.
func (c *MatrixCell) Key() matrix.CellKey {
	return matrix.CellKey{Row: c.Territory.ID, Col: c.Category.ID}
}

// ServiceGap is a cell with unmet demand and the territories nearby that
// have supply.
type ServiceGap struct {
	Cell   *MatrixCell
	Nearby []matrix.Nearby
}

// Opportunity is a pair of stakeholders that could cooperate.
type Opportunity struct {
	A, B    *domain.Stakeholder
	Score   int
	Reasons []*OpportunityReason
}

// OpportunityReason is one reason of an Opportunity, with its records.
type OpportunityReason struct {
	Kind        string
	Provider    *domain.Stakeholder
	InNeed      *domain.Stakeholder
	Category    *domain.ServiceCategory
	Demand      *int64
	TargetGroup *domain.TargetGroup
	DistanceKm  *float64
}
