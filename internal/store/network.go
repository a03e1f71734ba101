package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/network"
)

// NetworkQuery says which network to project: the stakeholders located in
// the scope or below it (all when ScopeID is empty), tied by the relations
// asked, as of a date (nil: now).
type NetworkQuery struct {
	ScopeID   string
	Relations []network.Relation
	AsOf      *domain.Date
}

// Key identifies the projection for caches.
func (q NetworkQuery) Key() string {
	rs := make([]string, len(q.Relations))
	for i, r := range q.Relations {
		rs[i] = string(r)
	}
	slices.Sort(rs)
	asOf := ""
	if q.AsOf != nil {
		asOf = q.AsOf.Format("2006-01-02")
	}
	return q.ScopeID + "|" + strings.Join(rs, ",") + "|" + asOf
}

// NetworkProjection projects the stakeholder network in one query: a row
// per stakeholder in the scope (with its territory's name and its areas'
// names), then a row per tie from one of them, with its weight. Ties to
// stakeholders outside the scope are dropped by network.New.
//
// AREA ties make a clique of each area's members: ask for them on scopes
// of a few thousand stakeholders at most.
func (s *Store) NetworkProjection(ctx context.Context, q NetworkQuery) (*network.Graph, error) {
	members := "(a:Stakeholder)"
	if q.ScopeID != "" {
		members = "(scope)<-[:PART_OF*0..]-(:Territory)<-[:LOCATED_IN]-(a:Stakeholder)"
	}
	// Each relation's ties from the members a to any b, as (a, b, weight);
	// pairs with a.id < b.id only, so that each tie comes once.
	ties := map[network.Relation]string{
		network.Partnership: `MATCH ` + members + `-[:PARTY_TO]->(p:Partnership)<-[:PARTY_TO]-(b:Stakeholder)
  WHERE a.id < b.id AND ($asOf IS NULL OR (coalesce(p.validFrom <= $asOf, true) AND coalesce(p.validTo >= $asOf, true)))
  RETURN null AS node, null AS territory, null AS areas, a.id AS a, b.id AS b, 'PARTNERSHIP' AS relation, count(DISTINCT p) AS weight`,
		network.Referral: `MATCH ` + members + `-[r:REFERS_TO]-(b:Stakeholder)
  WHERE a.id < b.id AND r.status = 'ACTIVE' AND ` + referralVisible("a", "b") + ` AND ($asOf IS NULL OR coalesce(r.since <= $asOf, true))
  RETURN null AS node, null AS territory, null AS areas, a.id AS a, b.id AS b, 'REFERRAL' AS relation, count(DISTINCT r) AS weight`,
		network.Event: `MATCH ` + members + `-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(b:Stakeholder)
  WHERE a.id < b.id AND ($asOf IS NULL OR e.startDate <= $asOf)
  RETURN null AS node, null AS territory, null AS areas, a.id AS a, b.id AS b, 'EVENT' AS relation, count(DISTINCT e) AS weight`,
		network.Area: `MATCH ` + members + `-[:ACTIVE_IN]->(ar:CooperationArea)<-[:ACTIVE_IN]-(b:Stakeholder)
  WHERE a.id < b.id
  RETURN null AS node, null AS territory, null AS areas, a.id AS a, b.id AS b, 'AREA' AS relation, count(DISTINCT ar) AS weight`,
	}
	parts := []string{`MATCH ` + members + `
  RETURN DISTINCT ` + visible(LabelStakeholder, "a") + ` AS node,
    COLLECT { MATCH (a)-[:LOCATED_IN]->(t:Territory) RETURN t.name }[0] AS territory,
    COLLECT { MATCH (a)-[:ACTIVE_IN]->(x:CooperationArea) RETURN x.name ORDER BY x.name } AS areas,
    null AS a, null AS b, null AS relation, null AS weight`}
	for _, r := range network.Relations {
		if slices.Contains(q.Relations, r) {
			parts = append(parts, ties[r])
		}
	}
	// Returns the stakeholders of the scope, then the ties from them.
	cypher := "OPTIONAL MATCH (scope:Territory {id: $scope})\nCALL (scope) {\n  " + strings.Join(parts, "\n  UNION ALL\n  ") +
		"\n}\nRETURN node, territory, areas, a, b, relation, weight"
	var asOf any
	if q.AsOf != nil {
		asOf = dateParam(*q.AsOf)
	}
	recs, err := s.read(ctx, cypher, withAccess(ctx, map[string]any{"scope": nilIfEmpty(q.ScopeID), "asOf": asOf}))
	if err != nil {
		return nil, fmt.Errorf("network projection: %w", err)
	}
	type node struct {
		st        *domain.Stakeholder
		territory string
		areas     []string
	}
	var nodes []node
	var raw []network.RawEdge
	for _, rec := range recs {
		if rec.Values[0] != nil {
			st, err := decodeValue[domain.Stakeholder](rec.Values[0])
			if err != nil {
				return nil, err
			}
			territory, _ := rec.Values[1].(string)
			nodes = append(nodes, node{st, territory, stringList(rec.Values[2])})
			continue
		}
		raw = append(raw, network.RawEdge{A: rec.Values[3].(string), B: rec.Values[4].(string),
			Relation: network.Relation(rec.Values[5].(string)), Weight: float64(rec.Values[6].(int64))})
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
	recs, err := s.read(ctx, "RETURN EXISTS { MATCH (:Territory {id: $id}) }", map[string]any{"id": id})
	if err != nil {
		return false, err
	}
	return recs[0].Values[0].(bool), nil
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
  EXISTS { (u)-[:PROVIDES]->(:Service {status: 'ACTIVE'})-[:IN_CATEGORY]->(:ServiceCategory)<-[:FOR_CATEGORY]-(:Need)-[:IN_TERRITORY]->(:Territory)<-[:LOCATED_IN]-(v) }
  OR EXISTS { (v)-[:PROVIDES]->(:Service {status: 'ACTIVE'})-[:IN_CATEGORY]->(:ServiceCategory)<-[:FOR_CATEGORY]-(:Need)-[:IN_TERRITORY]->(:Territory)<-[:LOCATED_IN]-(u) }`,
		map[string]any{"id": id, "others": others})
	if err != nil {
		return nil, fmt.Errorf("complementary: %w", err)
	}
	out := make(map[string]bool, len(recs))
	for _, rec := range recs {
		out[rec.Values[0].(string)] = rec.Values[1].(bool)
	}
	return out, nil
}
