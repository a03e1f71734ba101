package store

import (
	"context"
	"fmt"
	"slices"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/referral"
)

// ReferralStart checks the ids of q and loads what the search starts from.
// A COORDINATOR may only search from its own stakeholder.
func (s *Store) ReferralStart(ctx context.Context, q referral.Query) (*referral.Start, error) {
	if who, ok := auth.From(ctx); ok && who.Role == auth.Coordinator && who.StakeholderID != q.FromID {
		return nil, forbidden("a COORDINATOR may only search referral paths from its own stakeholder (%s)", who.StakeholderID)
	}
	// Returns the coordinator, the person's territory (the coordinator's by
	// default), the category with the ids of it and its ancestors, and the
	// target groups asked for that do not exist.
	const cypher = `OPTIONAL MATCH (f:Stakeholder {id: $from})
OPTIONAL MATCH (c:ServiceCategory {id: $category})
RETURN f,
  CASE WHEN $territory IS NULL THEN COLLECT { MATCH (f)-[:LOCATED_IN]->(t:Territory) RETURN t }[0]
       ELSE COLLECT { MATCH (t:Territory {id: $territory}) RETURN t }[0] END AS t,
  c, COLLECT { MATCH (c)-[:SUBCATEGORY_OF*0..]->(a:ServiceCategory) RETURN a.id } AS categories,
  [id IN $groups WHERE NOT EXISTS { MATCH (:TargetGroup {id: id}) }] AS unknownGroups`
	recs, err := s.read(ctx, cypher, withAccess(ctx, map[string]any{"from": q.FromID, "category": q.CategoryID,
		"territory": nilIfEmpty(q.TerritoryID), "groups": nonNil(q.TargetGroupIDs)}))
	if err != nil {
		return nil, fmt.Errorf("referral start: %w", err)
	}
	r := rowOf(recs[0])
	from, territory, category := col[any](r, "f"), col[any](r, "t"), col[any](r, "c")
	categories, unknownGroups := col[[]any](r, "categories"), col[[]any](r, "unknownGroups")
	if err := r.Err(); err != nil {
		return nil, fmt.Errorf("referral start: %w", err)
	}
	var ps domain.Problems
	if from == nil {
		ps = append(ps, domain.Problem{Field: "input.fromStakeholderId", Message: fmt.Sprintf("no stakeholder with id %q", q.FromID)})
	} else if territory == nil {
		ps = append(ps, domain.Problem{Field: "input.territoryId", Message: fmt.Sprintf("no territory with id %q", q.TerritoryID)})
	}
	if category == nil {
		ps = append(ps, domain.Problem{Field: "input.categoryId", Message: fmt.Sprintf("no service category with id %q", q.CategoryID)})
	}
	for _, id := range unknownGroups {
		ps = append(ps, domain.Problem{Field: fmt.Sprintf("input.targetGroupIds[%d]", slices.Index(q.TargetGroupIDs, id.(string))),
			Message: fmt.Sprintf("no target group with id %q", id)})
	}
	if len(ps) > 0 {
		return nil, ps
	}
	st := &referral.Start{CategoryIDs: stringList(categories)}
	if st.From, err = decodeValue[domain.Stakeholder](from); err != nil {
		return nil, err
	}
	if st.Territory, err = decodeValue[domain.Territory](territory); err != nil {
		return nil, err
	}
	if st.Category, err = decodeValue[domain.ServiceCategory](category); err != nil {
		return nil, err
	}
	return st, nil
}

