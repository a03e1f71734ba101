package api

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
)

// The least role of each guarded field, as "Type.field": root fields and
// nested ones (an analysis reached from a record). Mutations not listed
// take EDITOR, every other field VIEWER. This check runs before any
// resolver, so a forbidden operation costs no Cypher; what a role may see
// of a record, and which records a coordinator may write, the store decides
// inside its queries and transactions.
var fieldRoles = map[string]auth.Role{
	"Query.apiKeys": auth.Admin,

	// Analytics.
	"Query.supplyDemandMatrix":       auth.Analyst,
	"Query.serviceGaps":              auth.Analyst,
	"Query.cooperationAreasOverview": auth.Analyst,
	"Query.cooperationOpportunities": auth.Analyst,
	"CooperationArea.overview":       auth.Analyst,
	"Query.referralPaths":            auth.Analyst,
	"Query.network":                  auth.Analyst,
	"Query.egoNetwork":               auth.Analyst,
	"Query.centrality":               auth.Analyst,
	"Query.communities":              auth.Analyst,
	"Query.networkStats":             auth.Analyst,
	"Query.networkTimeline":          auth.Analyst,
	"Query.partnerSuggestions":       auth.Analyst,
	"Query.connection":               auth.Analyst,
	"Query.referral":                 auth.Analyst,
	"Query.referrals":                auth.Analyst,
	"Query.referralFlows":            auth.Analyst,
	"Mutation.createReferral":        auth.Coordinator,
	"Mutation.updateReferralStatus":  auth.Coordinator,

	// A coordinator's own services and referral links (the store checks
	// that they are its stakeholder's).
	"Mutation.createService":      auth.Coordinator,
	"Mutation.updateService":      auth.Coordinator,
	"Mutation.deleteService":      auth.Coordinator,
	"Mutation.setServiceCoverage": auth.Coordinator,
	"Mutation.addReferralLink":    auth.Coordinator,
	"Mutation.updateReferralLink": auth.Coordinator,
	"Mutation.removeReferralLink": auth.Coordinator,

	"Mutation.createApiKey": auth.Admin,
	"Mutation.revokeApiKey": auth.Admin,
}

// leastRole is the least role that may use field of type typeName.
func leastRole(typeName, field string) auth.Role {
	if r, ok := fieldRoles[typeName+"."+field]; ok {
		return r
	}
	if typeName == "Mutation" {
		return auth.Editor
	}
	return auth.Viewer
}

// mayRun refuses, before any resolver runs, an operation with a field the
// identity's role does not allow, naming the first such field.
func mayRun(ctx context.Context) error {
	who, ok := auth.From(ctx)
	oc := graphql.GetOperationContext(ctx)
	if !ok || oc.Operation == nil {
		return nil
	}
	var refused error
	eachField(oc.Operation.SelectionSet, func(f *ast.Field) {
		if refused != nil || f.ObjectDefinition == nil {
			return
		}
		if need := leastRole(f.ObjectDefinition.Name, f.Name); !who.Role.AtLeast(need) {
			refused = &domain.Error{Code: domain.CodeForbidden, Field: f.Name,
				Message: fmt.Sprintf("%s may not use %s.%s; it takes the %s role or above", who.Role.Article(), f.ObjectDefinition.Name, f.Name, need)}
		}
	})
	return refused
}

// eachField calls fn for every field of a selection set and of the sets
// below it, through fragments.
func eachField(set ast.SelectionSet, fn func(*ast.Field)) {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			fn(s)
			eachField(s.SelectionSet, fn)
		case *ast.InlineFragment:
			eachField(s.SelectionSet, fn)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				eachField(s.Definition.SelectionSet, fn)
			}
		}
	}
}
