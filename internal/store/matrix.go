package store

import (
	"context"
	"fmt"
	"slices"

	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/matrix"
)

// The supply–demand matrix's graph work. A row is reached by a need when
// the need is in the row's territory or below it; by a service when the
// service covers the row's territory, an ancestor of it (a whole district)
// or a territory inside it. A column is reached through the category's
// sub-categories. Each query answers groups (see package matrix), so the
// whole matrix costs three queries however many cells it has.

// levelRank orders territory levels from the widest.
func levelRank(l domain.TerritoryLevel) int { return slices.Index(domain.TerritoryLevels, l) }

// MatrixAxes checks a matrix query's ids and returns its scope, its rows
// (the territories of the row level inside the scope, by name) and its
// columns (the categories asked for in that order, or by name every
// top-level category, or with q.Leaves every category without
// sub-categories; those of another domain left out).
func (s *Store) MatrixAxes(ctx context.Context, q matrix.Query) (*domain.Territory, []*domain.Territory, []*domain.ServiceCategory, error) {
	// Returns the scope, the rows, the columns and the ids asked for that
	// do not exist.
	const cypher = `OPTIONAL MATCH (s:Territory {id: $scope})
RETURN s,
  COLLECT { MATCH (r:Territory {level: $level})-[:PART_OF*0..]->(s) RETURN DISTINCT r ORDER BY r.name, r.id } AS rows,
  COLLECT { MATCH (c:ServiceCategory)
            WHERE (size($categories) = 0 AND CASE WHEN $leaves THEN NOT EXISTS { (c)<-[:SUBCATEGORY_OF]-() }
                                                  ELSE NOT EXISTS { (c)-[:SUBCATEGORY_OF]->() } END
                   OR c.id IN $categories)
              AND ($domain IS NULL OR c.domain = $domain)
            RETURN c ORDER BY c.name, c.id } AS cols,
  [id IN $categories WHERE NOT EXISTS { MATCH (:ServiceCategory {id: id}) }] AS unknownCategories,
  [id IN $groups WHERE NOT EXISTS { MATCH (:TargetGroup {id: id}) }] AS unknownGroups`
	recs, err := s.read(ctx, cypher, map[string]any{"scope": q.ScopeID, "level": string(q.RowLevel),
		"categories": nonNil(q.CategoryIDs), "groups": nonNil(q.TargetGroupIDs), "domain": nilIfEmpty(string(q.Domain)), "leaves": q.Leaves})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("matrix axes: %w", err)
	}
	rec := recs[0]
	var ps domain.Problems
	for _, id := range rec.Values[3].([]any) {
		ps = append(ps, domain.Problem{Field: fmt.Sprintf("categoryIds[%d]", slices.Index(q.CategoryIDs, id.(string))),
			Message: fmt.Sprintf("no service category with id %q", id)})
	}
	for _, id := range rec.Values[4].([]any) {
		ps = append(ps, domain.Problem{Field: fmt.Sprintf("targetGroupIds[%d]", slices.Index(q.TargetGroupIDs, id.(string))),
			Message: fmt.Sprintf("no target group with id %q", id)})
	}
	if rec.Values[0] == nil {
		ps = append(domain.Problems{{Field: "scopeId", Message: fmt.Sprintf("no territory with id %q", q.ScopeID)}}, ps...)
		return nil, nil, nil, ps
	}
	scope, err := decodeValue[domain.Territory](rec.Values[0])
	if err != nil {
		return nil, nil, nil, err
	}
	if levelRank(q.RowLevel) < levelRank(scope.Level) {
		ps = append(ps, domain.Problem{Field: "rowLevel",
			Message: fmt.Sprintf("%s is above the scope's level (%s %q is a %s); rows must be at its level or below", q.RowLevel, scope.Name, scope.ID, scope.Level)})
	}
	if len(ps) > 0 {
		return nil, nil, nil, ps
	}
	rows, err := decodeAll[domain.Territory](rec.Values[1].([]any))
	if err != nil {
		return nil, nil, nil, err
	}
	cols, err := decodeAll[domain.ServiceCategory](rec.Values[2].([]any))
	if err != nil {
		return nil, nil, nil, err
	}
	if len(q.CategoryIDs) > 0 { // the order asked for
		slices.SortStableFunc(cols, func(a, b *domain.ServiceCategory) int {
			return slices.Index(q.CategoryIDs, a.ID) - slices.Index(q.CategoryIDs, b.ID)
		})
	}
	return scope, rows, cols, nil
}

