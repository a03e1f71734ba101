package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// CreateLink adds a referral link. An existing id is accepted when nothing
// changes (a retried request), otherwise it is a CONFLICT.
func (s *Store) CreateLink(ctx context.Context, l domain.ReferralLink) error {
	return s.writeLink(ctx, l, false)
}

// UpdateLink replaces a referral link (its ends may change). NOT_FOUND for
// an unknown id and, alike, for a link the coordinator may not see.
func (s *Store) UpdateLink(ctx context.Context, l domain.ReferralLink) error {
	return s.writeLink(ctx, l, true)
}

func (s *Store) writeLink(ctx context.Context, l domain.ReferralLink, update bool) error {
	doc := &domain.Document{ReferralLinks: []domain.ReferralLink{l}}
	own := doc.Validate()
	return s.transact(ctx, neo4j.AccessModeWrite, func(tx runner) error {
		if err := mayWrite(ctx, tx, linkLabel, []string{l.ID}, doc); err != nil {
			if !update && domain.ErrorCode(err) == domain.CodeNotFound {
				// The id is taken by a link the coordinator may not see:
				// refused as any taken id is, without saying whose it is.
				return &domain.Error{Code: domain.CodeConflict, Field: "input.id", Message: fmt.Sprintf("a referral link with id %q exists already", l.ID)}
			}
			return err
		}
		recs, err := collect(ctx, tx, "MATCH ()-[r:REFERS_TO {id: $id}]->() RETURN r.id", map[string]any{"id": l.ID})
		if err != nil {
			return err
		}
		if update && len(recs) == 0 {
			return notFound(linkLabel, l.ID)
		}
		if err := validate(ctx, tx, doc, own); err != nil {
			return err
		}
		c, err := writeLinks(ctx, tx, doc.ReferralLinks, nil)
		if err != nil {
			return err
		}
		if !update && c.Updated > 0 {
			return &domain.Error{Code: domain.CodeConflict, Field: "input.id",
				Message: fmt.Sprintf("a referral link with id %q exists already and differs; use updateReferralLink", l.ID)}
		}
		return nil
	})
}

// RemoveLink deletes a referral link. NOT_FOUND for an unknown id and,
// alike, for a link the coordinator may not see.
func (s *Store) RemoveLink(ctx context.Context, id string) error {
	return s.transact(ctx, neo4j.AccessModeWrite, func(tx runner) error {
		if err := mayWrite(ctx, tx, linkLabel, []string{id}, &domain.Document{}); err != nil {
			return err
		}
		// Deletes the link; returns how many there were (0 or 1).
		recs, err := collect(ctx, tx, "MATCH ()-[r:REFERS_TO {id: $id}]->() DELETE r RETURN count(*) AS n", map[string]any{"id": id})
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			return notFound(linkLabel, id)
		}
		r := rowOf(recs[0])
		if n := col[int64](r, "n"); r.Err() != nil {
			return fmt.Errorf("remove referral link %q: %w", id, r.Err())
		} else if n == 0 {
			return notFound(linkLabel, id)
		}
		return nil
	})
}

// Link returns a referral link with its two stakeholders, or nil.
func (s *Store) Link(ctx context.Context, id string) (*domain.ReferralLink, *domain.Stakeholder, *domain.Stakeholder, error) {
	// Returns the link and its ends (found through the REFERS_TO id index),
	// when the caller may see it.
	recs, err := s.read(ctx, "MATCH (a:Stakeholder)-[r:REFERS_TO {id: $id}]->(b:Stakeholder) WHERE "+referralVisible("a", "b")+
		" RETURN "+visible(LabelStakeholder, "a")+" AS a, properties(r) AS props, "+visible(LabelStakeholder, "b")+" AS b", withAccess(ctx, map[string]any{"id": id}))
	if err != nil || len(recs) == 0 {
		return nil, nil, nil, err
	}
	a, err := decodeNode[domain.Stakeholder](recs[0], "a")
	if err != nil {
		return nil, nil, nil, err
	}
	b, err := decodeNode[domain.Stakeholder](recs[0], "b")
	if err != nil {
		return nil, nil, nil, err
	}
	r := rowOf(recs[0])
	l := linkOf(a.ID, b.ID, col[map[string]any](r, "props"))
	if err := r.Err(); err != nil {
		return nil, nil, nil, fmt.Errorf("referral link %q: %w", id, err)
	}
	return &l, a, b, nil
}