// ReferralCandidates returns every ACTIVE service in the category (or a
// sub-category), for at least one of the target groups asked, that covers
// the person's territory or an area containing it (distance 0), or a
// territory within maxDistanceKm of it along at most
// referral.MaxNeighbourLinks NEIGHBOUR_OF links (or an area containing
// that), with its provider. The neighbour search starts from the person's
// territory and, for a settlement, from its municipality.
func (s *Store) ReferralCandidates(ctx context.Context, q referral.Query, territoryID string) ([]referral.Candidate, error) {
	groups := ""
	if len(q.TargetGroupIDs) > 0 {
		groups = "\n  AND EXISTS { (x)-[:FOR_GROUP]->(g:TargetGroup) WHERE g.id IN $groups }"
	}
	// Returns per qualifying service its provider, its distance and whether
	// its nearest covered territory is across a municipality or district
	// border. Places are the territories whose coverage reaches the person:
	// her territory's ancestors (0 km), and the ancestors of every
	// territory near enough (with the shortest distance found).
	cypher := `MATCH (t:Territory {id: $territory})
WITH t, COLLECT { MATCH (k:ServiceCategory)-[:SUBCATEGORY_OF*0..]->(:ServiceCategory {id: $category}) RETURN k } AS cats
CALL (t) {
  MATCH (t)-[:PART_OF*0..]->(place:Territory)
  RETURN place, 0.0 AS km, t AS via
  UNION
  MATCH (t)-[:PART_OF*0..]->(o:Territory) WHERE o = t OR o.level = 'MUNICIPALITY'
  MATCH path = (o)-[:NEIGHBOUR_OF*1..` + fmt.Sprint(referral.MaxNeighbourLinks) + `]-(n:Territory)
  WITH n, reduce(d = 0.0, l IN relationships(path) | d + l.distanceKm) AS km
  WHERE km <= $maxKm
  MATCH (n)-[:PART_OF*0..]->(place:Territory)
  RETURN place, km, n AS via
}
WITH t, cats, place, km, via ORDER BY km, via.id
WITH t, cats, place, collect([km, via])[0] AS nearest
MATCH (place)<-[:COVERS]-(x:Service {status: 'ACTIVE'})
WHERE EXISTS { (x)-[:IN_CATEGORY]->(k) WHERE k IN cats }` + groups + `
WITH t, x, nearest ORDER BY nearest[0], nearest[1].id
WITH t, x, collect(nearest)[0] AS nearest
WITH t, x, nearest[0] AS km, nearest[1] AS via
MATCH (p:Stakeholder)-[:PROVIDES]->(x)
RETURN ` + visible(LabelStakeholder, "p") + ` AS p, ` + visible(LabelService, "x") + ` AS x, km,
  km > 0 AND COLLECT { MATCH (via)-[:PART_OF*0..]->(m:Territory {level: 'MUNICIPALITY'}) RETURN m.id }
          <> COLLECT { MATCH (t)-[:PART_OF*0..]->(m:Territory {level: 'MUNICIPALITY'}) RETURN m.id } AS crossesMunicipality,
  km > 0 AND COLLECT { MATCH (via)-[:PART_OF*0..]->(d:Territory {level: 'DISTRICT'}) RETURN d.id }
          <> COLLECT { MATCH (t)-[:PART_OF*0..]->(d:Territory {level: 'DISTRICT'}) RETURN d.id } AS crossesDistrict`
	recs, err := s.read(ctx, cypher, withAccess(ctx, map[string]any{"territory": territoryID, "category": q.CategoryID,
		"maxKm": q.MaxDistanceKm, "groups": nonNil(q.TargetGroupIDs)}))
	if err != nil {
		return nil, fmt.Errorf("referral candidates: %w", err)
	}
	out := make([]referral.Candidate, 0, len(recs))
	for _, rec := range recs {
		r := rowOf(rec)
		c := referral.Candidate{DistanceKm: col[float64](r, "km"), CrossesMunicipality: col[bool](r, "crossesMunicipality"), CrossesDistrict: col[bool](r, "crossesDistrict")}
		provider, service := col[any](r, "p"), col[any](r, "x")
		if err := r.Err(); err != nil {
			return nil, fmt.Errorf("referral candidates: %w", err)
		}
		if c.Provider, err = decodeValue[domain.Stakeholder](provider); err != nil {
			return nil, err
		}
		if c.Service, err = decodeValue[domain.Service](service); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// ReferralChains returns, per provider id, the shortest chain of usable
// links from the coordinator to it, of at most maxHops links: ACTIVE
// REFERS_TO links with no categories or with one of categoryIDs (the
// category asked for and its ancestors). The search is Neo4j's shortest
// path search from the coordinator; providers no chain reaches are absent.
//
// Every chain's stakeholders are returned (which organisations the person
// would pass through is what the search is for), but a link the caller may
// not see (referralVisible: for a coordinator, one its stakeholder is not
// an end of) is returned as nil, without its id, status or categories.
func (s *Store) ReferralChains(ctx context.Context, fromID string, providerIDs, categoryIDs []string, maxHops int) (map[string]referral.Chain, error) {
	if maxHops < 0 || maxHops > referral.MaxHops {
		return nil, fmt.Errorf("referral chains: maxHops %d out of range", maxHops)
	}
	// Returns, per provider reached, the stakeholders of its shortest chain
	// and the properties of each link, null for a link the caller may not
	// see. The hop bound is a checked integer.
	cypher := `MATCH (c:Stakeholder {id: $from})
MATCH path = ANY SHORTEST (c)-[r:REFERS_TO WHERE r.status = 'ACTIVE'
    AND (size(coalesce(r.categoryIds, [])) = 0 OR any(id IN r.categoryIds WHERE id IN $categories))]->{0,` + fmt.Sprint(maxHops) + `}(p:Stakeholder)
WHERE p.id IN $providers
RETURN p.id AS provider, [n IN nodes(path) | ` + visible(LabelStakeholder, "n") + `] AS stakeholders,
  [l IN relationships(path) | CASE WHEN ` + referralVisible("startNode(l)", "endNode(l)") + ` THEN properties(l) END] AS links`
	recs, err := s.read(ctx, cypher, withAccess(ctx, map[string]any{"from": fromID, "providers": providerIDs, "categories": categoryIDs}))
	if err != nil {
		return nil, fmt.Errorf("referral chains: %w", err)
	}
	out := make(map[string]referral.Chain, len(recs))
	for _, rec := range recs {
		r := rowOf(rec)
		provider, stakeholders, links := col[string](r, "provider"), col[[]any](r, "stakeholders"), col[[]any](r, "links")
		if err := r.Err(); err != nil {
			return nil, fmt.Errorf("referral chains: %w", err)
		}
		var ch referral.Chain
		if ch.Stakeholders, err = decodeAll[domain.Stakeholder](stakeholders); err != nil {
			return nil, err
		}
		for _, l := range links {
			props, _ := l.(map[string]any) // nil: hidden
			ch.Links = append(ch.Links, props)
		}
		out[provider] = ch
	}
	return out, nil
}
