package store

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
)

// The role rules live in the Cypher itself, not only at the resolver edge:
// every read query that can reach contact details or referral links takes
// the access parameters below and hides what the role may not see inside
// the query, so a filter, a search or a total can never reveal it; every
// write checks, inside its own transaction, that the role may change the
// records it touches.
//
//	role         contacts  referral links          writes
//	VIEWER       no        none                    none
//	ANALYST      yes       all                     none
//	COORDINATOR  yes       those it is party to    its services, referral links from it
//
// What a role may not see does not exist for it: a link or referral it is
// not party to answers, by id, exactly as an unknown id (null for a read,
// NOT_FOUND for a write), and a referral chain through others' links shows
// their stakeholders but not the links (ReferralChains).
//	EDITOR       yes       all                     everything but API keys
//	ADMIN        yes       all                     everything
//
// A context without an identity (the CLI, the seeder, the store's own
// tests) is trusted and sees everything.

// access is what the identity of ctx may see.
type access struct {
	contacts     bool   // email and phone of stakeholders and services
	allReferrals bool   // every REFERS_TO link, not only the party's own
	party        string // a coordinator's stakeholder
}

func accessOf(ctx context.Context) access {
	who, ok := auth.From(ctx)
	if !ok {
		return access{contacts: true, allReferrals: true}
	}
	switch who.Role {
	case auth.Viewer:
		return access{}
	case auth.Coordinator:
		return access{contacts: true, party: who.StakeholderID}
	}
	return access{contacts: true, allReferrals: true}
}

// withAccess returns params plus the access parameters of ctx, used by the
// Cypher fragments below.
func withAccess(ctx context.Context, params map[string]any) map[string]any {
	a := accessOf(ctx)
	out := make(map[string]any, len(params)+3)
	maps.Copy(out, params)
	out["seeContacts"] = a.contacts
	out["allReferrals"] = a.allReferrals
	out["party"] = nilIfEmpty(a.party)
	return out
}

// contactLabels are the labels whose nodes carry contact details.
var contactLabels = []string{LabelStakeholder, LabelService}

// visible is the Cypher expression that returns node variable v as the
// caller may see it: without contact details unless $seeContacts. Labels
// without contact details are returned as they are.
func visible(label, v string) string {
	if label != "" && !slices.Contains(contactLabels, label) {
		return v
	}
	return "CASE WHEN $seeContacts THEN " + v + " ELSE " + v + "{.*, email: null, phone: null} END"
}

// referralVisible is the Cypher predicate that a REFERS_TO link between
// stakeholders a and b may be seen: by every role that sees all links, and
// by a coordinator when its stakeholder is one of the ends.
func referralVisible(a, b string) string {
	return "($allReferrals OR " + a + ".id = $party OR " + b + ".id = $party)"
}

// forbidden is the error of a write the identity may not make.
func forbidden(format string, args ...any) error {
	return &domain.Error{Code: domain.CodeForbidden, Message: fmt.Sprintf(format, args...)}
}

// mayWrite checks, inside the write transaction tx and before anything is
// written, that the identity of ctx may write doc, which replaces the
// stored records of label with ids (none for a create). Editors and admins
// may write anything; a coordinator only services its stakeholder provides
// and referral links from it, before and after the write. A stored link the
// coordinator may not see (neither end is its stakeholder) is NOT_FOUND,
// exactly as an id that does not exist; one it sees but does not own is
// FORBIDDEN.
func mayWrite(ctx context.Context, tx runner, label string, ids []string, doc *domain.Document) error {
	who, ok := auth.From(ctx)
	if !ok || who.Role.AtLeast(auth.Editor) {
		return nil
	}
	if who.Role != auth.Coordinator {
		return forbidden("%s may not change the graph", who.Role.Article())
	}
	party := who.StakeholderID
	var cypher string
	switch label {
	case LabelService:
		for _, s := range doc.Services {
			if s.ProviderID != party {
				return forbidden("a COORDINATOR may only write services its own stakeholder (%s) provides", party)
			}
		}
		// Returns the provider of each stored service among the ids (every
		// role sees services).
		cypher = "MATCH (p:Stakeholder)-[:PROVIDES]->(n:Service) WHERE n.id IN $ids RETURN n.id AS id, p.id AS owner, true AS seen"
	case linkLabel:
		for _, l := range doc.ReferralLinks {
			if l.FromID != party {
				return forbidden("a COORDINATOR may only write referral links from its own stakeholder (%s)", party)
			}
		}
		// Returns the referring end of each stored link among the ids, and
		// whether the coordinator may see the link at all.
		cypher = "MATCH (p:Stakeholder)-[r:REFERS_TO]->(q:Stakeholder) WHERE r.id IN $ids RETURN r.id AS id, p.id AS owner, " + referralVisible("p", "q") + " AS seen"
	default:
		return forbidden("a COORDINATOR may only change its own services and referral links, not a %s", domain.LabelName(label))
	}
	if len(ids) == 0 {
		return nil
	}
	recs, err := collect(ctx, tx, cypher, withAccess(ctx, map[string]any{"ids": ids}))
	if err != nil {
		return err
	}
	for _, rec := range recs {
		r := rowOf(rec)
		id, owner, seen := col[string](r, "id"), col[string](r, "owner"), col[bool](r, "seen")
		if err := r.Err(); err != nil {
			return fmt.Errorf("may write %s: %w", label, err)
		}
		if owner != party {
			// A record the coordinator may not even see answers as an
			// unknown id does, so that the answer is no existence oracle.
			if !seen {
				return notFound(label, id)
			}
			return forbidden("%s %q belongs to another stakeholder", domain.LabelName(label), id)
		}
	}
	return nil
}

// mustBe refuses, with FORBIDDEN, an identity below role; what names the
// work for the message.
func mustBe(ctx context.Context, role auth.Role, what string) error {
	if who, ok := auth.From(ctx); ok && !who.Role.AtLeast(role) {
		return forbidden("%s may not %s; it takes the %s role", who.Role.Article(), what, role)
	}
	return nil
}

// linkLabel names referral links where a label is expected (they are
// relationships, not nodes).
const linkLabel = "ReferralLink"

// AccessKey names what the identity of ctx may see, for caches of query
// results: two contexts with the same key see the same data.
func (s *Store) AccessKey(ctx context.Context) string {
	a := accessOf(ctx)
	return fmt.Sprintf("contacts=%t,referrals=%t,party=%s", a.contacts, a.allReferrals, a.party)
}
