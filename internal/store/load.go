package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// LoadCounts says how many nodes a load created, changed or left as they
// were.
type LoadCounts struct {
	Created, Updated, Unchanged int
	Relationships               int
}

// nodeBatch is the rows of one label: id plus properties.
type nodeBatch struct {
	label string
	rows  []map[string]any
}

// relBatch is the rows of one relationship type between two labels; key,
// when set, is the relationship property that identifies it (REFERS_TO.id).
type relBatch struct {
	from, rel, to string
	undirected    bool
	key           string
	rows          []map[string]any // {from, to, props}
}

// LoadDocument upserts a document's nodes and merges its relationships in
// one write transaction: the whole document or nothing. A node whose
// properties do not change keeps its version, so loading the same document
// twice changes nothing the second time. by is recorded as updatedBy.
func (s *Store) LoadDocument(ctx context.Context, doc *domain.Document, by string) (LoadCounts, error) {
	nodes, rels := flatten(doc)
	var counts LoadCounts
	err := s.executeWrite(ctx, func(tx neo4j.ManagedTransaction) error {
		counts = LoadCounts{}
		for _, b := range nodes {
			if len(b.rows) == 0 {
				continue
			}
			res, err := tx.Run(ctx, upsertNodes(b.label), map[string]any{"rows": b.rows, "by": by})
			if err != nil {
				return fmt.Errorf("load %s nodes: %w", b.label, err)
			}
			rec, err := res.Single(ctx)
			if err != nil {
				return fmt.Errorf("load %s nodes: %w", b.label, err)
			}
			counts.Created += int(rec.Values[0].(int64))
			counts.Updated += int(rec.Values[1].(int64))
			counts.Unchanged += int(rec.Values[2].(int64))
		}
		for _, b := range rels {
			if len(b.rows) == 0 {
				continue
			}
			res, err := tx.Run(ctx, mergeRels(b), map[string]any{"rows": b.rows})
			if err != nil {
				return fmt.Errorf("load %s relationships: %w", b.rel, err)
			}
			rec, err := res.Single(ctx)
			if err != nil {
				return fmt.Errorf("load %s relationships: %w", b.rel, err)
			}
			counts.Relationships += int(rec.Values[0].(int64))
		}
		return nil
	})
	return counts, err
}

// upsertNodes returns, for rows of {id, props}, how many nodes of label were
// created, updated (some property differed: version + 1) and unchanged.
func upsertNodes(label string) string {
	return `UNWIND $rows AS row
MERGE (n:` + label + ` {id: row.id})
ON CREATE SET n.createdAt = datetime(), n.version = 0
WITH n, row, n.version = 0 AS created,
     [k IN keys(row.props) WHERE NOT (n[k] = row.props[k]) OR (n[k] IS NULL) <> (row.props[k] IS NULL)] AS changed
FOREACH (_ IN CASE WHEN created OR size(changed) > 0 THEN [1] ELSE [] END |
  SET n += row.props, n.version = n.version + 1, n.updatedAt = datetime(), n.updatedBy = $by)
RETURN count(CASE WHEN created THEN 1 END) AS created,
       count(CASE WHEN NOT created AND size(changed) > 0 THEN 1 END) AS updated,
       count(CASE WHEN NOT created AND size(changed) = 0 THEN 1 END) AS unchanged`
}

// mergeRels returns how many relationship rows it merged; rows whose ends
// do not exist are skipped (validation rejects them before a load).
func mergeRels(b relBatch) string {
	arrow := "-[r:" + b.rel + "]->"
	if b.undirected {
		arrow = "-[r:" + b.rel + "]-"
	}
	if b.key != "" {
		arrow = "-[r:" + b.rel + " {" + b.key + ": row.props." + b.key + "}]->"
	}
	return `UNWIND $rows AS row
MATCH (a:` + b.from + ` {id: row.from})
MATCH (b:` + b.to + ` {id: row.to})
MERGE (a)` + arrow + `(b)
SET r += row.props
RETURN count(r) AS merged`
}

