package store

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/referral"
)

// Closed-loop referrals are (:Referral) nodes linked to what they name:
//
//	(:Referral)-[:REFERRAL_FROM]->(:Stakeholder)     the referring organisation
//	(:Referral)-[:REFERRAL_TO]->(:Stakeholder)       the provider of the service
//	(:Referral)-[:REFERRAL_SERVICE]->(:Service)
//	(:Referral)-[:REFERRAL_CATEGORY]->(:ServiceCategory)
//	(:Referral)-[:REFERRAL_GROUP]->(:TargetGroup)    optional
//	(:Referral)-[:REFERRAL_TERRITORY]->(:Territory)  where the person lives
//
// Its history is kept in three parallel list properties (historyStatus,
// historyAt, historyBy), as Neo4j properties cannot hold maps.

// LabelReferral is the label of closed-loop referrals.
const LabelReferral = "Referral"

// The records a referral names, as hops for the read API.
var (
	ReferralFrom      = Hop{Name: "Referral.from", From: LabelReferral, To: LabelStakeholder, Pattern: "(p)-[:REFERRAL_FROM]->(c:Stakeholder)", Order: "c.name"}
	ReferralTo        = Hop{Name: "Referral.to", From: LabelReferral, To: LabelStakeholder, Pattern: "(p)-[:REFERRAL_TO]->(c:Stakeholder)", Order: "c.name"}
	ReferralService   = Hop{Name: "Referral.service", From: LabelReferral, To: LabelService, Pattern: "(p)-[:REFERRAL_SERVICE]->(c:Service)", Order: "c.name"}
	ReferralCategory  = Hop{Name: "Referral.category", From: LabelReferral, To: LabelServiceCategory, Pattern: "(p)-[:REFERRAL_CATEGORY]->(c:ServiceCategory)", Order: "c.name"}
	ReferralGroup     = Hop{Name: "Referral.targetGroup", From: LabelReferral, To: LabelTargetGroup, Pattern: "(p)-[:REFERRAL_GROUP]->(c:TargetGroup)", Order: "c.name"}
	ReferralTerritory = Hop{Name: "Referral.territory", From: LabelReferral, To: LabelTerritory, Pattern: "(p)-[:REFERRAL_TERRITORY]->(c:Territory)", Order: "c.name"}
)

// referralReturn returns a referral r with the ids it names.
const referralReturn = `RETURN r, COLLECT { MATCH (r)-[:REFERRAL_FROM]->(x) RETURN x.id }[0] AS from,
  COLLECT { MATCH (r)-[:REFERRAL_TO]->(x) RETURN x.id }[0] AS to,
  COLLECT { MATCH (r)-[:REFERRAL_SERVICE]->(x) RETURN x.id }[0] AS service,
  COLLECT { MATCH (r)-[:REFERRAL_CATEGORY]->(x) RETURN x.id }[0] AS category,
  COLLECT { MATCH (r)-[:REFERRAL_GROUP]->(x) RETURN x.id }[0] AS targetGroup,
  COLLECT { MATCH (r)-[:REFERRAL_TERRITORY]->(x) RETURN x.id }[0] AS territory`

// referralOf reads a row of referralReturn.
func referralOf(rec *neo4j.Record) (*referral.Referral, error) {
	row := rowOf(rec)
	p := col[neo4j.Node](row, "r").Props
	str := func(v any) string { s, _ := v.(string); return s }
	r := &referral.Referral{ID: str(p["id"]), CaseCode: str(p["caseCode"]), Status: referral.Status(str(p["status"])),
		DeclineReason: str(p["declineReason"]), Outcome: str(p["outcome"]),
		FromID: col[string](row, "from"), ToID: col[string](row, "to"), ServiceID: col[string](row, "service"), CategoryID: col[string](row, "category"),
		TargetGroupID: col[string](row, "targetGroup"), TerritoryID: col[string](row, "territory")}
	if err := row.Err(); err != nil {
		return nil, fmt.Errorf("read referral: %w", err)
	}
	r.CreatedAt, _ = p["createdAt"].(time.Time)
	r.UpdatedAt, _ = p["updatedAt"].(time.Time)
	statuses, _ := p["historyStatus"].([]any)
	ats, _ := p["historyAt"].([]any)
	bys, _ := p["historyBy"].([]any)
	for i := range statuses {
		tr := referral.Transition{Status: referral.Status(str(statuses[i]))}
		if i < len(ats) {
			tr.At, _ = ats[i].(time.Time)
			tr.At = tr.At.UTC()
		}
		if i < len(bys) {
			tr.By = str(bys[i])
		}
		r.History = append(r.History, tr)
	}
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	return r, nil
}

