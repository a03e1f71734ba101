package api

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
)

// The least role of each root field. Queries not listed take VIEWER and
// mutations not listed take EDITOR. This check runs before any resolver, so
// a forbidden operation costs no Cypher; what a role may see of a record,
// and which records a coordinator may write, the store decides inside its
// queries and transactions.
var (
	queryRoles = map[string]auth.Role{
		"apiKeys": auth.Admin,
		// Analytics.
		"supplyDemandMatrix": auth.Analyst,
		"serviceGaps":        auth.Analyst,
	}
	mutationRoles = map[string]auth.Role{
		// A coordinator's own services and referral links (the store checks
		// that they are its stakeholder's).
		"createService":      auth.Coordinator,
		"updateService":      auth.Coordinator,
		"deleteService":      auth.Coordinator,
		"setServiceCoverage": auth.Coordinator,
		"addReferralLink":    auth.Coordinator,
		"updateReferralLink": auth.Coordinator,
		"removeReferralLink": auth.Coordinator,

		"createApiKey": auth.Admin,
		"revokeApiKey": auth.Admin,
	}
)

// leastRole is the least role that may run a root field of op.
func leastRole(op ast.Operation, field string) auth.Role {
	if op == ast.Mutation {
		if r, ok := mutationRoles[field]; ok {
			return r
		}
		return auth.Editor
	}
	if r, ok := queryRoles[field]; ok {
		return r
	}
	return auth.Viewer
}

// mayRun refuses, before any resolver runs, an operation with a root field
// the identity's role does not allow, naming the first such field.
func mayRun(ctx context.Context) error {
	who, ok := auth.From(ctx)
	oc := graphql.GetOperationContext(ctx)
	if !ok || oc.Operation == nil {
		return nil
	}
	var refused error
	rootFields(oc.Operation.SelectionSet, func(f *ast.Field) {
		if need := leastRole(oc.Operation.Operation, f.Name); refused == nil && !who.Role.AtLeast(need) {
			refused = &domain.Error{Code: domain.CodeForbidden, Field: f.Name,
				Message: fmt.Sprintf("a %s may not run %s; it takes the %s role or above", who.Role, f.Name, need)}
		}
	})
	return refused
}

// rootFields calls fn for every field of a selection set, through its
// fragments.
func rootFields(set ast.SelectionSet, fn func(*ast.Field)) {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			fn(s)
		case *ast.InlineFragment:
			rootFields(s.SelectionSet, fn)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				rootFields(s.Definition.SelectionSet, fn)
			}
		}
	}
}