func node(id string, v any) map[string]any { return map[string]any{"id": id, "props": encode(v)} }

func rel(from, to string, props map[string]any) map[string]any {
	if props == nil {
		props = map[string]any{}
	}
	return map[string]any{"from": from, "to": to, "props": props}
}

// flatten turns a document into batches of nodes and relationships, in an
// order that creates every node before the relationships that need it.
func flatten(doc *domain.Document) ([]nodeBatch, []relBatch) {
	n := map[string]*nodeBatch{}
	var nodes []nodeBatch
	addNode := func(label, id string, v any) {
		if n[label] == nil {
			nodes = append(nodes, nodeBatch{label: label})
			n[label] = &nodes[len(nodes)-1]
		}
		n[label].rows = append(n[label].rows, node(id, v))
	}
	// Pre-size so the pointers in n stay valid while appending.
	nodes = make([]nodeBatch, 0, len(Labels))

	r := map[string]*relBatch{}
	var order []string
	addRel := func(from, relType, to, fromID, toID string, props map[string]any) {
		k := from + relType + to
		if r[k] == nil {
			r[k] = &relBatch{from: from, rel: relType, to: to}
			order = append(order, k)
		}
		r[k].rows = append(r[k].rows, rel(fromID, toID, props))
	}

	for _, t := range doc.Territories {
		addNode(LabelTerritory, t.ID, t.Territory)
		if t.ParentID != "" {
			addRel(LabelTerritory, "PART_OF", LabelTerritory, t.ID, t.ParentID, nil)
		}
		for _, z := range t.ZoneIDs {
			addRel(LabelTerritory, "PART_OF", LabelTerritory, t.ID, z, nil)
		}
		for _, nb := range t.Neighbours {
			addRel(LabelTerritory, "NEIGHBOUR_OF", LabelTerritory, t.ID, nb.TerritoryID,
				map[string]any{"distanceKm": nb.DistanceKm, "illustrative": nb.Illustrative})
		}
	}
	for _, c := range doc.ServiceCategories {
		addNode(LabelServiceCategory, c.ID, c.ServiceCategory)
		if c.ParentID != "" {
			addRel(LabelServiceCategory, "SUBCATEGORY_OF", LabelServiceCategory, c.ID, c.ParentID, nil)
		}
	}
	for _, g := range doc.TargetGroups {
		addNode(LabelTargetGroup, g.ID, g)
	}
	for _, a := range doc.CooperationAreas {
		addNode(LabelCooperationArea, a.ID, a.CooperationArea)
		for _, c := range a.CategoryIDs {
			addRel(LabelCooperationArea, "INCLUDES_CATEGORY", LabelServiceCategory, a.ID, c, nil)
		}
	}
	for _, st := range doc.Stakeholders {
		addNode(LabelStakeholder, st.ID, st.Stakeholder)
		if st.TerritoryID != "" {
			addRel(LabelStakeholder, "LOCATED_IN", LabelTerritory, st.ID, st.TerritoryID, nil)
		}
		for _, a := range st.AreaIDs {
			addRel(LabelStakeholder, "ACTIVE_IN", LabelCooperationArea, st.ID, a, nil)
		}
	}
	for _, p := range doc.Projects {
		addNode(LabelProject, p.ID, p.Project)
		for _, pa := range p.Participants {
			addRel(LabelStakeholder, "PARTICIPATES_IN", LabelProject, pa.StakeholderID, p.ID, map[string]any{"role": nilIfEmpty(pa.Role)})
		}
	}
	for _, sv := range doc.Services {
		addNode(LabelService, sv.ID, sv.Service)
		addRel(LabelStakeholder, "PROVIDES", LabelService, sv.ProviderID, sv.ID, nil)
		addRel(LabelService, "IN_CATEGORY", LabelServiceCategory, sv.ID, sv.CategoryID, nil)
		for _, g := range sv.TargetGroupIDs {
			addRel(LabelService, "FOR_GROUP", LabelTargetGroup, sv.ID, g, nil)
		}
		for _, t := range sv.CoverageIDs {
			addRel(LabelService, "COVERS", LabelTerritory, sv.ID, t, nil)
		}
	}
	for _, nd := range doc.Needs {
		addNode(LabelNeed, nd.ID, nd.Need)
		addRel(LabelNeed, "IN_TERRITORY", LabelTerritory, nd.ID, nd.TerritoryID, nil)
		addRel(LabelNeed, "FOR_CATEGORY", LabelServiceCategory, nd.ID, nd.CategoryID, nil)
		addRel(LabelNeed, "OF_GROUP", LabelTargetGroup, nd.ID, nd.TargetGroupID, nil)
	}
	for _, p := range doc.Partnerships {
		addNode(LabelPartnership, p.ID, p.Partnership)
		for _, pa := range p.Parties {
			addRel(LabelStakeholder, "PARTY_TO", LabelPartnership, pa.StakeholderID, p.ID, map[string]any{"role": string(pa.Role)})
		}
		if p.TerritoryID != "" {
			addRel(LabelPartnership, "IN_TERRITORY", LabelTerritory, p.ID, p.TerritoryID, nil)
		}
		for _, a := range p.AreaIDs {
			addRel(LabelPartnership, "COVERS_AREA", LabelCooperationArea, p.ID, a, nil)
		}
		if p.ProjectID != "" {
			addRel(LabelPartnership, "IN_PROJECT", LabelProject, p.ID, p.ProjectID, nil)
		}
	}
	for _, l := range doc.ReferralLinks {
		props := encode(l)
		delete(props, "fromId")
		delete(props, "toId")
		addRel(LabelStakeholder, "REFERS_TO", LabelStakeholder, l.FromID, l.ToID, props)
	}
	for _, p := range doc.Practices {
		addNode(LabelPractice, p.ID, p.Practice)
		if p.OriginID != "" {
			addRel(LabelPractice, "ORIGINATES_IN", LabelTerritory, p.ID, p.OriginID, nil)
		}
		for _, t := range p.Transfers {
			var year any
			if t.Year != 0 {
				year = int64(t.Year)
			}
			addRel(LabelPractice, "TRANSFERRED_TO", LabelTerritory, p.ID, t.TerritoryID, map[string]any{"year": year})
		}
		for _, s := range p.ImplementerIDs {
			addRel(LabelStakeholder, "IMPLEMENTS", LabelPractice, s, p.ID, nil)
		}
		if p.ProjectID != "" {
			addRel(LabelPractice, "IN_PROJECT", LabelProject, p.ID, p.ProjectID, nil)
		}
	}
	for _, e := range doc.Events {
		addNode(LabelEvent, e.ID, e.Event)
		if e.TerritoryID != "" {
			addRel(LabelEvent, "HELD_IN", LabelTerritory, e.ID, e.TerritoryID, nil)
		}
		if e.ProjectID != "" {
			addRel(LabelEvent, "IN_PROJECT", LabelProject, e.ID, e.ProjectID, nil)
		}
		for _, pa := range e.Participants {
			addRel(LabelStakeholder, "PARTICIPATED_IN", LabelEvent, pa.StakeholderID, e.ID, map[string]any{"role": nilIfEmpty(pa.Role)})
		}
	}

	rels := make([]relBatch, 0, len(order))
	for _, k := range order {
		b := *r[k]
		b.undirected = b.rel == "NEIGHBOUR_OF"
		if b.rel == "REFERS_TO" {
			b.key = "id"
		}
		rels = append(rels, b)
	}
	return nodes, rels
}

// IsEmpty reports whether the database holds no node of the model.
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	// Returns one row when any model node exists; uses the id indexes.
	recs, err := s.read(ctx, `MATCH (n) WHERE n:Territory OR n:Stakeholder OR n:Service RETURN 1 LIMIT 1`, nil)
	if err != nil {
		return false, err
	}
	return len(recs) == 0, nil
}
