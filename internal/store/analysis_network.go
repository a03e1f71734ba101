package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/network"
)

// NetworkProjection projects the stakeholder network in one query: a row
// per stakeholder in the scope (with its territory's name and its areas'
// names), then a row per tie from one of them, with its weight. Ties to
// stakeholders outside the scope are dropped by network.New.
//
// AREA ties make a clique of each area's members: ask for them on scopes
// of a few thousand stakeholders at most.
func (s *Store) NetworkProjection(ctx context.Context, q network.Query) (*network.Graph, error) {
	members := "MATCH (a:Stakeholder) RETURN a"
	if q.ScopeID != "" {
		members = "MATCH (scope)<-[:PART_OF*0..]-(:Territory)<-[:LOCATED_IN]-(a:Stakeholder) RETURN DISTINCT a"
	}
	// Each relation's ties from a member a to any b, one row per tie and
	// thing shared (a partnership, a link, an event, an area); pairs with
	// a.id < b.id only, so that each comes once. network.New sums the rows
	// of a pair into its weight. No aggregation happens in Neo4j, so a
	// network of millions of ties streams in constant database memory.
	ties := map[network.Relation]string{
		network.Partnership: `MATCH (a)-[:PARTY_TO]->(p:Partnership)<-[:PARTY_TO]-(b:Stakeholder)
    WHERE a.id < b.id AND ($asOf IS NULL OR (coalesce(p.validFrom <= $asOf, true) AND coalesce(p.validTo >= $asOf, true)))
    RETURN null AS node, null AS territory, null AS areas, b.id AS b, 'PARTNERSHIP' AS relation`,
		network.Referral: `MATCH (a)-[r:REFERS_TO]-(b:Stakeholder)
    WHERE a.id < b.id AND r.status = 'ACTIVE' AND ` + referralVisible("a", "b") + ` AND ($asOf IS NULL OR coalesce(r.since <= $asOf, true))
    RETURN null AS node, null AS territory, null AS areas, b.id AS b, 'REFERRAL' AS relation`,
		network.Event: `MATCH (a)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(b:Stakeholder)
    WHERE a.id < b.id AND ($asOf IS NULL OR e.startDate <= $asOf)
    RETURN null AS node, null AS territory, null AS areas, b.id AS b, 'EVENT' AS relation`,
		network.Area: `MATCH (a)-[:ACTIVE_IN]->(:CooperationArea)<-[:ACTIVE_IN]-(b:Stakeholder)
    WHERE a.id < b.id
    RETURN null AS node, null AS territory, null AS areas, b.id AS b, 'AREA' AS relation`,
	}
	parts := []string{`RETURN ` + visible(LabelStakeholder, "a") + ` AS node,
    COLLECT { MATCH (a)-[:LOCATED_IN]->(t:Territory) RETURN t.name }[0] AS territory,
    COLLECT { MATCH (a)-[:ACTIVE_IN]->(x:CooperationArea) RETURN x.name ORDER BY x.name } AS areas,
    null AS b, null AS relation`}
	for _, r := range network.Relations {
		if slices.Contains(q.Relations, r) {
			parts = append(parts, ties[r])
		}
	}
	// Returns, for every stakeholder of the scope, a row with it and a row
	// per tie from it.
	cypher := "OPTIONAL MATCH (scope:Territory {id: $scope})\nCALL (scope) { " + members + " }\nCALL (a) {\n    " +
		strings.Join(parts, "\n    UNION ALL\n    ") + "\n}\nRETURN a.id AS a, node, territory, areas, b, relation"
	var asOf any
	if q.AsOf != nil {
		asOf = dateParam(*q.AsOf)
	}
	type node struct {
		st        *domain.Stakeholder
		territory string
		areas     []string
	}
	var nodes []node
	var raw []network.RawEdge
	err := s.transact(ctx, neo4j.AccessModeRead, func(tx runner) error {
		res, err := tx.Run(ctx, cypher, withAccess(ctx, map[string]any{"scope": nilIfEmpty(q.ScopeID), "asOf": asOf}))
		if err != nil {
			return err
		}
		for res.Next(ctx) {
			r := row{rec: res.Record()} // on the stack: millions of rows
			a, n, b, relation := col[string](&r, "a"), col[any](&r, "node"), col[string](&r, "b"), col[string](&r, "relation")
			territory, areas := col[string](&r, "territory"), col[[]any](&r, "areas")
			if err := r.Err(); err != nil {
				return err
			}
			if n != nil {
				st, err := decodeValue[domain.Stakeholder](n)
				if err != nil {
					return err
				}
				nodes = append(nodes, node{st, territory, stringList(areas)})
				continue
			}
			raw = append(raw, network.RawEdge{A: a, B: b, Relation: network.Relation(relation), Weight: 1})
		}
		return res.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("network projection: %w", err)
	}
	// Nodes by id, so that indices (and ties between equal scores) are
	// stable.
	slices.SortFunc(nodes, func(x, y node) int { return strings.Compare(x.st.ID, y.st.ID) })
	sts := make([]*domain.Stakeholder, len(nodes))
	for i, n := range nodes {
		sts[i] = n.st
	}
	g := network.New(sts, raw)
	g.Territory, g.Areas = make([]string, len(nodes)), make([][]string, len(nodes))
	for i, n := range nodes {
		g.Territory[i], g.Areas[i] = n.territory, n.areas
	}
	return g, nil
}

// ScopeExists reports whether a territory exists (an unknown scope is bad
// input; a scope with no stakeholders is an empty network).
func (s *Store) ScopeExists(ctx context.Context, id string) (bool, error) {
	// Returns whether the territory exists.
	recs, err := s.read(ctx, "RETURN EXISTS { MATCH (:Territory {id: $id}) } AS found", map[string]any{"id": id})
	if err != nil {
		return false, err
	}
	r := rowOf(recs[0])
	found := col[bool](r, "found")
	return found, r.Err()
}

// Complementary reports, for each of others, whether it and the
// stakeholder id complement each other: one provides an ACTIVE service in a
// category in which the other's territory has needs.
func (s *Store) Complementary(ctx context.Context, id string, others []string) (map[string]bool, error) {
	// Returns per other stakeholder whether either serves the other's needs.
	recs, err := s.read(ctx, `MATCH (u:Stakeholder {id: $id})
UNWIND $others AS oid
MATCH (v:Stakeholder {id: oid})
RETURN oid,
  (EXISTS { (u)-[:PROVIDES]->(:Service {status: 'ACTIVE'})-[:IN_CATEGORY]->(:ServiceCategory)<-[:FOR_CATEGORY]-(:Need)-[:IN_TERRITORY]->(:Territory)<-[:LOCATED_IN]-(v) }
  OR EXISTS { (v)-[:PROVIDES]->(:Service {status: 'ACTIVE'})-[:IN_CATEGORY]->(:ServiceCategory)<-[:FOR_CATEGORY]-(:Need)-[:IN_TERRITORY]->(:Territory)<-[:LOCATED_IN]-(u) }) AS complementary`,
		map[string]any{"id": id, "others": others})
	if err != nil {
		return nil, fmt.Errorf("complementary: %w", err)
	}
	out := make(map[string]bool, len(recs))
	for _, rec := range recs {
		r := rowOf(rec)
		out[col[string](r, "oid")] = col[bool](r, "complementary")
		if err := r.Err(); err != nil {
			return nil, fmt.Errorf("complementary: %w", err)
		}
	}
	return out, nil
}
