// Package model holds the GraphQL-only types: the ones gqlgen generates
// (connections, filters, inputs; models_gen.go) and the hand-written views of
// relationships with properties below. The graph's nodes themselves are the
// domain types, bound in gqlgen.yml.
package model

import "github.com/coopgraph/coopgraph/internal/domain"

// SearchResult is any record a search can return: a *domain.Territory,
// *domain.Stakeholder and so on.
type SearchResult interface{}

// NeighbourLink is a NEIGHBOUR_OF relationship seen from one end.
type NeighbourLink struct {
	Territory    *domain.Territory
	DistanceKm   float64
	Illustrative bool
}

// PartnershipParty is a PARTY_TO relationship.
type PartnershipParty struct {
	Role        domain.PartyRole
	Stakeholder *domain.Stakeholder
	Partnership *domain.Partnership
}

// ProjectParticipant is a PARTICIPATES_IN relationship.
type ProjectParticipant struct {
	Role        *string
	Stakeholder *domain.Stakeholder
	Project     *domain.Project
}

// EventParticipant is a PARTICIPATED_IN relationship.
type EventParticipant struct {
	Role        *string
	Stakeholder *domain.Stakeholder
	Event       *domain.Event
}

// PracticeTransfer is a TRANSFERRED_TO relationship.
type PracticeTransfer struct {
	Practice  *domain.Practice
	Territory *domain.Territory
	Year      *int
}

// ReferralLink is a REFERS_TO relationship with both of its stakeholders,
// which the query that found it has already read.
type ReferralLink struct {
	domain.ReferralLink
	From *domain.Stakeholder
	To   *domain.Stakeholder
}
