package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
)

// Edit changes one record in one transaction: it locks the record, reads
// it with the relationships it owns, lets edit change that document, and
// writes it back with the same validation as any write. Relationship
// mutations (addPartnershipParty, setStakeholderAreas...) are edits, so
// they bump the owner's version like an update does. Problems name the
// edited record's fields without the document path ("areaIds[1]").
func (s *Store) Edit(ctx context.Context, label, id string, edit func(doc *domain.Document) error) error {
	return s.transact(ctx, neo4j.AccessModeWrite, func(tx runner) error {
		if err := lock(ctx, tx, label, id); err != nil {
			return err
		}
		doc, err := readRecords(ctx, tx, label, []string{id})
		if err != nil {
			return err
		}
		if err := edit(doc); err != nil {
			return err
		}
		if err := mayWrite(ctx, tx, label, []string{id}, doc); err != nil {
			return err
		}
		if err := validate(ctx, tx, doc, doc.Validate()); err != nil {
			return err
		}
		if _, err := apply(ctx, tx, plan(doc), applyOpts{nodes: true, rels: true}); err != nil {
			return err
		}
		return unlock(ctx, tx, label, id)
	})
}

// lock takes the write lock of a record (a no-op write) so that what the
// transaction reads of it next is the last committed state; NOT_FOUND when
// there is no such record.
func lock(ctx context.Context, tx runner, label, id string) error {
	recs, err := collect(ctx, tx, "MATCH (n:"+label+" {id: $id}) SET n.__lock = true RETURN n.version", map[string]any{"id": id})
	if err != nil {
		return err
	}
	if len(recs) == 0 {
		return notFound(label, id)
	}
	return nil
}

func unlock(ctx context.Context, tx runner, label, id string) error {
	_, err := collect(ctx, tx, "MATCH (n:"+label+" {id: $id}) REMOVE n.__lock", map[string]any{"id": id})
	return err
}

// SetNeighbours replaces every NEIGHBOUR_OF link of a territory, in both
// directions, with the given ones.
func (s *Store) SetNeighbours(ctx context.Context, territoryID string, ns []domain.Neighbour) error {
	probe := domain.TerritoryRecord{Territory: domain.Territory{Meta: domain.Meta{ID: territoryID}}, Neighbours: ns}
	var ps domain.Problems
	for _, p := range probe.Validate() {
		if strings.HasPrefix(p.Field, "neighbours") {
			ps = append(ps, p)
		}
	}
	if len(ps) > 0 {
		return ps
	}
	return s.transact(ctx, neo4j.AccessModeWrite, func(tx runner) error {
		if err := mustBe(ctx, auth.Editor, "change neighbours"); err != nil {
			return err
		}
		if err := lock(ctx, tx, LabelTerritory, territoryID); err != nil {
			return err
		}
		ids := make([]string, len(ns))
		for i, n := range ns {
			ids[i] = n.TerritoryID
		}
		// Returns the listed neighbour ids that exist.
		recs, err := collect(ctx, tx, "UNWIND $ids AS id MATCH (o:Territory {id: id}) RETURN o.id AS id", map[string]any{"ids": ids})
		if err != nil {
			return err
		}
		found := map[string]bool{}
		for _, rec := range recs {
			r := rowOf(rec)
			found[col[string](r, "id")] = true
			if err := r.Err(); err != nil {
				return fmt.Errorf("set neighbours of %q: %w", territoryID, err)
			}
		}
		var missing domain.Problems
		for i, id := range ids {
			if !found[id] {
				missing = append(missing, domain.Problem{Field: fmt.Sprintf("neighbours[%d].territoryId", i), Message: fmt.Sprintf("no territory with id %q", id)})
			}
		}
		if len(missing) > 0 {
			return missing
		}
		rows := make([]map[string]any, len(ns))
		for i, n := range ns {
			rows[i] = map[string]any{"id": n.TerritoryID, "props": map[string]any{"distanceKm": n.DistanceKm, "illustrative": n.Illustrative}}
		}
		// Removes the links to territories not listed, merges the listed
		// ones, and bumps the territory's version when anything changed;
		// returns nothing.
		const cypher = `MATCH (t:Territory {id: $id})
CALL (t) {
  OPTIONAL MATCH (t)-[old:NEIGHBOUR_OF]-(o:Territory) WHERE NOT o.id IN [r IN $rows | r.id]
  DELETE old
  RETURN count(old) AS removed
}
CALL (t) {
  UNWIND $rows AS row
  MATCH (o:Territory {id: row.id})
  MERGE (t)-[r:NEIGHBOUR_OF]-(o)
  ON CREATE SET r.__created = true
  WITH r, row, r.__created IS NOT NULL OR r.distanceKm <> row.props.distanceKm
       OR coalesce(r.illustrative, false) <> row.props.illustrative AS differs
  SET r += row.props
  REMOVE r.__created
  RETURN count(CASE WHEN differs THEN 1 END) AS added
}
FOREACH (_ IN CASE WHEN removed + added > 0 THEN [1] ELSE [] END |
  SET t.version = t.version + 1, t.updatedAt = datetime(), t.updatedBy = $by)
REMOVE t.__lock`
		_, err = collect(ctx, tx, cypher, map[string]any{"id": territoryID, "rows": rows, "by": auth.Actor(ctx)})
		return err
	})
}
