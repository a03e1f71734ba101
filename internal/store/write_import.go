package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
)

// The functions here serve imports too large for one transaction: the
// importer validates the whole file first (CheckBatch, LookupIDs,
// StoredCategoryParents), then writes it batch by batch (WriteBatch), all
// nodes before any relationship; and exports read the graph page by page.

// CheckBatch checks the references of a batch of an import against the
// batch, known (the rest of the import) and the database.
func (s *Store) CheckBatch(ctx context.Context, doc *domain.Document, known Known) (domain.Problems, error) {
	var ps domain.Problems
	err := s.transact(ctx, neo4j.AccessModeRead, func(tx runner) error {
		var err error
		ps, err = checkRefsKnown(ctx, tx, doc, known)
		return err
	})
	return ps, err
}

// LookupIDs returns which of the wanted ids exist, per label, with the
// level of territories.
func (s *Store) LookupIDs(ctx context.Context, want map[string][]string) (map[string]map[string]domain.TerritoryLevel, error) {
	var found map[string]map[string]domain.TerritoryLevel
	err := s.transact(ctx, neo4j.AccessModeRead, func(tx runner) error {
		var err error
		found, err = lookupIDs(ctx, tx, want)
		return err
	})
	return found, err
}

// StoredCategoryParents returns the stored parent of the given categories
// and of everything above them.
func (s *Store) StoredCategoryParents(ctx context.Context, ids []string) (map[string]string, error) {
	var out map[string]string
	err := s.transact(ctx, neo4j.AccessModeRead, func(tx runner) error {
		var err error
		out, err = storedParents(ctx, tx, ids)
		return err
	})
	return out, err
}

// BatchPass says which half of a batched import a WriteBatch call writes.
type BatchPass struct {
	Nodes bool // true: the records' properties; false: their relationships
	// Changed (node pass) is told every record created or changed; Skip
	// (relationship pass) names them, so that a record is not versioned
	// twice.
	Changed func(label, id string)
	Skip    func(label, id string) bool
	// IsNew names the records that do not exist yet (see applyOpts.isNew).
	IsNew func(label, id string) bool
}

// WriteBatch writes one batch of an import, already validated, in its own
// transaction: its nodes or its relationships.
func (s *Store) WriteBatch(ctx context.Context, doc *domain.Document, pass BatchPass) (WriteCounts, error) {
	var counts WriteCounts
	err := s.transact(ctx, neo4j.AccessModeWrite, func(tx runner) error {
		if err := mustBe(ctx, auth.Editor, "import a document"); err != nil {
			return err
		}
		var err error
		counts, err = apply(ctx, tx, plan(doc), applyOpts{nodes: pass.Nodes, rels: !pass.Nodes,
			skip: pass.Skip, changed: pass.Changed, isNew: pass.IsNew})
		return err
	})
	return counts, err
}

// LookupLinkIDs returns which of the given referral link ids exist.
func (s *Store) LookupLinkIDs(ctx context.Context, ids []string) (map[string]bool, error) {
	// Returns the ids that exist (through the REFERS_TO id index).
	recs, err := s.read(ctx, "UNWIND $ids AS id MATCH ()-[r:REFERS_TO {id: id}]->() RETURN DISTINCT id", map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("look up referral links: %w", err)
	}
	out := map[string]bool{}
	for _, rec := range recs {
		r := rowOf(rec)
		out[col[string](r, "id")] = true
		if err := r.Err(); err != nil {
			return nil, fmt.Errorf("look up referral links: %w", err)
		}
	}
	return out, nil
}
