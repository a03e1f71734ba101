package store

import (
	"context"
	"fmt"
	"slices"

	"github.com/coopgraph/coopgraph/internal/cooperation"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/matrix"
)

// The services and needs of an area's categories and their sub-categories.
var (
	AreaServices = Hop{Name: "CooperationArea.services", From: LabelCooperationArea, To: LabelService,
		Pattern: "(p)-[:INCLUDES_CATEGORY]->(:ServiceCategory)<-[:SUBCATEGORY_OF*0..]-(:ServiceCategory)<-[:IN_CATEGORY]-(c:Service)",
		Where:   "c.status = 'ACTIVE'", Order: "c.name", Distinct: true}
	AreaNeeds = Hop{Name: "CooperationArea.needs", From: LabelCooperationArea, To: LabelNeed,
		Pattern: "(p)-[:INCLUDES_CATEGORY]->(:ServiceCategory)<-[:SUBCATEGORY_OF*0..]-(:ServiceCategory)<-[:FOR_CATEGORY]-(c:Need)",
		Order:   "c.volume DESC", Distinct: true}
)

// scopeProblems checks the scope and target groups of an area analysis;
// it runs only when the analysis found nothing, to tell why.
func (s *Store) scopeProblems(ctx context.Context, scopeID string, groups []string, area string) error {
	// Returns whether the scope (and area) exist and the unknown groups.
	recs, err := s.read(ctx, `RETURN EXISTS { MATCH (:Territory {id: $scope}) } AS scope,
  $area IS NULL OR EXISTS { MATCH (:CooperationArea {id: $area}) } AS area,
  [id IN $groups WHERE NOT EXISTS { MATCH (:TargetGroup {id: id}) }] AS unknownGroups`,
		map[string]any{"scope": scopeID, "groups": nonNil(groups), "area": nilIfEmpty(area)})
	if err != nil {
		return err
	}
	r := rowOf(recs[0])
	scopeFound, areaFound, unknownGroups := col[bool](r, "scope"), col[bool](r, "area"), col[[]any](r, "unknownGroups")
	if err := r.Err(); err != nil {
		return fmt.Errorf("check scope %q: %w", scopeID, err)
	}
	var ps domain.Problems
	if !areaFound {
		ps = append(ps, domain.Problem{Field: "areaId", Message: fmt.Sprintf("no cooperation area with id %q", area)})
	}
	if !scopeFound {
		ps = append(ps, domain.Problem{Field: "scopeId", Message: fmt.Sprintf("no territory with id %q", scopeID)})
	}
	for _, id := range unknownGroups {
		ps = append(ps, domain.Problem{Field: fmt.Sprintf("targetGroupIds[%d]", slices.Index(groups, id.(string))),
			Message: fmt.Sprintf("no target group with id %q", id)})
	}
	if len(ps) > 0 {
		return ps
	}
	return nil
}

// AreaOverviews returns the areas (all when areaIDs is nil) in the scope
// of q, by name. Demand and supply follow the matrix's rules with the
// scope as the one row and the area's categories as the columns.
func (s *Store) AreaOverviews(ctx context.Context, q matrix.Query, areaIDs []string) ([]*cooperation.Overview, error) {
	var areas any
	if areaIDs != nil {
		areas = areaIDs
	}
	groups := ""
	if len(q.TargetGroupIDs) > 0 {
		groups = " AND EXISTS { (x)-[:FOR_GROUP]->(g:TargetGroup) WHERE g.id IN $groups }"
	}
	// Returns per area: the area, the scope, its members in the scope, its
	// partnerships there (and how many are cross-sector), and the demand
	// and supply of its categories there.
	cypher := `MATCH (s:Territory {id: $scope})
MATCH (a:CooperationArea) WHERE $areas IS NULL OR a.id IN $areas
WITH s, a, COLLECT { MATCH (a)-[:INCLUDES_CATEGORY]->(:ServiceCategory)<-[:SUBCATEGORY_OF*0..]-(k:ServiceCategory) RETURN DISTINCT k } AS cats
CALL (s, a) {
  MATCH (p:Partnership)-[:COVERS_AREA]->(a)
  WHERE EXISTS { (p)-[:IN_TERRITORY]->(:Territory)-[:PART_OF*0..]->(s) }
     OR EXISTS { (p)<-[:PARTY_TO]-(:Stakeholder)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(s) }
  RETURN count(p) AS partnerships,
    count(CASE WHEN EXISTS { (p)<-[:PARTY_TO]-(:Stakeholder {sector: 'PUBLIC'}) }
                AND EXISTS { (p)<-[:PARTY_TO]-(o:Stakeholder) WHERE o.sector IN ['NON_PROFIT', 'PRIVATE'] } THEN 1 END) AS crossSector
}
CALL (s, cats) {
  MATCH (s)<-[:PART_OF*0..]-(t:Territory)
  WITH DISTINCT t
  MATCH (t)<-[:IN_TERRITORY]-(x:Need)
  ` + needFilter(q) + `MATCH (x)-[:FOR_CATEGORY]->(k) WHERE k IN cats
  RETURN sum(x.volume) AS demand
}
CALL (s, cats) {
  CALL (s) {
    MATCH (s)-[:PART_OF*0..]->(c:Territory) RETURN c
    UNION
    MATCH (s)<-[:PART_OF*1..]-(c:Territory) RETURN c
  }
  MATCH (c)<-[:COVERS]-(x:Service)-[:IN_CATEGORY]->(k)
  WHERE k IN cats AND x.status = 'ACTIVE'` + groups + `
  WITH DISTINCT x
  RETURN sum(coalesce(x.capacity, 0)) AS supply
}
RETURN a, s,
  COLLECT { MATCH (m:Stakeholder)-[:ACTIVE_IN]->(a) WHERE EXISTS { (m)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(s) } RETURN m } AS members,
  partnerships, crossSector, demand, supply
ORDER BY a.name, a.id`
	params := matrixParams(q)
	params["areas"] = areas
	recs, err := s.read(ctx, cypher, params)
	if err != nil {
		return nil, fmt.Errorf("area overviews: %w", err)
	}
	if len(recs) == 0 || len(q.TargetGroupIDs) > 0 {
		if err := s.scopeProblems(ctx, q.ScopeID, q.TargetGroupIDs, ""); err != nil {
			return nil, err
		}
	}
	out := make([]*cooperation.Overview, 0, len(recs))
	for _, rec := range recs {
		r := rowOf(rec)
		o := &cooperation.Overview{Partnerships: int(col[int64](r, "partnerships")), CrossSectorPartnerships: int(col[int64](r, "crossSector")),
			Figures: matrix.Figures{Demand: col[int64](r, "demand"), Supply: col[int64](r, "supply")}}
		area, scope, memberVals := col[any](r, "a"), col[any](r, "s"), col[[]any](r, "members")
		if err := r.Err(); err != nil {
			return nil, fmt.Errorf("area overviews: %w", err)
		}
		if o.Area, err = decodeValue[domain.CooperationArea](area); err != nil {
			return nil, err
		}
		if len(out) > 0 {
			o.Scope = out[0].Scope // one scope for all, so that its fields load once
		} else if o.Scope, err = decodeValue[domain.Territory](scope); err != nil {
			return nil, err
		}
		members, err := decodeAll[domain.Stakeholder](memberVals)
		if err != nil {
			return nil, err
		}
		o.ActiveStakeholders, o.StakeholderCounts = len(members), cooperation.CountStakeholders(members)
		out = append(out, o)
	}
	return out, nil
}

