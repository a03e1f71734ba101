package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
)

// WriteOptions tune Write.
type WriteOptions struct {
	DryRun bool // validate and count, then roll back
}

var errDryRun = errors.New("dry run: rolled back")

// Write validates a document — every record's own rules, then every
// reference against the document and the database — and writes it in one
// transaction: all of it, or nothing and the list of every problem
// (domain.Problems). A dry run does the same and rolls back, so its counts
// are exact.
func (s *Store) Write(ctx context.Context, doc *domain.Document, opt WriteOptions) (WriteCounts, error) {
	own := doc.Validate()
	var counts WriteCounts
	err := s.transact(ctx, neo4j.AccessModeWrite, func(tx runner) error {
		if err := mustBe(ctx, auth.Editor, "import a document"); err != nil {
			return err
		}
		if err := validate(ctx, tx, doc, own); err != nil {
			return err
		}
		var err error
		counts, err = apply(ctx, tx, plan(doc), applyOpts{nodes: true, rels: true})
		if err == nil && opt.DryRun {
			return errDryRun
		}
		return err
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return counts, err
}

// newID makes an id for a record created without one: a type prefix and 96
// random bits, e.g. "st-5f1c0e9b2a7d4c3e8f6a1b0d".
func newID(prefix string) string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return prefix + "-" + hex.EncodeToString(b[:])
}

// idPrefixes are the prefixes of generated ids, as the demo data uses them.
var idPrefixes = map[string]string{
	LabelTerritory: "tr", LabelStakeholder: "st", LabelServiceCategory: "cat", LabelTargetGroup: "tg",
	LabelService: "svc", LabelNeed: "need", LabelCooperationArea: "area", LabelPartnership: "ps",
	LabelPractice: "pr", LabelProject: "prj", LabelEvent: "ev", linkLabel: "ref", "ApiKey": "key", LabelReferral: "rfl",
}

// NewID returns a fresh id for a record of label.
func NewID(label string) string { return newID(idPrefixes[label]) }

// Create writes a document of one new record. Creating a record whose id
// exists already is allowed when it changes nothing (a retried request);
// otherwise it is a CONFLICT.
func (s *Store) Create(ctx context.Context, label string, doc *domain.Document) error {
	_, err := s.writeOne(ctx, label, doc, nil)
	return err
}

// versionConflict is the CONFLICT of an update against a stale version.
func versionConflict(label, id string, current int64) error {
	return &domain.Error{Code: domain.CodeConflict, Field: "expectedVersion",
		Message: fmt.Sprintf("%s %q has changed: its version is now %d; read it again and retry", domain.LabelName(label), id, current),
		Details: map[string]any{"currentVersion": current}}
}

func notFound(label, id string) error {
	return &domain.Error{Code: domain.CodeNotFound, Field: "id", Message: fmt.Sprintf("no %s with id %q", domain.LabelName(label), id)}
}

// Update replaces a record's fields and owned relationships when
// expectedVersion is its stored version. The record is locked before its
// version is read, so of concurrent updates with the same expectedVersion
// exactly one wins and the others get CONFLICT.
func (s *Store) Update(ctx context.Context, label, id string, doc *domain.Document, expectedVersion int64) error {
	_, err := s.writeOne(ctx, label, doc, &expectedVersion)
	return err
}

// writeOne writes a one-record document as a create (expected == nil) or
// an update.
func (s *Store) writeOne(ctx context.Context, label string, doc *domain.Document, expected *int64) (WriteCounts, error) {
	own := doc.Validate()
	p := plan(doc)
	if len(p.nodes[label]) != 1 {
		return nil, fmt.Errorf("write %s: want one record, got %d", label, len(p.nodes[label]))
	}
	id := p.nodes[label][0].id
	var counts WriteCounts
	err := s.transact(ctx, neo4j.AccessModeWrite, func(tx runner) error {
		// Takes the node's write lock (a no-op write), then reads its
		// version: a read after the lock sees the last committed version.
		recs, err := collect(ctx, tx, "MATCH (n:"+label+" {id: $id}) SET n.__lock = true RETURN n.version AS version", map[string]any{"id": id})
		if err != nil {
			return err
		}
		if expected != nil {
			if len(recs) == 0 {
				return notFound(label, id)
			}
			r := rowOf(recs[0])
			if v := col[int64](r, "version"); r.Err() != nil {
				return fmt.Errorf("update %s %q: %w", label, id, r.Err())
			} else if v != *expected {
				return versionConflict(label, id, v)
			}
		}
		if err := mayWrite(ctx, tx, label, []string{id}, doc); err != nil {
			return err
		}
		if err := validate(ctx, tx, doc, own); err != nil {
			return err
		}
		counts, err = apply(ctx, tx, p, applyOpts{nodes: true, rels: true})
		if err != nil {
			return err
		}
		if _, err := collect(ctx, tx, "MATCH (n:"+label+" {id: $id}) REMOVE n.__lock", map[string]any{"id": id}); err != nil {
			return err
		}
		if expected == nil && counts[label].Updated > 0 {
			return &domain.Error{Code: domain.CodeConflict, Field: "input.id",
				Message: fmt.Sprintf("a %s with id %q exists already and differs; use update", domain.LabelName(label), id)}
		}
		return nil
	})
	return counts, err
}