// CreateReferral sends a referral: SENT, recorded as made by the context's actor (auth.Actor). The
// provider is the service's; the service must be ACTIVE and in the
// category or below it. A COORDINATOR sends only from its own stakeholder.
func (s *Store) CreateReferral(ctx context.Context, r referral.Referral) (*referral.Referral, error) {
	if who, ok := auth.From(ctx); ok && !who.Role.AtLeast(auth.Editor) && !(who.Role == auth.Coordinator && who.StakeholderID == r.FromID) {
		return nil, forbidden("%s may only send referrals from its own stakeholder", who.Role.Article())
	}
	var out *referral.Referral
	err := s.transact(ctx, neo4j.AccessModeWrite, func(tx runner) error {
		// Returns whether each named record exists, the service's status,
		// whether it is in the category, and its provider.
		recs, err := collect(ctx, tx, `OPTIONAL MATCH (f:Stakeholder {id: $from})
OPTIONAL MATCH (s:Service {id: $service})
OPTIONAL MATCH (c:ServiceCategory {id: $category})
OPTIONAL MATCH (t:Territory {id: $territory})
RETURN f IS NOT NULL AS from, s IS NOT NULL AS service, s.status AS status, c IS NOT NULL AS category,
  EXISTS { (s)-[:IN_CATEGORY]->(:ServiceCategory)-[:SUBCATEGORY_OF*0..]->(c) } AS inCategory,
  t IS NOT NULL AS territory, ($group IS NULL OR EXISTS { MATCH (:TargetGroup {id: $group}) }) AS group,
  COLLECT { MATCH (p:Stakeholder)-[:PROVIDES]->(s) RETURN p.id }[0] AS provider`,
			map[string]any{"from": r.FromID, "service": r.ServiceID, "category": r.CategoryID, "territory": r.TerritoryID, "group": nilIfEmpty(r.TargetGroupID)})
		if err != nil {
			return err
		}
		row := rowOf(recs[0])
		fromFound, serviceFound, status, categoryFound := col[bool](row, "from"), col[bool](row, "service"), col[any](row, "status"), col[bool](row, "category")
		inCategory, territoryFound, groupFound, provider := col[bool](row, "inCategory"), col[bool](row, "territory"), col[bool](row, "group"), col[string](row, "provider")
		if err := row.Err(); err != nil {
			return fmt.Errorf("create referral: %w", err)
		}
		var ps domain.Problems
		if p := referral.CheckCaseCode(r.CaseCode); p != nil {
			ps = append(ps, *p)
		}
		if !fromFound {
			ps = append(ps, domain.Problem{Field: "input.fromStakeholderId", Message: fmt.Sprintf("no stakeholder with id %q", r.FromID)})
		}
		switch {
		case !serviceFound:
			ps = append(ps, domain.Problem{Field: "input.serviceId", Message: fmt.Sprintf("no service with id %q", r.ServiceID)})
		case status != "ACTIVE":
			ps = append(ps, domain.Problem{Field: "input.serviceId", Message: fmt.Sprintf("service %q is %v, not ACTIVE", r.ServiceID, status)})
		}
		switch {
		case !categoryFound:
			ps = append(ps, domain.Problem{Field: "input.categoryId", Message: fmt.Sprintf("no service category with id %q", r.CategoryID)})
		case serviceFound && !inCategory:
			ps = append(ps, domain.Problem{Field: "input.categoryId", Message: fmt.Sprintf("service %q is not in category %q or below it", r.ServiceID, r.CategoryID)})
		}
		if !territoryFound {
			ps = append(ps, domain.Problem{Field: "input.territoryId", Message: fmt.Sprintf("no territory with id %q", r.TerritoryID)})
		}
		if !groupFound {
			ps = append(ps, domain.Problem{Field: "input.targetGroupId", Message: fmt.Sprintf("no target group with id %q", r.TargetGroupID)})
		}
		if len(ps) > 0 {
			return ps
		}
		now := time.Now().UTC()
		// Creates the referral and its links; returns it.
		recs, err = collect(ctx, tx, `MATCH (f:Stakeholder {id: $from}), (s:Service {id: $service}), (c:ServiceCategory {id: $category}),
  (t:Territory {id: $territory}), (p:Stakeholder {id: $to})
CREATE (r:Referral {id: $id, caseCode: $code, status: 'SENT', createdAt: $now, updatedAt: $now,
  historyStatus: ['SENT'], historyAt: [$now], historyBy: [$by]})
CREATE (r)-[:REFERRAL_FROM]->(f), (r)-[:REFERRAL_TO]->(p), (r)-[:REFERRAL_SERVICE]->(s),
  (r)-[:REFERRAL_CATEGORY]->(c), (r)-[:REFERRAL_TERRITORY]->(t)
WITH r
OPTIONAL MATCH (g:TargetGroup {id: $group})
FOREACH (x IN CASE WHEN g IS NULL THEN [] ELSE [g] END | CREATE (r)-[:REFERRAL_GROUP]->(x))
WITH r
`+referralReturn, map[string]any{"id": r.ID, "code": r.CaseCode, "from": r.FromID, "service": r.ServiceID, "category": r.CategoryID,
			"territory": r.TerritoryID, "to": provider, "group": nilIfEmpty(r.TargetGroupID), "now": now, "by": auth.Actor(ctx)})
		if err != nil {
			return err
		}
		out, err = referralOf(recs[0])
		return err
	})
	return out, err
}

