package store

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
)

// A document is written as node rows (one label at a time) and relationship
// sets: for each record, the relationships it owns, which replace what the
// record owned before. A record is changed — version + 1, updatedAt,
// updatedBy — when a property or an owned relationship differs; writing the
// same record again changes nothing.

// nodeRow is one record's properties, and the audit fields an exported
// record carries, which a create keeps so that export then import
// reproduces the graph exactly.
type nodeRow struct {
	id    string
	props map[string]any
	meta  map[string]any
}

// auditOf returns the audit fields of a record that has them.
func auditOf(v any) map[string]any {
	rv := reflect.ValueOf(v)
	m, ok := rv.FieldByName("Meta").Interface().(domain.Meta)
	if !ok || m.Version == 0 {
		return map[string]any{}
	}
	out := map[string]any{"version": m.Version, "updatedBy": nilIfEmpty(m.UpdatedBy)}
	if !m.CreatedAt.IsZero() {
		out["createdAt"] = m.CreatedAt
	}
	if !m.UpdatedAt.IsZero() {
		out["updatedAt"] = m.UpdatedAt
	}
	return out
}

// relSpec is a kind of relationship a record owns: (owner)-[rel]->(other)
// when out, (owner)<-[rel]-(other) otherwise. Additive sets only add: the
// NEIGHBOUR_OF pair is listed on one side only, so the other side's record,
// which lists nothing, must not remove it (setNeighbours replaces).
type relSpec struct {
	owner, rel, other string
	out, additive     bool
	props             string // the relationship's property names, comma-separated
}

type relTarget struct {
	id    string
	props map[string]any
}

type relRow struct {
	owner   string
	targets []relTarget
}

// writePlan is a document as rows, in the order that creates every node
// before the relationships that need it.
type writePlan struct {
	nodes map[string][]nodeRow // by label
	rels  map[relSpec][]relRow
	links []domain.ReferralLink
	order []string // labels in write order
	specs []relSpec
}

var (
	specParent     = relSpec{LabelTerritory, "PART_OF", LabelTerritory, true, false, ""}
	specNeighbour  = relSpec{LabelTerritory, "NEIGHBOUR_OF", LabelTerritory, true, true, "distanceKm,illustrative"}
	specCatParent  = relSpec{LabelServiceCategory, "SUBCATEGORY_OF", LabelServiceCategory, true, false, ""}
	specAreaCats   = relSpec{LabelCooperationArea, "INCLUDES_CATEGORY", LabelServiceCategory, true, false, ""}
	specLocated    = relSpec{LabelStakeholder, "LOCATED_IN", LabelTerritory, true, false, ""}
	specActiveIn   = relSpec{LabelStakeholder, "ACTIVE_IN", LabelCooperationArea, true, false, ""}
	specProjParts  = relSpec{LabelProject, "PARTICIPATES_IN", LabelStakeholder, false, false, "role"}
	specProvider   = relSpec{LabelService, "PROVIDES", LabelStakeholder, false, false, ""}
	specSvcCat     = relSpec{LabelService, "IN_CATEGORY", LabelServiceCategory, true, false, ""}
	specSvcGroups  = relSpec{LabelService, "FOR_GROUP", LabelTargetGroup, true, false, ""}
	specCoverage   = relSpec{LabelService, "COVERS", LabelTerritory, true, false, ""}
	specNeedTerr   = relSpec{LabelNeed, "IN_TERRITORY", LabelTerritory, true, false, ""}
	specNeedCat    = relSpec{LabelNeed, "FOR_CATEGORY", LabelServiceCategory, true, false, ""}
	specNeedGroup  = relSpec{LabelNeed, "OF_GROUP", LabelTargetGroup, true, false, ""}
	specParties    = relSpec{LabelPartnership, "PARTY_TO", LabelStakeholder, false, false, "role"}
	specPsTerr     = relSpec{LabelPartnership, "IN_TERRITORY", LabelTerritory, true, false, ""}
	specPsAreas    = relSpec{LabelPartnership, "COVERS_AREA", LabelCooperationArea, true, false, ""}
	specPsProject  = relSpec{LabelPartnership, "IN_PROJECT", LabelProject, true, false, ""}
	specOrigin     = relSpec{LabelPractice, "ORIGINATES_IN", LabelTerritory, true, false, ""}
	specTransfers  = relSpec{LabelPractice, "TRANSFERRED_TO", LabelTerritory, true, false, "year"}
	specImplements = relSpec{LabelPractice, "IMPLEMENTS", LabelStakeholder, false, false, ""}
	specPrProject  = relSpec{LabelPractice, "IN_PROJECT", LabelProject, true, false, ""}
	specHeldIn     = relSpec{LabelEvent, "HELD_IN", LabelTerritory, true, false, ""}
	specEvProject  = relSpec{LabelEvent, "IN_PROJECT", LabelProject, true, false, ""}
	specEvParts    = relSpec{LabelEvent, "PARTICIPATED_IN", LabelStakeholder, false, false, "role"}
)