// AreaMembers returns what cooperation.Rank needs to know of the
// stakeholders active in an area and located in a scope, with the area's
// categories and every target group (to name them in reasons).
func (s *Store) AreaMembers(ctx context.Context, areaID, scopeID string) ([]cooperation.Member, error) {
	// Returns one row per member: it, its territory and that territory's
	// neighbours, the area's categories it provides, the groups it serves,
	// the area's categories needed in its territory, and its partners.
	cypher := `MATCH (a:CooperationArea {id: $area}), (s:Territory {id: $scope})
MATCH (m:Stakeholder)-[:ACTIVE_IN]->(a)
WHERE EXISTS { (m)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..]->(s) }
MATCH (m)-[:LOCATED_IN]->(t:Territory)
RETURN ` + visible(LabelStakeholder, "m") + ` AS m, t.id AS territory,
  COLLECT { MATCH (t)-[n:NEIGHBOUR_OF]-(o:Territory) RETURN [o.id, n.distanceKm] } AS neighbours,
  COLLECT { MATCH (m)-[:PROVIDES]->(:Service {status: 'ACTIVE'})-[:IN_CATEGORY]->(:ServiceCategory)-[:SUBCATEGORY_OF*0..]->(c:ServiceCategory)<-[:INCLUDES_CATEGORY]-(a)
            RETURN DISTINCT c.id ORDER BY c.id } AS provides,
  COLLECT { MATCH (m)-[:PROVIDES]->(:Service {status: 'ACTIVE'})-[:FOR_GROUP]->(g:TargetGroup) RETURN DISTINCT g.id ORDER BY g.id } AS serves,
  COLLECT { MATCH (a)-[:INCLUDES_CATEGORY]->(c:ServiceCategory)
            CALL (c, t) {
              MATCH (t)<-[:PART_OF*0..]-(:Territory)<-[:IN_TERRITORY]-(n:Need)-[:FOR_CATEGORY]->(:ServiceCategory)-[:SUBCATEGORY_OF*0..]->(c)
              WITH DISTINCT n
              RETURN sum(n.volume) AS volume
            }
            WITH c, volume WHERE volume > 0
            RETURN [c.id, volume] ORDER BY c.id } AS demand,
  COLLECT { MATCH (m)-[:PARTY_TO]->(:Partnership)<-[:PARTY_TO]-(o:Stakeholder) RETURN DISTINCT o.id } AS partners`
	recs, err := s.read(ctx, cypher, withAccess(ctx, map[string]any{"area": areaID, "scope": scopeID}))
	if err != nil {
		return nil, fmt.Errorf("area members: %w", err)
	}
	if len(recs) == 0 {
		if err := s.scopeProblems(ctx, scopeID, nil, areaID); err != nil {
			return nil, err
		}
	}
	out := make([]cooperation.Member, 0, len(recs))
	for _, rec := range recs {
		r := rowOf(rec)
		m := cooperation.Member{Territory: col[string](r, "territory"), Neighbours: map[string]float64{},
			Provides: stringList(col[[]any](r, "provides")), Serves: stringList(col[[]any](r, "serves")), Demand: map[string]int64{},
			Partners: stringList(col[[]any](r, "partners"))}
		stakeholder, neighbours, demand := col[any](r, "m"), col[[]any](r, "neighbours"), col[[]any](r, "demand")
		if err := r.Err(); err != nil {
			return nil, fmt.Errorf("area members: %w", err)
		}
		if m.Stakeholder, err = decodeValue[domain.Stakeholder](stakeholder); err != nil {
			return nil, err
		}
		for _, v := range neighbours {
			pair := v.([]any)
			m.Neighbours[pair[0].(string)] = pair[1].(float64)
		}
		for _, v := range demand {
			pair := v.([]any)
			m.Demand[pair[0].(string)] = pair[1].(int64)
		}
		out = append(out, m)
	}
	return out, nil
}