// UpdateReferralStatus moves a referral along its loop in one
// transaction: accepting takes a place of the service (CONFLICT when none
// is left), completing or cancelling an accepted referral gives it back. A
// COORDINATOR accepts, declines and completes referrals to its stakeholder
// and cancels those from it; a referral it is party to neither way is
// NOT_FOUND, exactly as an unknown id.
func (s *Store) UpdateReferralStatus(ctx context.Context, id string, c referral.Change) (*referral.Referral, error) {
	var out *referral.Referral
	err := s.transact(ctx, neo4j.AccessModeWrite, func(tx runner) error {
		if err := lock(ctx, tx, LabelReferral, id); err != nil {
			return err
		}
		recs, err := collect(ctx, tx, "MATCH (r:Referral {id: $id})\n"+referralReturn, map[string]any{"id": id})
		if err != nil {
			return err
		}
		cur, err := referralOf(recs[0])
		if err != nil {
			return err
		}
		// A referral the caller may not see (the rule of Referrals) answers
		// as an unknown id does (lock's NOT_FOUND), so that the answer is
		// no existence oracle.
		if a := accessOf(ctx); a.party != "" && a.party != cur.FromID && a.party != cur.ToID {
			return notFound(LabelReferral, id)
		}
		if who, ok := auth.From(ctx); ok && !who.Role.AtLeast(auth.Editor) {
			party := cur.ToID
			if c.Status == referral.Cancelled {
				party = cur.FromID
			}
			if who.Role != auth.Coordinator || who.StakeholderID != party {
				return forbidden("only the %s stakeholder's coordinator (or an editor) may make a referral %s", map[bool]string{true: "referring", false: "receiving"}[c.Status == referral.Cancelled], c.Status)
			}
		}
		if err := c.Check(cur.Status); err != nil {
			return err
		}
		// The service's places: one taken on accepting, given back when an
		// accepted referral ends. Unknown availability stays unknown.
		delta := 0
		switch {
		case c.Status == referral.Accepted:
			delta = -1
		case referral.HoldsPlace(cur.Status):
			delta = 1
		}
		if delta != 0 {
			if err := lock(ctx, tx, LabelService, cur.ServiceID); err != nil {
				return err
			}
			// Returns the service's places left after the change, or
			// nothing when it has none left to take.
			recs, err := collect(ctx, tx, `MATCH (s:Service {id: $service})
WHERE s.available IS NULL OR s.available + $delta >= 0
SET s.available = CASE WHEN s.available IS NULL THEN null
                       ELSE CASE WHEN s.capacity IS NOT NULL AND s.available + $delta > s.capacity THEN s.capacity ELSE s.available + $delta END END
REMOVE s.__lock
RETURN s.available`, map[string]any{"service": cur.ServiceID, "delta": delta})
			if err != nil {
				return err
			}
			if len(recs) == 0 {
				return &domain.Error{Code: domain.CodeConflict, Field: "input.status",
					Message: fmt.Sprintf("service %q has no available places; decline with NO_CAPACITY instead", cur.ServiceID)}
			}
		}
		now := time.Now().UTC()
		// Records the change; returns the referral.
		recs, err = collect(ctx, tx, `MATCH (r:Referral {id: $id})
SET r.status = $status, r.updatedAt = $now, r.declineReason = $reason, r.outcome = $outcome,
  r.historyStatus = r.historyStatus + $status, r.historyAt = r.historyAt + $now, r.historyBy = r.historyBy + $by
REMOVE r.__lock
WITH r
`+referralReturn, map[string]any{"id": id, "status": string(c.Status), "now": now, "by": auth.Actor(ctx),
			"reason": nilIfEmpty(c.DeclineReason), "outcome": nilIfEmpty(c.Outcome)})
		if err != nil {
			return err
		}
		out, err = referralOf(recs[0])
		return err
	})
	return out, err
}

