package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/matrix"
)

// The supply–demand matrix's graph work. A row is reached by a need when
// the need is in the row's territory or below it; by a service when the
// service covers the row's territory, an ancestor of it (a whole district)
// or a territory inside it. A column is reached through the category's
// sub-categories. The queries answer sums by row and category (see
// matrix.Side), so the whole matrix costs three queries however many cells
// it has.

// levelRank orders territory levels from the widest.
func levelRank(l domain.TerritoryLevel) int { return slices.Index(domain.TerritoryLevels, l) }

// MatrixAxes checks a matrix query's ids and returns its axes: the scope,
// the rows (the territories of the row level inside the scope, by name) and
// the columns (the categories asked for in that order, or by name every
// top-level category, or with q.Leaves every category without
// sub-categories; those of another domain left out).
func (s *Store) MatrixAxes(ctx context.Context, q matrix.Query) (*matrix.Axes, error) {
	// Returns the scope, the rows, the columns each with the ids of its
	// category and sub-categories, and the ids asked for that do not exist.
	cypher := `OPTIONAL MATCH (s:Territory {id: $scope})
RETURN s,
  COLLECT { MATCH (s)<-[:PART_OF*0..]-(r:Territory) WHERE r.level = $level RETURN DISTINCT r ORDER BY r.name, r.id } AS rows,
  COLLECT { MATCH (c:ServiceCategory)
            WHERE ` + isColumn + `
            RETURN [c, COLLECT { MATCH (d:ServiceCategory)-[:SUBCATEGORY_OF*0..]->(c) RETURN DISTINCT d.id }] ORDER BY c.name, c.id } AS cols,
  [id IN $categories WHERE NOT EXISTS { MATCH (:ServiceCategory {id: id}) }] AS unknownCategories,
  [id IN $groups WHERE NOT EXISTS { MATCH (:TargetGroup {id: id}) }] AS unknownGroups`
	recs, err := s.read(ctx, cypher, matrixParams(q))
	if err != nil {
		return nil, fmt.Errorf("matrix axes: %w", err)
	}
	r := rowOf(recs[0])
	scope, rows, cols := col[any](r, "s"), col[[]any](r, "rows"), col[[]any](r, "cols")
	unknownCategories, unknownGroups := col[[]any](r, "unknownCategories"), col[[]any](r, "unknownGroups")
	if err := r.Err(); err != nil {
		return nil, fmt.Errorf("matrix axes: %w", err)
	}
	var ps domain.Problems
	for _, id := range unknownCategories {
		ps = append(ps, domain.Problem{Field: fmt.Sprintf("categoryIds[%d]", slices.Index(q.CategoryIDs, id.(string))),
			Message: fmt.Sprintf("no service category with id %q", id)})
	}
	for _, id := range unknownGroups {
		ps = append(ps, domain.Problem{Field: fmt.Sprintf("targetGroupIds[%d]", slices.Index(q.TargetGroupIDs, id.(string))),
			Message: fmt.Sprintf("no target group with id %q", id)})
	}
	if scope == nil {
		ps = append(domain.Problems{{Field: "scopeId", Message: fmt.Sprintf("no territory with id %q", q.ScopeID)}}, ps...)
		return nil, ps
	}
	a := &matrix.Axes{ColumnsOf: map[string][]string{}}
	if a.Scope, err = decodeValue[domain.Territory](scope); err != nil {
		return nil, err
	}
	if levelRank(q.RowLevel) < levelRank(a.Scope.Level) {
		ps = append(ps, domain.Problem{Field: "rowLevel",
			Message: fmt.Sprintf("%s is above the scope's level (%s %q is a %s); rows must be at its level or below", q.RowLevel, a.Scope.Name, a.Scope.ID, a.Scope.Level)})
	}
	if len(ps) > 0 {
		return nil, ps
	}
	if a.Rows, err = decodeAll[domain.Territory](rows); err != nil {
		return nil, err
	}
	for _, v := range cols {
		pair := v.([]any)
		c, err := decodeValue[domain.ServiceCategory](pair[0])
		if err != nil {
			return nil, err
		}
		a.Cols = append(a.Cols, c)
		for _, d := range stringList(pair[1]) {
			a.ColumnsOf[d] = append(a.ColumnsOf[d], c.ID)
		}
	}
	if len(q.CategoryIDs) > 0 { // the order asked for
		slices.SortStableFunc(a.Cols, func(x, y *domain.ServiceCategory) int {
			return slices.Index(q.CategoryIDs, x.ID) - slices.Index(q.CategoryIDs, y.ID)
		})
	}
	return a, nil
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

// matrixParams are the parameters of the matrix queries.
func matrixParams(q matrix.Query) map[string]any {
	var year any
	if q.Year != 0 {
		year = q.Year
	}
	return map[string]any{"scope": q.ScopeID, "level": string(q.RowLevel), "categories": nonNil(q.CategoryIDs),
		"leaves": q.Leaves, "domain": nilIfEmpty(string(q.Domain)), "groups": nonNil(q.TargetGroupIDs), "year": year}
}

// The matrix's axes as Cypher, so that its three queries can run at once:
// rowsOfScope binds rid to the id of every row (the territories of the row
// level in the scope or below it), and isColumn is true of a category c
// that is a column (those asked for, or by default the top-level ones, or
// with $leaves those without sub-categories; of the domain asked).
const (
	rowsOfScope = `MATCH (:Territory {id: $scope})<-[:PART_OF*0..]-(row:Territory) WHERE row.level = $level
WITH DISTINCT row.id AS rid
`
	isColumn = `(size($categories) = 0 AND CASE WHEN $leaves THEN NOT EXISTS { (c)<-[:SUBCATEGORY_OF]-() }
                                                  ELSE NOT EXISTS { (c)-[:SUBCATEGORY_OF]->() } END
                   OR c.id IN $categories)
              AND ($domain IS NULL OR c.domain = $domain)`
	// inColumns is true of a category k that is a column or below one.
	inColumns = `EXISTS { (k)-[:SUBCATEGORY_OF*0..]->(c:ServiceCategory) WHERE ` + isColumn + ` }`
)

// servicesOfRows binds, for every row id rid, the ACTIVE services s for the
// target groups asked that reach the row's territory; inColumn binds the
// column c of a service or a need x through the sub-categories. The
// providers and nearby queries use them.
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

// MatrixDemand returns the volumes of the needs in the rows, by row and
// category. Needs of one territory and category fall in the same rows, so
// the query sums them per territory before anything else: a country's
// 100,000 needs become a few thousand sums.
func (s *Store) MatrixDemand(ctx context.Context, q matrix.Query) (matrix.Side, error) {
	// Returns per territory under the rows (with the rows it is in) and per
	// category the summed volume of its needs.
	cypher := rowsOfScope + `MATCH (:Territory {id: rid})<-[:PART_OF*0..]-(t:Territory)
WITH t, collect(DISTINCT rid) AS rows
CALL (t) {
  MATCH (t)<-[:IN_TERRITORY]-(x:Need)
  ` + needFilter(q) + `MATCH (x)-[:FOR_CATEGORY]->(k:ServiceCategory)
  RETURN k, sum(x.volume) AS amount
}
WITH rows, k, amount WHERE ` + inColumns + `
RETURN rows, k.id AS category, amount`
	recs, err := s.read(ctx, cypher, matrixParams(q))
	if err != nil {
		return matrix.Side{}, fmt.Errorf("matrix demand: %w", err)
	}
	// A need is in one category: a group per category.
	groups := map[string]*matrix.Group{}
	var side matrix.Side
	for _, rec := range recs {
		row := rowOf(rec)
		k, amount, rows := col[string](row, "category"), col[int64](row, "amount"), col[[]any](row, "rows")
		if err := row.Err(); err != nil {
			return matrix.Side{}, fmt.Errorf("matrix demand: %w", err)
		}
		g := groups[k]
		if g == nil {
			g = &matrix.Group{Categories: []string{k}, Cells: map[string]int64{}}
			groups[k] = g
		}
		for _, r := range stringList(rows) {
			g.Cells[r] += amount
		}
		g.Total += amount // the needs of one territory: counted once
	}
	for _, g := range groups {
		side.Groups = append(side.Groups, *g)
	}
	return side, nil
}

// needFilter is the WHERE clause of the needs x the query asks for; empty
// when it asks for all (so that no property is read for nothing).
func needFilter(q matrix.Query) string {
	var conds []string
	if q.Year != 0 {
		conds = append(conds, "x.year = $year")
	}
	if len(q.TargetGroupIDs) > 0 {
		conds = append(conds, "EXISTS { (x)-[:OF_GROUP]->(g:TargetGroup) WHERE g.id IN $groups }")
	}
	if len(conds) == 0 {
		return ""
	}
	return "WHERE " + strings.Join(conds, " AND ") + "\n"
}

// MatrixSupply returns the capacities of the ACTIVE services that reach the
// rows, grouped by the set of their categories the columns include: by row,
// and in all counting each service once.
func (s *Store) MatrixSupply(ctx context.Context, q matrix.Query) (matrix.Side, error) {
	groups := ""
	if len(q.TargetGroupIDs) > 0 {
		groups = " AND EXISTS { (x)-[:FOR_GROUP]->(g:TargetGroup) WHERE g.id IN $groups }"
	}
	// Returns per set of categories (those of a service that the columns
	// include) the capacity of its services that reach any row (each once)
	// and the capacity per row. The territories that reach a row (it, its
	// ancestors, the territories inside it) are found first; a service gets
	// the union of the rows of the territories it covers.
	cypher := rowsOfScope + `MATCH (r:Territory {id: rid})
CALL (r) {
  MATCH (r)-[:PART_OF*0..]->(c:Territory) RETURN c
  UNION
  MATCH (r)<-[:PART_OF*1..]-(c:Territory) RETURN c
}
WITH c, collect(DISTINCT rid) AS rows
MATCH (c)<-[:COVERS]-(x:Service)
WITH x, collect(rows) AS lists
WHERE x.status = 'ACTIVE'` + groups + `
WITH x, coalesce(x.capacity, 0) AS capacity,
  CASE size(lists) WHEN 1 THEN lists[0] ELSE reduce(acc = [], l IN lists | acc + [y IN l WHERE NOT y IN acc]) END AS rows,
  COLLECT { MATCH (x)-[:IN_CATEGORY]->(k:ServiceCategory) WHERE ` + inColumns + ` RETURN k.id ORDER BY k.id } AS ks
WHERE size(ks) > 0
WITH ks, sum(capacity) AS total, collect([rows, capacity]) AS services
RETURN ks AS categories, total,
  COLLECT { UNWIND services AS sv UNWIND sv[0] AS rid WITH rid, sum(sv[1]) AS amount RETURN [rid, amount] } AS cells`
	recs, err := s.read(ctx, cypher, matrixParams(q))
	if err != nil {
		return matrix.Side{}, fmt.Errorf("matrix supply: %w", err)
	}
	var side matrix.Side
	for _, rec := range recs {
		r := rowOf(rec)
		ks, total, cells := col[[]any](r, "categories"), col[int64](r, "total"), col[[]any](r, "cells")
		if err := r.Err(); err != nil {
			return matrix.Side{}, fmt.Errorf("matrix supply: %w", err)
		}
		g := matrix.Group{Categories: stringList(ks), Cells: make(map[string]int64, len(cells)), Total: total}
		for _, v := range cells {
			cell := v.([]any)
			g.Cells[cell[0].(string)] = cell[1].(int64)
		}
		side.Groups = append(side.Groups, g)
	}
	return side, nil
}

func stringList(v any) []string {
	vals, _ := v.([]any)
	out := make([]string, len(vals))
	for i, x := range vals {
		out[i], _ = x.(string)
	}
	return out
}

// MatrixProviders returns, per cell, the stakeholders that provide an
// active service of the column: local ones are located in the row's
// territory or below it; the others (local false) are those whose services
// reach the row. By name.
func (s *Store) MatrixProviders(ctx context.Context, q matrix.Query, rows, cols []string, local bool) (map[matrix.CellKey][]*domain.Stakeholder, error) {
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
	params := matrixParams(q)
	params["rows"], params["cols"] = rows, cols
	recs, err := s.read(ctx, cypher, withAccess(ctx, params))
	if err != nil {
		return nil, fmt.Errorf("matrix providers: %w", err)
	}
	out := make(map[matrix.CellKey][]*domain.Stakeholder, len(recs))
	for _, rec := range recs {
		r := rowOf(rec)
		key, providers := matrix.CellKey{Row: col[string](r, "rid"), Col: col[string](r, "cid")}, col[[]any](r, "providers")
		if err := r.Err(); err != nil {
			return nil, fmt.Errorf("matrix providers: %w", err)
		}
		ps, err := decodeAll[domain.Stakeholder](providers)
		if err != nil {
			return nil, err
		}
		out[key] = ps
	}
	return out, nil
}

// MatrixNearby returns, for each cell, up to limit territories within
// matrix.MaxNearbyHops NEIGHBOUR_OF links of the row's territory that have supply
// in the column (the same rule as the matrix's), nearest first.
func (s *Store) MatrixNearby(ctx context.Context, q matrix.Query, cells []matrix.CellKey, limit int) (map[matrix.CellKey][]matrix.Nearby, error) {
	list := make([]map[string]any, len(cells))
	for i, c := range cells {
		list[i] = map[string]any{"row": c.Row, "col": c.Col}
	}
	// Returns per cell the nearest territories with supply in the column,
	// each with its distance, hops and supply.
	cypher := `UNWIND $cells AS cell
MATCH (r:Territory {id: cell.row})
CALL (r, cell) {
  MATCH path = (r)-[:NEIGHBOUR_OF*1..` + fmt.Sprint(matrix.MaxNearbyHops) + `]-(t:Territory)
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
	out := make(map[matrix.CellKey][]matrix.Nearby, len(recs))
	for _, rec := range recs {
		r := rowOf(rec)
		key, nearby := matrix.CellKey{Row: col[string](r, "row"), Col: col[string](r, "col")}, col[[]any](r, "nearby")
		if err := r.Err(); err != nil {
			return nil, fmt.Errorf("matrix nearby: %w", err)
		}
		for _, v := range nearby {
			row := v.([]any)
			t, err := decodeValue[domain.Territory](row[0])
			if err != nil {
				return nil, err
			}
			out[key] = append(out[key], matrix.Nearby{Territory: t, DistanceKm: row[1].(float64), Hops: int(row[2].(int64)), Supply: row[3].(int64)})
		}
	}
	return out, nil
}

func keysOf[T interface{ Key() string }](items []T) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Key()
	}
	return out
}
