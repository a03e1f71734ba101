package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// Deleted names a deleted record.
type Deleted struct {
	Label string
	ID    string
}

// dependants are, per label, the records that cannot exist without it —
// they reference it in a required field — each as a pattern from (n) to (d).
// Everything else that points at a deleted record just loses the link.
var dependants = map[string][]struct{ label, pattern string }{
	LabelTerritory: {
		// Sub-territories through the administrative parent (a planning
		// zone's members merely leave the zone).
		{LabelTerritory, "(n)<-[:PART_OF]-(d:Territory) WHERE n.level <> 'ZONE'"},
		{LabelStakeholder, "(n)<-[:LOCATED_IN]-(d:Stakeholder)"},
		{LabelNeed, "(n)<-[:IN_TERRITORY]-(d:Need)"},
		// Services that would cover no territory are found by uncovered.
	},
	LabelStakeholder: {{LabelService, "(n)-[:PROVIDES]->(d:Service)"}},
	LabelServiceCategory: {
		{LabelServiceCategory, "(n)<-[:SUBCATEGORY_OF]-(d:ServiceCategory)"},
		{LabelService, "(n)<-[:IN_CATEGORY]-(d:Service)"},
		{LabelNeed, "(n)<-[:FOR_CATEGORY]-(d:Need)"},
	},
	LabelTargetGroup: {{LabelNeed, "(n)<-[:OF_GROUP]-(d:Need)"}},
}

// Delete deletes a record. When others depend on it, it fails with CONFLICT
// naming them, unless cascade, in which case they go too (and their own
// dependants). It returns every record deleted.
func (s *Store) Delete(ctx context.Context, label, id string, cascade bool) ([]Deleted, error) {
	var deleted []Deleted
	err := s.transact(ctx, neo4j.AccessModeWrite, func(tx runner) error {
		deleted = nil
		if err := mayWrite(ctx, tx, label, []string{id}, &domain.Document{}); err != nil {
			return err
		}
		recs, err := collect(ctx, tx, "MATCH (n:"+label+" {id: $id}) RETURN n.id", map[string]any{"id": id})
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			return notFound(label, id)
		}
		all := []Deleted{{label, id}}
		seen := map[Deleted]bool{all[0]: true}
		for frontier := all; len(frontier) > 0; {
			var next []Deleted
			for _, r := range frontier {
				for _, dep := range dependants[r.Label] {
					// Returns the ids of the records that depend on n.
					q := "MATCH (n:" + r.Label + " {id: $id}) MATCH " + dep.pattern + " RETURN d.id AS id ORDER BY d.id"
					recs, err := collect(ctx, tx, q, map[string]any{"id": r.ID})
					if err != nil {
						return fmt.Errorf("delete %s %s: dependants: %w", r.Label, r.ID, err)
					}
					for _, rec := range recs {
						row := rowOf(rec)
						d := Deleted{dep.label, col[string](row, "id")}
						if err := row.Err(); err != nil {
							return fmt.Errorf("delete %s %s: dependants: %w", r.Label, r.ID, err)
						}
						if !seen[d] {
							seen[d] = true
							next = append(next, d)
						}
					}
				}
			}
			more, err := uncovered(ctx, tx, seen)
			if err != nil {
				return err
			}
			next = append(next, more...)
			all = append(all, next...)
			frontier = next
		}
		if len(all) > 1 && !cascade {
			return dependantsConflict(label, id, all[1:])
		}
		byLabel := map[string][]string{}
		for _, d := range all {
			byLabel[d.Label] = append(byLabel[d.Label], d.ID)
		}
		for l, ids := range byLabel {
			// Deletes the records and every relationship they have.
			if _, err := collect(ctx, tx, "UNWIND $ids AS id MATCH (n:"+l+" {id: id}) DETACH DELETE n", map[string]any{"ids": ids}); err != nil {
				return fmt.Errorf("delete %s: %w", l, err)
			}
		}
		deleted = all
		return nil
	})
	return deleted, err
}

func dependantsConflict(label, id string, deps []Deleted) error {
	names := make([]string, 0, min(len(deps), 10))
	list := make([]map[string]any, len(deps))
	for i, d := range deps {
		if i < 10 {
			names = append(names, domain.LabelName(d.Label)+" "+d.ID)
		}
		list[i] = map[string]any{"type": d.Label, "id": d.ID}
	}
	more := ""
	if len(deps) > 10 {
		more = fmt.Sprintf(" and %d more", len(deps)-10)
	}
	return &domain.Error{Code: domain.CodeConflict, Field: "id",
		Message: fmt.Sprintf("%s %q has dependants: %s%s; delete them first or pass cascade: true",
			domain.LabelName(label), id, strings.Join(names, ", "), more),
		Details: map[string]any{"dependants": list}}
}

// uncovered returns the services, not yet deleted, whose every covered
// territory is being deleted: a service covers at least one territory, so
// they are dependants of those territories together (a municipality and its
// villages), though of none of them alone.
func uncovered(ctx context.Context, tx runner, deleting map[Deleted]bool) ([]Deleted, error) {
	var ids []string
	for d := range deleting {
		if d.Label == LabelTerritory {
			ids = append(ids, d.ID)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	// Returns the services covering only territories in $ids.
	recs, err := collect(ctx, tx, `UNWIND $ids AS id
MATCH (:Territory {id: id})<-[:COVERS]-(s:Service)
WITH DISTINCT s
WHERE all(c IN COLLECT { MATCH (s)-[:COVERS]->(x:Territory) RETURN x.id } WHERE c IN $ids)
RETURN s.id AS id ORDER BY s.id`, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("delete: services left without coverage: %w", err)
	}
	var out []Deleted
	for _, rec := range recs {
		r := rowOf(rec)
		d := Deleted{LabelService, col[string](r, "id")}
		if err := r.Err(); err != nil {
			return nil, fmt.Errorf("delete: services left without coverage: %w", err)
		}
		if !deleting[d] {
			deleting[d] = true
			out = append(out, d)
		}
	}
	return out, nil
}
