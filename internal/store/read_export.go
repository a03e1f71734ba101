package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// Exports read the graph page by page, in id order, so that a graph of
// any size streams in flat memory.

// ExportPage returns up to limit records of label whose ids come after
// after, in id order, with the relationships they own, and the last id
// (empty when there are no more).
func (s *Store) ExportPage(ctx context.Context, label, after string, limit int) (*domain.Document, string, error) {
	// Returns a page of records in id order (the id index gives the order).
	recs, err := s.read(ctx, recordQuery(label, "WHERE n.id > $after", "ORDER BY n.id LIMIT $limit"),
		map[string]any{"after": after, "limit": limit})
	if err != nil {
		return nil, "", fmt.Errorf("export %s: %w", label, err)
	}
	doc := &domain.Document{Format: domain.DocumentFormat}
	last := ""
	for _, rec := range recs {
		if err := addRecord(doc, label, rec); err != nil {
			return nil, "", err
		}
		r := rowOf(rec)
		last, _ = col[neo4j.Node](r, "n").Props["id"].(string)
		if err := r.Err(); err != nil {
			return nil, "", fmt.Errorf("export %s: %w", label, err)
		}
	}
	return doc, last, nil
}

// ExportLinks returns up to limit referral links with ids after after.
func (s *Store) ExportLinks(ctx context.Context, after string, limit int) ([]domain.ReferralLink, string, error) {
	// Returns a page of referral links in id order.
	recs, err := s.read(ctx, `MATCH (a:Stakeholder)-[r:REFERS_TO]->(b:Stakeholder) WHERE r.id > $after
RETURN a.id AS from, properties(r) AS props, b.id AS to ORDER BY r.id LIMIT $limit`, map[string]any{"after": after, "limit": limit})
	if err != nil {
		return nil, "", fmt.Errorf("export referral links: %w", err)
	}
	var out []domain.ReferralLink
	last := ""
	for _, rec := range recs {
		r := rowOf(rec)
		l := linkOf(col[string](r, "from"), col[string](r, "to"), col[map[string]any](r, "props"))
		if err := r.Err(); err != nil {
			return nil, "", fmt.Errorf("export referral links: %w", err)
		}
		out = append(out, l)
		last = l.ID
	}
	return out, last, nil
}

// CountRelationships returns how many relationships the database holds
// (from the count store, not a scan); benchmarks report it.
func (s *Store) CountRelationships(ctx context.Context) (int, error) {
	// Returns the number of relationships.
	recs, err := s.read(ctx, "MATCH ()-[r]->() RETURN count(r) AS n", nil)
	if err != nil {
		return 0, err
	}
	r := rowOf(recs[0])
	n := col[int64](r, "n")
	return int(n), r.Err()
}