func targets(ids ...string) []relTarget {
	var out []relTarget
	for _, id := range ids {
		if id != "" {
			out = append(out, relTarget{id: id, props: map[string]any{}})
		}
	}
	return out
}

func roleTargets[T any](items []T, f func(T) (string, string)) []relTarget {
	out := make([]relTarget, 0, len(items))
	for _, it := range items {
		id, role := f(it)
		out = append(out, relTarget{id: id, props: map[string]any{"role": nilIfEmpty(role)}})
	}
	return out
}

// plan turns a document into rows.
func plan(doc *domain.Document) *writePlan {
	p := &writePlan{nodes: map[string][]nodeRow{}, rels: map[relSpec][]relRow{}}
	node := func(label, id string, v any) {
		if _, seen := p.nodes[label]; !seen {
			p.order = append(p.order, label)
		}
		p.nodes[label] = append(p.nodes[label], nodeRow{id: id, props: encode(v), meta: auditOf(v)})
	}
	rel := func(s relSpec, owner string, ts []relTarget) {
		if _, seen := p.rels[s]; !seen {
			p.specs = append(p.specs, s)
		}
		p.rels[s] = append(p.rels[s], relRow{owner: owner, targets: ts})
	}
	for _, r := range doc.Territories {
		node(LabelTerritory, r.ID, r.Territory)
		rel(specParent, r.ID, targets(append([]string{r.ParentID}, r.ZoneIDs...)...))
		var ns []relTarget
		for _, n := range r.Neighbours {
			ns = append(ns, relTarget{id: n.TerritoryID, props: map[string]any{"distanceKm": n.DistanceKm, "illustrative": n.Illustrative}})
		}
		rel(specNeighbour, r.ID, ns)
	}
	for _, r := range doc.ServiceCategories {
		node(LabelServiceCategory, r.ID, r.ServiceCategory)
		rel(specCatParent, r.ID, targets(r.ParentID))
	}
	for _, r := range doc.TargetGroups {
		node(LabelTargetGroup, r.ID, r)
	}
	for _, r := range doc.CooperationAreas {
		node(LabelCooperationArea, r.ID, r.CooperationArea)
		rel(specAreaCats, r.ID, targets(r.CategoryIDs...))
	}
	for _, r := range doc.Stakeholders {
		node(LabelStakeholder, r.ID, r.Stakeholder)
		rel(specLocated, r.ID, targets(r.TerritoryID))
		rel(specActiveIn, r.ID, targets(r.AreaIDs...))
	}
	for _, r := range doc.Projects {
		node(LabelProject, r.ID, r.Project)
		rel(specProjParts, r.ID, roleTargets(r.Participants, func(p domain.Participation) (string, string) { return p.StakeholderID, p.Role }))
	}
	for _, r := range doc.Services {
		node(LabelService, r.ID, r.Service)
		rel(specProvider, r.ID, targets(r.ProviderID))
		rel(specSvcCat, r.ID, targets(r.Categories()...))
		rel(specSvcGroups, r.ID, targets(r.TargetGroupIDs...))
		rel(specCoverage, r.ID, targets(r.CoverageIDs...))
	}
	for _, r := range doc.Needs {
		node(LabelNeed, r.ID, r.Need)
		rel(specNeedTerr, r.ID, targets(r.TerritoryID))
		rel(specNeedCat, r.ID, targets(r.CategoryID))
		rel(specNeedGroup, r.ID, targets(r.TargetGroupID))
	}
	for _, r := range doc.Partnerships {
		node(LabelPartnership, r.ID, r.Partnership)
		rel(specParties, r.ID, roleTargets(r.Parties, func(p domain.Party) (string, string) { return p.StakeholderID, string(p.Role) }))
		rel(specPsTerr, r.ID, targets(r.TerritoryID))
		rel(specPsAreas, r.ID, targets(r.AreaIDs...))
		rel(specPsProject, r.ID, targets(r.ProjectID))
	}
	p.links = doc.ReferralLinks
	for _, r := range doc.Practices {
		node(LabelPractice, r.ID, r.Practice)
		rel(specOrigin, r.ID, targets(r.OriginID))
		var ts []relTarget
		for _, t := range r.Transfers {
			var year any
			if t.Year != 0 {
				year = int64(t.Year)
			}
			ts = append(ts, relTarget{id: t.TerritoryID, props: map[string]any{"year": year}})
		}
		rel(specTransfers, r.ID, ts)
		rel(specImplements, r.ID, targets(r.ImplementerIDs...))
		rel(specPrProject, r.ID, targets(r.ProjectID))
	}
	for _, r := range doc.Events {
		node(LabelEvent, r.ID, r.Event)
		rel(specHeldIn, r.ID, targets(r.TerritoryID))
		rel(specEvProject, r.ID, targets(r.ProjectID))
		rel(specEvParts, r.ID, roleTargets(r.Participants, func(p domain.Participation) (string, string) { return p.StakeholderID, p.Role }))
	}
	return p
}

