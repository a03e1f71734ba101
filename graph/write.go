package graph

import (
	"context"

	"github.com/coopgraph/coopgraph/graph/model"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/store"
)

// actor is who a write is recorded as (updatedBy). Until requests carry an
// identity, every API write is "api"; the CLI writes as "system".
func actor(context.Context) string { return "api" }

// newID returns id, or a new id for a record of label when id is empty.
func newID(id, label string) string {
	if id == "" {
		return store.NewID(label)
	}
	return id
}

// sameID checks that an update's input names the record updated (or no
// record) and sets it.
func sameID(id string, inputID *string) error {
	if *inputID != "" && *inputID != id {
		return domain.Invalid("input.id", "must be empty or equal id (%q), got %q", id, *inputID)
	}
	*inputID = id
	return nil
}

// createRecord creates the one record of doc, whose id is id, and returns
// it as stored.
func createRecord[T any](ctx context.Context, st *store.Store, label, id string, doc *domain.Document) (*T, error) {
	doc.Format = domain.DocumentFormat
	if err := st.Create(ctx, label, doc, actor(ctx)); err != nil {
		return nil, err
	}
	return store.Get[T](ctx, st, label, id)
}

// updateRecord replaces the record id with the one record of doc when its
// stored version is expected, and returns it as stored.
func updateRecord[T any](ctx context.Context, st *store.Store, label, id string, doc *domain.Document, expected int) (*T, error) {
	doc.Format = domain.DocumentFormat
	if err := st.Update(ctx, label, id, doc, int64(expected), actor(ctx)); err != nil {
		return nil, err
	}
	return store.Get[T](ctx, st, label, id)
}

// deleteRecord deletes a record (and, with cascade, its dependants).
func deleteRecord(ctx context.Context, st *store.Store, label, id string, cascade *bool) (*model.DeleteResult, error) {
	deleted, err := st.Delete(ctx, label, id, defaultOr(cascade, false))
	if err != nil {
		return nil, err
	}
	out := &model.DeleteResult{Deleted: make([]*model.DeletedRecord, len(deleted))}
	for i, d := range deleted {
		out.Deleted[i] = &model.DeletedRecord{Type: d.Label, ID: d.ID}
	}
	return out, nil
}

// editRecord changes one record through edit and returns it as stored.
func editRecord[T any](ctx context.Context, st *store.Store, label, id string, edit func(doc *domain.Document) error) (*T, error) {
	if err := st.Edit(ctx, label, id, actor(ctx), edit); err != nil {
		return nil, err
	}
	return store.Get[T](ctx, st, label, id)
}

// link returns a referral link as the API shows it.
func link(ctx context.Context, st *store.Store, id string) (*model.ReferralLink, error) {
	l, from, to, err := st.Link(ctx, id)
	if err != nil || l == nil {
		return nil, err
	}
	return &model.ReferralLink{ReferralLink: *l, From: from, To: to}, nil
}