func decodeAll[T any](vals []any) ([]*T, error) {
	out := make([]*T, 0, len(vals))
	for _, v := range vals {
		t, err := decodeValue[T](v)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

func nonNil(ids []string) []string {
	if ids == nil {
		return []string{}
	}
	return ids
}

func matrixParams(q matrix.Query, rows, cols []string) map[string]any {
	var year any
	if q.Year != 0 {
		year = q.Year
	}
	return map[string]any{"rows": rows, "cols": cols, "groups": nonNil(q.TargetGroupIDs), "year": year}
}

// Cypher fragments shared by the matrix queries. servicesOfRows binds, for
// every row id rid, the ACTIVE services s for the target groups asked that
// reach the row's territory; inColumn binds the column c of a service or a
// need x through the sub-categories.
const (
	servicesOfRows = `UNWIND $rows AS rid
MATCH (r:Territory {id: rid})
CALL (r) {
  MATCH (r)-[:PART_OF*0..]->(:Territory)<-[:COVERS]-(s:Service) RETURN s
  UNION
  MATCH (r)<-[:PART_OF*1..]-(:Territory)<-[:COVERS]-(s:Service) RETURN s
}
WITH DISTINCT s, rid
WHERE s.status = 'ACTIVE' AND (size($groups) = 0 OR EXISTS { (s)-[:FOR_GROUP]->(g:TargetGroup) WHERE g.id IN $groups })
`
	inColumn = `MATCH (x)-[:%s]->(:ServiceCategory)-[:SUBCATEGORY_OF*0..]->(c:ServiceCategory) WHERE c.id IN $cols
`
)

// MatrixDemand returns the needs in the rows and columns, in groups.
func (s *Store) MatrixDemand(ctx context.Context, q matrix.Query, rows, cols []string) ([]matrix.Group, error) {
	// Returns, per set of rows and set of columns, the summed volume of the
	// needs that fall in exactly those.
	cypher := `UNWIND $rows AS rid
MATCH (:Territory {id: rid})<-[:PART_OF*0..]-(:Territory)<-[:IN_TERRITORY]-(x:Need)
WHERE ($year IS NULL OR x.year = $year)
  AND (size($groups) = 0 OR EXISTS { (x)-[:OF_GROUP]->(g:TargetGroup) WHERE g.id IN $groups })
WITH DISTINCT x, rid ORDER BY rid
WITH x, collect(rid) AS rows
` + fmt.Sprintf(inColumn, "FOR_CATEGORY") + `WITH DISTINCT x, rows, c.id AS cid ORDER BY cid
WITH x, rows, collect(cid) AS cols
RETURN rows, cols, sum(x.volume) AS amount`
	return s.groups(ctx, "demand", cypher, matrixParams(q, rows, cols))
}

// MatrixSupply returns the active services that reach the rows and
// columns, in groups.
func (s *Store) MatrixSupply(ctx context.Context, q matrix.Query, rows, cols []string) ([]matrix.Group, error) {
	// Returns, per set of rows and set of columns, the summed capacity of
	// the services that reach exactly those (unknown capacity counts 0).
	cypher := servicesOfRows + `WITH s AS x, rid ORDER BY rid
WITH x, collect(rid) AS rows
` + fmt.Sprintf(inColumn, "IN_CATEGORY") + `WITH DISTINCT x, rows, c.id AS cid ORDER BY cid
WITH x, rows, collect(cid) AS cols
RETURN rows, cols, sum(coalesce(x.capacity, 0)) AS amount`
	return s.groups(ctx, "supply", cypher, matrixParams(q, rows, cols))
}

func (s *Store) groups(ctx context.Context, what, cypher string, params map[string]any) ([]matrix.Group, error) {
	recs, err := s.read(ctx, cypher, params)
	if err != nil {
		return nil, fmt.Errorf("matrix %s: %w", what, err)
	}
	out := make([]matrix.Group, len(recs))
	for i, rec := range recs {
		out[i] = matrix.Group{Rows: stringList(rec.Values[0]), Cols: stringList(rec.Values[1]), Amount: rec.Values[2].(int64)}
	}
	return out, nil
}

func stringList(v any) []string {
	vals, _ := v.([]any)
	out := make([]string, len(vals))
	for i, x := range vals {
		out[i], _ = x.(string)
	}
	return out
}

// CellKey names a cell by its row's and column's ids.
type CellKey struct{ Row, Col string }

// MatrixProviders returns, per cell, the stakeholders that provide an
// active service of the column: local ones are located in the row's
// territory or below it; the others (local false) are those whose services
// reach the row. By name.
func (s *Store) MatrixProviders(ctx context.Context, q matrix.Query, rows, cols []string, local bool) (map[CellKey][]*domain.Stakeholder, error) {
	cypher := servicesOfRows + `MATCH (p:Stakeholder)-[:PROVIDES]->(s)
WITH s AS x, p, rid
`
	if local {
		cypher = `UNWIND $rows AS rid
MATCH (:Territory {id: rid})<-[:PART_OF*0..]-(:Territory)<-[:LOCATED_IN]-(p:Stakeholder)-[:PROVIDES]->(x:Service {status: 'ACTIVE'})
WHERE size($groups) = 0 OR EXISTS { (x)-[:FOR_GROUP]->(g:TargetGroup) WHERE g.id IN $groups }
`
	}
	// Returns per row and column the providers, by name.
	cypher += fmt.Sprintf(inColumn, "IN_CATEGORY") + `WITH DISTINCT rid, c.id AS cid, p ORDER BY p.name, p.id
RETURN rid, cid, collect(` + visible(LabelStakeholder, "p") + `) AS providers`
	recs, err := s.read(ctx, cypher, withAccess(ctx, matrixParams(q, rows, cols)))
	if err != nil {
		return nil, fmt.Errorf("matrix providers: %w", err)
	}
	out := make(map[CellKey][]*domain.Stakeholder, len(recs))
	for _, rec := range recs {
		ps, err := decodeAll[domain.Stakeholder](rec.Values[2].([]any))
		if err != nil {
			return nil, err
		}
		out[CellKey{rec.Values[0].(string), rec.Values[1].(string)}] = ps
	}
	return out, nil
}

// Nearby is a territory near a cell's row with supply in its column.
type Nearby struct {
	Territory  *domain.Territory
	DistanceKm float64 // along NEIGHBOUR_OF links, the shortest found
	Hops       int
	Supply     int64 // capacity of the column's active services that reach it
}

// MaxNearbyHops bounds the search for nearby supply along NEIGHBOUR_OF.
const MaxNearbyHops = 3

// MatrixNearby returns, for each cell, up to limit territories within
// MaxNearbyHops NEIGHBOUR_OF links of the row's territory that have supply
// in the column (the same rule as the matrix's), nearest first.
func (s *Store) MatrixNearby(ctx context.Context, q matrix.Query, cells []CellKey, limit int) (map[CellKey][]Nearby, error) {
	list := make([]map[string]any, len(cells))
	for i, c := range cells {
		list[i] = map[string]any{"row": c.Row, "col": c.Col}
	}
	// Returns per cell the nearest territories with supply in the column,
	// each with its distance, hops and supply.
	cypher := `UNWIND $cells AS cell
MATCH (r:Territory {id: cell.row})
CALL (r, cell) {
  MATCH path = (r)-[:NEIGHBOUR_OF*1..` + fmt.Sprint(MaxNearbyHops) + `]-(t:Territory)
  WHERE t <> r
  WITH t, reduce(km = 0.0, l IN relationships(path) | km + l.distanceKm) AS km, length(path) AS hops
  ORDER BY km, hops
  WITH t, collect([km, hops])[0] AS best
  WITH t, best[0] AS km, best[1] AS hops, COLLECT {
    MATCH (t)-[:PART_OF*0..]->(:Territory)<-[:COVERS]-(s:Service) RETURN s
    UNION
    MATCH (t)<-[:PART_OF*1..]-(:Territory)<-[:COVERS]-(s:Service) RETURN s
  } AS reaching
  WITH t, km, hops, [s IN reaching WHERE s.status = 'ACTIVE'
      AND (size($groups) = 0 OR EXISTS { (s)-[:FOR_GROUP]->(g:TargetGroup) WHERE g.id IN $groups })
      AND EXISTS { (s)-[:IN_CATEGORY]->(:ServiceCategory)-[:SUBCATEGORY_OF*0..]->(:ServiceCategory {id: cell.col}) }] AS services
  WHERE size(services) > 0
  RETURN t, km, hops, reduce(n = 0, s IN services | n + coalesce(s.capacity, 0)) AS supply
  ORDER BY km, hops, t.id LIMIT $limit
}
RETURN cell.row AS row, cell.col AS col, collect([t, km, hops, supply]) AS nearby`
	recs, err := s.read(ctx, cypher, map[string]any{"cells": list, "limit": limit, "groups": nonNil(q.TargetGroupIDs)})
	if err != nil {
		return nil, fmt.Errorf("matrix nearby: %w", err)
	}
	out := make(map[CellKey][]Nearby, len(recs))
	for _, rec := range recs {
		key := CellKey{rec.Values[0].(string), rec.Values[1].(string)}
		for _, v := range rec.Values[2].([]any) {
			row := v.([]any)
			t, err := decodeValue[domain.Territory](row[0])
			if err != nil {
				return nil, err
			}
			out[key] = append(out[key], Nearby{Territory: t, DistanceKm: row[1].(float64), Hops: int(row[2].(int64)), Supply: row[3].(int64)})
		}
	}
	return out, nil
}

// Matrix builds the supply–demand matrix of q: the axes, then demand and
// supply at once (three queries, two round trips of time).
func (s *Store) Matrix(ctx context.Context, q matrix.Query) (*matrix.Matrix, error) {
	scope, rows, cols, err := s.MatrixAxes(ctx, q)
	if err != nil {
		return nil, err
	}
	rowIDs, colIDs := keysOf(rows), keysOf(cols)
	var (
		supply    []matrix.Group
		supplyErr error
		done      = make(chan struct{})
	)
	go func() {
		defer close(done)
		supply, supplyErr = s.MatrixSupply(ctx, q, rowIDs, colIDs)
	}()
	demand, err := s.MatrixDemand(ctx, q, rowIDs, colIDs)
	<-done
	if err != nil {
		return nil, err
	}
	if supplyErr != nil {
		return nil, supplyErr
	}
	return matrix.Build(q, scope, rows, cols, demand, supply), nil
}

func keysOf[T interface{ Key() string }](items []T) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Key()
	}
	return out
}
