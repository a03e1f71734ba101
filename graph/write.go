package graph

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/coopgraph/coopgraph/graph/model"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/store"
)

// newID returns id, or a new id for a record of label when id is empty.
func newID(id, label string) string {
	if id == "" {
		return store.NewID(label)
	}
	return id
}

// sameID checks that an update's input names the record updated (or no
// record), and sets it; the problem, if any, is reported with the input's
// others (see updateRecord).
func sameID(id string, inputID *string) *domain.Problem {
	var p *domain.Problem
	if *inputID != "" && *inputID != id {
		p = &domain.Problem{Field: "input.id", Message: fmt.Sprintf("must be empty or equal id (%q), got %q", id, *inputID)}
	}
	*inputID = id
	return p
}

// createRecord creates the one record of doc, whose id is id, and returns
// it as stored.
func createRecord[T any](ctx context.Context, st *store.Store, label, id string, doc *domain.Document) (*T, error) {
	doc.Format = domain.DocumentFormat
	if err := st.Create(ctx, label, doc); err != nil {
		return nil, recordProblems(err, "input.")
	}
	return store.Get[T](ctx, st, label, id)
}

// updateRecord replaces the record id with the one record of doc when its
// stored version is expected, and returns it as stored.
func updateRecord[T any](ctx context.Context, st *store.Store, label, id string, idProblem *domain.Problem, doc *domain.Document, expected int) (*T, error) {
	doc.Format = domain.DocumentFormat
	if idProblem != nil {
		return nil, append(domain.Problems{*idProblem}, doc.Validate().InRecord("input.")...)
	}
	if err := st.Update(ctx, label, id, doc, int64(expected)); err != nil {
		return nil, recordProblems(err, "input.")
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
// arg, when set, renames the record's fields in problems after the
// mutation's arguments ("coverageIds[1]" → "territoryIds[1]").
func editRecord[T any](ctx context.Context, st *store.Store, label, id string, arg func(field string) string, edit func(doc *domain.Document) error) (*T, error) {
	err := recordProblems(st.Edit(ctx, label, id, edit), "")
	var ps domain.Problems
	if errors.As(err, &ps) && arg != nil {
		for i := range ps {
			ps[i].Field = arg(ps[i].Field)
		}
		return nil, ps
	}
	if err != nil {
		return nil, err
	}
	return store.Get[T](ctx, st, label, id)
}

// partyField matches a party's field in a partnership record.
var partyField = regexp.MustCompile(`^parties\[\d+\]\.`)

// partyArg names a party's fields as the party mutations' arguments
// ("parties[3].stakeholderId" → "stakeholderId").
func partyArg(field string) string { return partyField.ReplaceAllString(field, "") }

// coverageArg names a service's coverage as setServiceCoverage's argument.
func coverageArg(field string) string {
	if strings.HasPrefix(field, "coverageIds") {
		return "territoryIds" + strings.TrimPrefix(field, "coverageIds")
	}
	return field
}

// link returns a referral link as the API shows it.
func link(ctx context.Context, st *store.Store, id string) (*model.ReferralLink, error) {
	l, from, to, err := st.Link(ctx, id)
	if err != nil || l == nil {
		return nil, err
	}
	return &model.ReferralLink{ReferralLink: *l, From: from, To: to}, nil
}

// recordProblems names the problems of a one-record write as fields of the
// record, after prefix (see domain.Problems.InRecord); other errors pass.
func recordProblems(err error, prefix string) error {
	var ps domain.Problems
	if !errors.As(err, &ps) {
		return err
	}
	return ps.InRecord(prefix)
}

// inputProblems names the fields of a store's problems as fields of the
// mutation's input argument.
func inputProblems(err error) error {
	var ps domain.Problems
	if !errors.As(err, &ps) {
		return err
	}
	out := make(domain.Problems, len(ps))
	for i, p := range ps {
		p.Field = "input." + p.Field
		out[i] = p
	}
	return out
}