// runner runs Cypher: a managed transaction, or a counting wrapper of one.
type runner interface {
	Run(ctx context.Context, cypher string, params map[string]any) (neo4j.ResultWithContext, error)
}

func collect(ctx context.Context, tx runner, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// WriteCounts says what a write did, per label.
type WriteCounts map[string]*LabelCounts

// LabelCounts counts the records of one type a write created, changed or
// left as they were.
type LabelCounts struct {
	Created, Updated, Unchanged int
}

// String lists the counts per type, e.g. "Stakeholder 3 created 1 updated 0 unchanged".
func (w WriteCounts) String() string {
	labels := make([]string, 0, len(w))
	for l := range w {
		labels = append(labels, l)
	}
	slices.Sort(labels)
	var b strings.Builder
	for _, l := range labels {
		c := w[l]
		fmt.Fprintf(&b, "%s%s %d created %d updated %d unchanged", map[bool]string{true: "; "}[b.Len() > 0], l, c.Created, c.Updated, c.Unchanged)
	}
	return b.String()
}

func (w WriteCounts) get(label string) *LabelCounts {
	if w[label] == nil {
		w[label] = &LabelCounts{}
	}
	return w[label]
}

// batchSize is how many rows one UNWIND query carries.
const batchSize = 2000

// applyOpts say which part of a plan apply writes. A large import writes
// all nodes first and then all relationships, in batches of their own
// transactions, so that a relationship never waits for a node of a later
// batch; since then keeps a record created or changed by the node pass from
// being counted (and versioned) twice by the relationship pass.
type applyOpts struct {
	nodes, rels bool
	// skip, in a relationship pass, names the records the node pass created
	// or changed (already versioned).
	skip func(label, id string) bool
	// changed, in a node pass, is told each record created or changed.
	changed func(label, id string)
	// isNew, when set, says which records do not exist yet (a batched
	// import looked them up while validating): they are written with
	// CREATE, which skips MERGE's lookup and every comparison, and their
	// relationships likewise.
	isNew func(label, id string) bool
}

// apply writes a plan inside tx and returns the counts per label.
func apply(ctx context.Context, tx runner, p *writePlan, o applyOpts) (WriteCounts, error) {
	by := auth.Actor(ctx) // recorded as updatedBy
	counts := WriteCounts{}
	changed := map[string]map[string]bool{} // label → ids whose nodes changed or were created
	created := map[string]map[string]bool{}
	for _, label := range p.order {
		changed[label], created[label] = map[string]bool{}, map[string]bool{}
		if !o.nodes {
			continue
		}
		fresh, rest := split(p.nodes[label], func(r nodeRow) bool { return o.isNew != nil && o.isNew(label, r.id) })
		now := time.Now().UTC()
		for rows := range slices.Chunk(fresh, batchSize) {
			params := make([]map[string]any, len(rows))
			for i, r := range rows {
				params[i] = createProps(r, by, now)
				created[label][r.id] = true
				if o.changed != nil {
					o.changed(label, r.id)
				}
			}
			if _, err := collect(ctx, tx, createQuery(label), map[string]any{"rows": params}); err != nil {
				return nil, fmt.Errorf("write %s: %w", label, err)
			}
		}
		for rows := range slices.Chunk(rest, batchSize) {
			params := make([]map[string]any, len(rows))
			for i, r := range rows {
				params[i] = map[string]any{"id": r.id, "props": r.props, "meta": r.meta}
			}
			recs, err := collect(ctx, tx, upsertQuery(label), map[string]any{"rows": params, "by": by})
			if err != nil {
				return nil, fmt.Errorf("write %s: %w", label, err)
			}
			for _, rec := range recs {
				r := rowOf(rec)
				id, state := col[string](r, "id"), col[string](r, "state")
				if err := r.Err(); err != nil {
					return nil, fmt.Errorf("write %s: %w", label, err)
				}
				switch state {
				case "created":
					created[label][id] = true
				case "updated":
					changed[label][id] = true
				}
				if state != "unchanged" && o.changed != nil {
					o.changed(label, id)
				}
			}
		}
	}
	// Records whose owned relationships changed while their properties did not.
	relChanged := map[string]map[string]bool{}
	for _, s := range p.specs {
		if !o.rels {
			break
		}
		fresh, rest := split(p.rels[s], func(r relRow) bool { return !s.additive && o.isNew != nil && o.isNew(s.owner, r.owner) })
		for rows := range slices.Chunk(fresh, batchSize) {
			if _, err := collect(ctx, tx, createRelsQuery(s), map[string]any{"rows": relParams(rows)}); err != nil {
				return nil, fmt.Errorf("write %s %s: %w", s.owner, s.rel, err)
			}
		}
		for rows := range slices.Chunk(rest, batchSize) {
			recs, err := collect(ctx, tx, relSetQuery(s), map[string]any{"rows": relParams(rows)})
			if err != nil {
				return nil, fmt.Errorf("write %s %s: %w", s.owner, s.rel, err)
			}
			for _, rec := range recs {
				r := rowOf(rec)
				id, relsChanged := col[string](r, "id"), col[bool](r, "changed")
				if err := r.Err(); err != nil {
					return nil, fmt.Errorf("write %s %s: %w", s.owner, s.rel, err)
				}
				if o.skip != nil && o.skip(s.owner, id) {
					continue
				}
				if relsChanged && !created[s.owner][id] && !changed[s.owner][id] {
					if relChanged[s.owner] == nil {
						relChanged[s.owner] = map[string]bool{}
					}
					relChanged[s.owner][id] = true
				}
			}
		}
	}
	bumped := map[string]int{}
	for label, ids := range relChanged {
		// A relationship change is a change of its owner; returns the ids
		// bumped.
		const bump = `UNWIND $ids AS id MATCH (n:%s {id: id})
SET n.version = n.version + 1, n.updatedAt = datetime(), n.updatedBy = $by
RETURN n.id AS id`
		recs, err := collect(ctx, tx, fmt.Sprintf(bump, label), map[string]any{"ids": keys(ids), "by": by})
		if err != nil {
			return nil, fmt.Errorf("write %s versions: %w", label, err)
		}
		for _, rec := range recs {
			r := rowOf(rec)
			changed[label][col[string](r, "id")] = true
			if err := r.Err(); err != nil {
				return nil, fmt.Errorf("write %s versions: %w", label, err)
			}
		}
		bumped[label] = len(recs)
	}
	for label, rows := range p.nodes {
		c := counts.get(label)
		if !o.nodes {
			c.Updated = bumped[label] // the node pass counted the rest
			continue
		}
		c.Created, c.Updated = len(created[label]), len(changed[label])
		c.Unchanged = len(rows) - c.Created - c.Updated
	}
	if len(p.links) > 0 && o.rels {
		c, err := writeLinks(ctx, tx, p.links, o.isNew)
		if err != nil {
			return nil, err
		}
		counts[linkLabel] = c
	}
	return counts, nil
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func relParams(rows []relRow) []map[string]any {
	params := make([]map[string]any, len(rows))
	for i, r := range rows {
		ts := make([]map[string]any, len(r.targets))
		for j, t := range r.targets {
			ts[j] = map[string]any{"id": t.id, "props": t.props}
		}
		params[i] = map[string]any{"id": r.owner, "targets": ts}
	}
	return params
}

// split partitions rows by f.
func split[T any](rows []T, f func(T) bool) (yes, no []T) {
	for _, r := range rows {
		if f(r) {
			yes = append(yes, r)
		} else {
			no = append(no, r)
		}
	}
	return yes, no
}

// createProps is every property of a node created by a batch: its fields,
// and the audit fields from the input when it has them (an export).
func createProps(r nodeRow, by string, now time.Time) map[string]any {
	props := make(map[string]any, len(r.props)+5)
	for k, v := range r.props {
		if v != nil {
			props[k] = v
		}
	}
	props["id"], props["createdAt"], props["updatedAt"], props["version"], props["updatedBy"] = r.id, now, now, int64(1), by
	for k, v := range r.meta {
		if v != nil {
			props[k] = v
		}
	}
	return props
}

// createQuery creates nodes known not to exist; returns nothing. One SET of
// a whole map keeps the plan free of Eager operators, which a dynamic
// "n += map" next to other SETs brings in (they buffer every row).
func createQuery(label string) string {
	return "UNWIND $rows AS row CREATE (n:" + label + ") SET n = row"
}

// createRelsQuery creates the relationships of records created by this
// write (which have none yet); returns nothing.
func createRelsQuery(s relSpec) string {
	arrow := "-[r:" + s.rel + "]->"
	if !s.out {
		arrow = "<-[r:" + s.rel + "]-"
	}
	props := ""
	if s.props != "" {
		// Named properties, not "SET r = map", which would make the plan Eager.
		var kv []string
		for _, k := range strings.Split(s.props, ",") {
			kv = append(kv, k+": t.props."+k)
		}
		props = " {" + strings.Join(kv, ", ") + "}"
		arrow = strings.Replace(arrow, "]", props+"]", 1)
	}
	return `UNWIND $rows AS row
MATCH (a:` + s.owner + ` {id: row.id})
UNWIND row.targets AS t
MATCH (b:` + s.other + ` {id: t.id})
CREATE (a)` + arrow + `(b)`
}

// upsertQuery returns, for rows of {id, props}, each id with "created",
// "updated" (a property differed: version + 1) or "unchanged".
func upsertQuery(label string) string {
	return `UNWIND $rows AS row
MERGE (n:` + label + ` {id: row.id})
ON CREATE SET n.createdAt = coalesce(row.meta.createdAt, datetime()), n.version = 0
WITH n, row, n.version = 0 AS created,
     any(k IN keys(row.props) WHERE NOT (n[k] = row.props[k]) OR (n[k] IS NULL) <> (row.props[k] IS NULL)) AS differs
FOREACH (_ IN CASE WHEN created THEN [1] ELSE [] END |
  SET n += row.props, n.version = coalesce(row.meta.version, 1),
      n.updatedAt = coalesce(row.meta.updatedAt, datetime()), n.updatedBy = coalesce(row.meta.updatedBy, $by))
FOREACH (_ IN CASE WHEN differs AND NOT created THEN [1] ELSE [] END |
  SET n += row.props, n.version = n.version + 1, n.updatedAt = datetime(), n.updatedBy = $by)
RETURN row.id AS id, CASE WHEN created THEN 'created' WHEN differs THEN 'updated' ELSE 'unchanged' END AS state`
}

// relSetQuery returns, for rows of {id, targets: [{id, props}]}, each owner
// id and whether its relationships of the spec changed. Relationships to
// targets not listed are removed (unless the set is additive).
func relSetQuery(s relSpec) string {
	left, right := "-[", "]->"
	if !s.out {
		left, right = "<-[", "]-"
	}
	merge := left + "r:" + s.rel + right
	if s.additive {
		merge = "-[r:" + s.rel + "]-"
	}
	remove := `
CALL (a, row) {
  OPTIONAL MATCH (a)` + left + `old:` + s.rel + right + `(o:` + s.other + `)
  WHERE NOT o.id IN [t IN row.targets | t.id]
  DELETE old
  RETURN count(old) AS removed
}`
	if s.additive {
		remove = "\nWITH a, row, 0 AS removed"
	}
	return `UNWIND $rows AS row
MATCH (a:` + s.owner + ` {id: row.id})` + remove + `
CALL (a, row) {
  UNWIND row.targets AS t
  MATCH (b:` + s.other + ` {id: t.id})
  MERGE (a)` + merge + `(b)
  ON CREATE SET r.__created = true
  WITH r, t, r.__created IS NOT NULL OR
       any(k IN keys(t.props) WHERE NOT (r[k] = t.props[k]) OR (r[k] IS NULL) <> (t.props[k] IS NULL)) AS differs
  SET r += t.props
  REMOVE r.__created
  RETURN count(CASE WHEN differs THEN 1 END) AS added
}
RETURN a.id AS id, removed + added > 0 AS changed`
}

// writeLinks upserts referral links by id; a link whose ends changed moves.
func writeLinks(ctx context.Context, tx runner, links []domain.ReferralLink, isNew func(label, id string) bool) (*LabelCounts, error) {
	var rows, fresh []map[string]any
	for _, l := range links {
		props := encode(l)
		delete(props, "fromId")
		delete(props, "toId")
		row := map[string]any{"from": l.FromID, "to": l.ToID, "props": props}
		if isNew != nil && isNew(linkLabel, l.ID) {
			fresh = append(fresh, row)
		} else {
			rows = append(rows, row)
		}
	}
	c := &LabelCounts{Created: len(fresh)}
	// Creates links known not to exist; returns nothing.
	const create = `UNWIND $rows AS row
MATCH (a:Stakeholder {id: row.from})
MATCH (b:Stakeholder {id: row.to})
CREATE (a)-[:REFERS_TO {id: row.props.id, categoryIds: row.props.categoryIds, status: row.props.status,
  since: row.props.since, illustrative: row.props.illustrative, source: row.props.source}]->(b)`
	for chunk := range slices.Chunk(fresh, batchSize) {
		if _, err := collect(ctx, tx, create, map[string]any{"rows": chunk}); err != nil {
			return nil, fmt.Errorf("write referral links: %w", err)
		}
	}
	// Returns each link id with created / updated / unchanged.
	const cypher = `UNWIND $rows AS row
MATCH (a:Stakeholder {id: row.from})
MATCH (b:Stakeholder {id: row.to})
OPTIONAL MATCH (x)-[old:REFERS_TO {id: row.props.id}]->(y) WHERE x <> a OR y <> b
WITH a, b, row, collect(old) AS moved
FOREACH (m IN moved | DELETE m)
MERGE (a)-[r:REFERS_TO {id: row.props.id}]->(b)
ON CREATE SET r.__created = true
WITH r, row, r.__created IS NOT NULL AS created, size(moved) > 0 AS wasMoved,
     any(k IN keys(row.props) WHERE NOT (r[k] = row.props[k]) OR (r[k] IS NULL) <> (row.props[k] IS NULL)) AS differs
SET r += row.props
REMOVE r.__created
RETURN row.props.id AS id,
       CASE WHEN created AND NOT wasMoved THEN 'created' WHEN created OR differs THEN 'updated' ELSE 'unchanged' END AS state`
	for chunk := range slices.Chunk(rows, batchSize) {
		recs, err := collect(ctx, tx, cypher, map[string]any{"rows": chunk})
		if err != nil {
			return nil, fmt.Errorf("write referral links: %w", err)
		}
		for _, rec := range recs {
			r := rowOf(rec)
			state := col[string](r, "state")
			if err := r.Err(); err != nil {
				return nil, fmt.Errorf("write referral links: %w", err)
			}
			switch state {
			case "created":
				c.Created++
			case "updated":
				c.Updated++
			default:
				c.Unchanged++
			}
		}
	}
	return c, nil
}