// ReferralFilter selects referrals.
type ReferralFilter struct {
	IDs           []string // these only
	StakeholderID string   // sent or received by it
	Direction     string   // "IN", "OUT" or "" for both
	Statuses      []string // any of these
}

// Referrals lists referrals, the newest first: for a COORDINATOR only
// those its stakeholder sent or received, whatever the filter.
func (s *Store) Referrals(ctx context.Context, f ReferralFilter, first int) ([]*referral.Referral, error) {
	// Returns the referrals the filter and the caller's role select.
	cypher := `MATCH (r:Referral)
WHERE (size($ids) = 0 OR r.id IN $ids) AND (size($statuses) = 0 OR r.status IN $statuses)
  AND ($stakeholder IS NULL
       OR ($direction <> 'IN' AND EXISTS { (r)-[:REFERRAL_FROM]->(:Stakeholder {id: $stakeholder}) })
       OR ($direction <> 'OUT' AND EXISTS { (r)-[:REFERRAL_TO]->(:Stakeholder {id: $stakeholder}) }))
  AND ($party IS NULL OR EXISTS { (r)-[:REFERRAL_FROM|REFERRAL_TO]->(:Stakeholder {id: $party}) })
WITH r ORDER BY r.createdAt DESC, r.id LIMIT $first
` + referralReturn
	recs, err := s.read(ctx, cypher, withAccess(ctx, map[string]any{"ids": nonNil(f.IDs), "statuses": nonNil(f.Statuses), "stakeholder": nilIfEmpty(f.StakeholderID),
		"direction": f.Direction, "first": first}))
	if err != nil {
		return nil, fmt.Errorf("referrals: %w", err)
	}
	out := make([]*referral.Referral, len(recs))
	for i, rec := range recs {
		if out[i], err = referralOf(rec); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ReferralFlowRows returns the scope and one row per (source, target,
// category) of the referrals sent in [from, to) (either may be zero: open)
// whose person lives in the scope or below it; referral.SumFlows sums them.
func (s *Store) ReferralFlowRows(ctx context.Context, scopeID string, from, to time.Time) (*domain.Territory, []referral.FlowRow, error) {
	var fromP, toP any
	if !from.IsZero() {
		fromP = from.UTC()
	}
	if !to.IsZero() {
		toP = to.UTC()
	}
	// Returns one row per flow (source, target, category) with the
	// statuses, decline reasons, outcomes and times of its referrals.
	const cypher = `MATCH (scope:Territory {id: $scope})
OPTIONAL CALL (scope) {
  MATCH (scope)<-[:PART_OF*0..]-(src:Territory)<-[:REFERRAL_TERRITORY]-(r:Referral)
  WHERE ($from IS NULL OR r.createdAt >= $from) AND ($to IS NULL OR r.createdAt < $to)
  WITH DISTINCT r, src
  MATCH (r)-[:REFERRAL_TO]->(:Stakeholder)-[:LOCATED_IN]->(dst:Territory), (r)-[:REFERRAL_CATEGORY]->(c:ServiceCategory)
  WITH src, dst, c, r,
    [i IN range(0, size(r.historyStatus) - 1) WHERE r.historyStatus[i] = 'ACCEPTED' | r.historyAt[i]][0] AS acceptedAt,
    [i IN range(0, size(r.historyStatus) - 1) WHERE r.historyStatus[i] = 'COMPLETED' | r.historyAt[i]][0] AS completedAt
  RETURN src, dst, c, collect(r.status) AS statuses, collect(r.declineReason) AS reasons, collect(r.outcome) AS outcomes,
    collect(CASE WHEN acceptedAt IS NOT NULL THEN duration.inSeconds(r.createdAt, acceptedAt).seconds END) AS toAccept,
    collect(CASE WHEN completedAt IS NOT NULL THEN duration.inSeconds(r.createdAt, completedAt).seconds END) AS toComplete,
    COLLECT { MATCH (src)-[:PART_OF*0..]->(m:Territory {level: 'MUNICIPALITY'}) RETURN m.id }
      <> COLLECT { MATCH (dst)-[:PART_OF*0..]->(m:Territory {level: 'MUNICIPALITY'}) RETURN m.id } AS crosses
  ORDER BY size(statuses) DESC, src.name, dst.name, c.name
}
RETURN scope, src, dst, c, statuses, reasons, outcomes, toAccept, toComplete, crosses`
	recs, err := s.read(ctx, cypher, map[string]any{"scope": scopeID, "from": fromP, "to": toP})
	if err != nil {
		return nil, nil, fmt.Errorf("referral flows of %q: %w", scopeID, err)
	}
	if len(recs) == 0 {
		return nil, nil, domain.Problems{{Field: "scopeId", Message: fmt.Sprintf("no territory with id %q", scopeID)}}
	}
	var scope *domain.Territory
	var rows []referral.FlowRow
	for i, rec := range recs {
		row := rowOf(rec)
		scopeNode, src, dst, cat := col[any](row, "scope"), col[any](row, "src"), col[any](row, "dst"), col[any](row, "c")
		r := referral.FlowRow{Statuses: stringList(col[[]any](row, "statuses")), DeclineReasons: stringList(col[[]any](row, "reasons")),
			Outcomes: stringList(col[[]any](row, "outcomes")), CrossesMunicipality: col[bool](row, "crosses")}
		toAccept, toComplete := col[[]any](row, "toAccept"), col[[]any](row, "toComplete")
		if err := row.Err(); err != nil {
			return nil, nil, fmt.Errorf("referral flows of %q: %w", scopeID, err)
		}
		if i == 0 {
			if scope, err = decodeValue[domain.Territory](scopeNode); err != nil {
				return nil, nil, err
			}
		}
		if src == nil { // no referral in the scope
			continue
		}
		if r.Source, err = decodeValue[domain.Territory](src); err != nil {
			return nil, nil, err
		}
		if r.Target, err = decodeValue[domain.Territory](dst); err != nil {
			return nil, nil, err
		}
		if r.Category, err = decodeValue[domain.ServiceCategory](cat); err != nil {
			return nil, nil, err
		}
		for _, v := range toAccept {
			s, _ := v.(int64)
			r.SecondsToAccept = append(r.SecondsToAccept, s)
		}
		for _, v := range toComplete {
			s, _ := v.(int64)
			r.SecondsToComplete = append(r.SecondsToComplete, s)
		}
		rows = append(rows, r)
	}
	return scope, rows, nil
}
