package model

import (
	"context"

	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/matrix"
	"github.com/coopgraph/coopgraph/internal/store"
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
	Details CellDetails
}

// Key names the cell by its row's and column's ids.
func (c *MatrixCell) Key() store.CellKey {
	return store.CellKey{Row: c.Territory.ID, Col: c.Category.ID}
}

// CellDetails answers the costly fields of a matrix's cells.
type CellDetails interface {
	Providers(ctx context.Context, c *MatrixCell, local bool) ([]*domain.Stakeholder, error)
	Nearest(ctx context.Context, c *MatrixCell) (*store.Nearby, error)
}

// ServiceGap is a cell with unmet demand and the territories nearby that
// have supply.
type ServiceGap struct {
	Cell   *MatrixCell
	Nearby []store.Nearby
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
