package graph

import (
	"context"

	"github.com/coopgraph/coopgraph/graph/model"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/matrix"
)

// matrixQuery is the query of a matrix's arguments, with their defaults.
func matrixQuery(scopeID string, rowLevel *domain.TerritoryLevel, categoryIDs, targetGroupIDs []string, dom *domain.ServiceDomain, year *int) matrix.Query {
	return matrix.Query{ScopeID: scopeID, RowLevel: defaultOr(rowLevel, matrix.DefaultRowLevel), CategoryIDs: categoryIDs,
		TargetGroupIDs: targetGroupIDs, Domain: defaultOr(dom, ""), Year: defaultOr(year, 0)}
}

// matrixRows turns a matrix into its rows of cells; the cells share one
// matrix.Details, so their costly fields cost one query for the whole matrix.
func matrixRows(src matrix.Source, m *matrix.Matrix) []*model.MatrixRow {
	d := matrix.NewDetails(src, m)
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

// serviceGaps is the API's view of the gaps of m (see matrix.GapsNearby).
func serviceGaps(ctx context.Context, src matrix.Source, m *matrix.Matrix, minGap int64, first int) ([]*model.ServiceGap, error) {
	gaps, err := matrix.GapsNearby(ctx, src, m, minGap, first)
	if err != nil {
		return nil, err
	}
	d := matrix.NewDetails(src, m)
	out := make([]*model.ServiceGap, len(gaps))
	for k, g := range gaps {
		cell := &model.MatrixCell{Territory: m.Rows[g.Row], Category: m.Cols[g.Col], Figures: g.Figures, Details: d}
		out[k] = &model.ServiceGap{Cell: cell, Nearby: g.Nearby}
	}
	return out, nil
}
