package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// Hop is one navigable relationship of the read API: from a node of label
// From, the pattern reaches nodes c of label To (binding r when the
// relationship's properties are wanted). It is run for a whole batch of
// parent ids at once, so a field asked of every item of a list costs one
// query, not one per item.
type Hop struct {
	Name    string // unique, used as the batch key
	From    string
	To      string
	Pattern string // from (p) to (c), e.g. "(p)<-[:LOCATED_IN]-(c:Stakeholder)"
	Where   string // optional predicate on c and r, with parameters
	Order   string // ORDER BY expression over c (and r)
	Rel     bool   // return properties(r)
	// Distinct, for patterns that can reach a node along several paths
	// (a territory that is part of both its district and a zone).
	Distinct bool
	// RelLabel, when set, names the batch label under which the
	// relationships' own ids (property id) are listed, for fields of the
	// relationship itself (ReferralLink.categories).
	RelLabel string
}

// Item is a related node and, for hops with Rel, the relationship's
// properties.
type Item[T any] struct {
	Node *T
	Rel  map[string]any
}

// Related returns, for every parent id, its related nodes in the hop's
// order, at most limit per parent. Parents with none are absent.
func Related[T any](ctx context.Context, s *Store, h Hop, ids []string, limit int, params map[string]any) (map[string][]Item[T], error) {
	rel := "null"
	if h.Rel {
		rel = "properties(r)"
	}
	distinct := ""
	if h.Distinct {
		distinct = "DISTINCT "
	}
	where := ""
	if h.Where != "" {
		where = "\n  WHERE " + h.Where
	}
	// Returns one row per parent id with its related nodes (and relationship
	// properties) in order; the subquery limits each parent separately.
	cypher := `UNWIND $ids AS pid
MATCH (p:` + h.From + ` {id: pid})
CALL (p) {
  MATCH ` + h.Pattern + where + `
  RETURN ` + distinct + `c, ` + rel + ` AS rel ORDER BY ` + h.Order + `, c.id LIMIT $limit
}
RETURN pid, collect([` + visible(h.To, "c") + `, rel]) AS items`
	all := withAccess(ctx, params)
	all["ids"], all["limit"] = ids, limit
	recs, err := s.read(ctx, cypher, all)
	if err != nil {
		return nil, fmt.Errorf("hop %s: %w", h.Name, err)
	}
	out := make(map[string][]Item[T], len(recs))
	for _, rec := range recs {
		r := rowOf(rec)
		pid, items := col[string](r, "pid"), col[[]any](r, "items")
		if err := r.Err(); err != nil {
			return nil, fmt.Errorf("hop %s: %w", h.Name, err)
		}
		for _, pair := range items {
			p := pair.([]any)
			v, err := decodeValue[T](p[0])
			if err != nil {
				return nil, fmt.Errorf("hop %s: %w", h.Name, err)
			}
			it := Item[T]{Node: v}
			if m, ok := p[1].(map[string]any); ok {
				it.Rel = m
			}
			out[pid] = append(out[pid], it)
		}
	}
	return out, nil
}

// The hops of the read API, named Parent_field.
var (
	TerritoryParent = Hop{Name: "Territory.parent", From: LabelTerritory, To: LabelTerritory,
		Pattern: "(p)-[:PART_OF]->(c:Territory)", Where: "c.level <> 'ZONE'", Order: "c.name"}
	TerritoryZones = Hop{Name: "Territory.zones", From: LabelTerritory, To: LabelTerritory,
		Pattern: "(p)-[:PART_OF]->(c:Territory)", Where: "c.level = 'ZONE'", Order: "c.name"}
	TerritoryAncestors = Hop{Name: "Territory.ancestors", From: LabelTerritory, To: LabelTerritory,
		Pattern: "path = (p)-[:PART_OF*1..]->(c:Territory)",
		Where:   "none(x IN nodes(path)[1..] WHERE x.level = 'ZONE')", Order: "length(path)"}
	TerritoryChildren = Hop{Name: "Territory.children", From: LabelTerritory, To: LabelTerritory,
		Pattern: "(p)<-[:PART_OF]-(c:Territory)", Where: "$level IS NULL OR c.level = $level", Order: "c.name"}
	TerritoryNeighbours = Hop{Name: "Territory.neighbours", From: LabelTerritory, To: LabelTerritory,
		Pattern: "(p)-[r:NEIGHBOUR_OF]-(c:Territory)", Where: "$maxKm IS NULL OR r.distanceKm <= $maxKm",
		Order: "r.distanceKm", Rel: true}
	TerritoryStakeholders = Hop{Name: "Territory.stakeholders", From: LabelTerritory, To: LabelStakeholder,
		Pattern: "(p)<-[:LOCATED_IN]-(c:Stakeholder)", Order: "c.name"}
	TerritoryStakeholdersDeep = Hop{Name: "Territory.stakeholders+sub", From: LabelTerritory, To: LabelStakeholder,
		Pattern: "(p)<-[:PART_OF*0..]-(:Territory)<-[:LOCATED_IN]-(c:Stakeholder)", Order: "c.name", Distinct: true}
	TerritoryServices = Hop{Name: "Territory.services", From: LabelTerritory, To: LabelService,
		Pattern: "(p)<-[:COVERS]-(c:Service)", Order: "c.name"}
	TerritoryNeeds = Hop{Name: "Territory.needs", From: LabelTerritory, To: LabelNeed,
		Pattern: "(p)<-[:IN_TERRITORY]-(c:Need)", Order: "c.volume DESC"}
	TerritoryPartnerships = Hop{Name: "Territory.partnerships", From: LabelTerritory, To: LabelPartnership,
		Pattern: "(p)<-[:IN_TERRITORY]-(c:Partnership)", Order: "c.name"}
	TerritoryEvents = Hop{Name: "Territory.events", From: LabelTerritory, To: LabelEvent,
		Pattern: "(p)<-[:HELD_IN]-(c:Event)", Order: "c.startDate DESC"}
	TerritoryPracticesOriginated = Hop{Name: "Territory.practicesOriginated", From: LabelTerritory, To: LabelPractice,
		Pattern: "(p)<-[:ORIGINATES_IN]-(c:Practice)", Order: "c.name"}
	TerritoryPracticesReceived = Hop{Name: "Territory.practicesReceived", From: LabelTerritory, To: LabelPractice,
		Pattern: "(p)<-[r:TRANSFERRED_TO]-(c:Practice)", Order: "r.year, c.name", Rel: true}

	StakeholderTerritory = Hop{Name: "Stakeholder.territory", From: LabelStakeholder, To: LabelTerritory,
		Pattern: "(p)-[:LOCATED_IN]->(c:Territory)", Order: "c.name"}
	StakeholderServices = Hop{Name: "Stakeholder.services", From: LabelStakeholder, To: LabelService,
		Pattern: "(p)-[:PROVIDES]->(c:Service)", Order: "c.name"}
	StakeholderAreas = Hop{Name: "Stakeholder.cooperationAreas", From: LabelStakeholder, To: LabelCooperationArea,
		Pattern: "(p)-[:ACTIVE_IN]->(c:CooperationArea)", Order: "c.name"}
	StakeholderPartnerships = Hop{Name: "Stakeholder.partnerships", From: LabelStakeholder, To: LabelPartnership,
		Pattern: "(p)-[r:PARTY_TO]->(c:Partnership)", Order: "c.name", Rel: true}
	StakeholderReferralsOut = Hop{Name: "Stakeholder.referralsOut", From: LabelStakeholder, To: LabelStakeholder,
		Pattern: "(p)-[r:REFERS_TO]->(c:Stakeholder)", Where: referralVisible("p", "c"), Order: "c.name", Rel: true, RelLabel: "REFERS_TO"}
	StakeholderReferralsIn = Hop{Name: "Stakeholder.referralsIn", From: LabelStakeholder, To: LabelStakeholder,
		Pattern: "(p)<-[r:REFERS_TO]-(c:Stakeholder)", Where: referralVisible("p", "c"), Order: "c.name", Rel: true, RelLabel: "REFERS_TO"}
	StakeholderProjects = Hop{Name: "Stakeholder.projects", From: LabelStakeholder, To: LabelProject,
		Pattern: "(p)-[r:PARTICIPATES_IN]->(c:Project)", Order: "c.name", Rel: true}
	StakeholderEvents = Hop{Name: "Stakeholder.events", From: LabelStakeholder, To: LabelEvent,
		Pattern: "(p)-[r:PARTICIPATED_IN]->(c:Event)", Order: "c.startDate DESC", Rel: true}
	StakeholderPractices = Hop{Name: "Stakeholder.practices", From: LabelStakeholder, To: LabelPractice,
		Pattern: "(p)-[:IMPLEMENTS]->(c:Practice)", Order: "c.name"}

	CategoryParent = Hop{Name: "ServiceCategory.parent", From: LabelServiceCategory, To: LabelServiceCategory,
		Pattern: "(p)-[:SUBCATEGORY_OF]->(c:ServiceCategory)", Order: "c.name"}
	CategoryChildren = Hop{Name: "ServiceCategory.children", From: LabelServiceCategory, To: LabelServiceCategory,
		Pattern: "(p)<-[:SUBCATEGORY_OF]-(c:ServiceCategory)", Order: "c.name"}
	CategoryServices = Hop{Name: "ServiceCategory.services", From: LabelServiceCategory, To: LabelService,
		Pattern: "(p)<-[:IN_CATEGORY]-(c:Service)", Order: "c.name"}
	CategoryNeeds = Hop{Name: "ServiceCategory.needs", From: LabelServiceCategory, To: LabelNeed,
		Pattern: "(p)<-[:FOR_CATEGORY]-(c:Need)", Order: "c.volume DESC"}
	CategoryAreas = Hop{Name: "ServiceCategory.cooperationAreas", From: LabelServiceCategory, To: LabelCooperationArea,
		Pattern: "(p)<-[:INCLUDES_CATEGORY]-(c:CooperationArea)", Order: "c.name"}

	TargetGroupServices = Hop{Name: "TargetGroup.services", From: LabelTargetGroup, To: LabelService,
		Pattern: "(p)<-[:FOR_GROUP]-(c:Service)", Order: "c.name"}
	TargetGroupNeeds = Hop{Name: "TargetGroup.needs", From: LabelTargetGroup, To: LabelNeed,
		Pattern: "(p)<-[:OF_GROUP]-(c:Need)", Order: "c.volume DESC"}

	ServiceProvider = Hop{Name: "Service.provider", From: LabelService, To: LabelStakeholder,
		Pattern: "(p)<-[:PROVIDES]-(c:Stakeholder)", Order: "c.name"}
	ServiceCategory = Hop{Name: "Service.category", From: LabelService, To: LabelServiceCategory,
		Pattern: "(p)-[:IN_CATEGORY]->(c:ServiceCategory)", Order: "c.name"}
	ServiceCategories = Hop{Name: "Service.categories", From: LabelService, To: LabelServiceCategory,
		Pattern: "(p)-[:IN_CATEGORY]->(c:ServiceCategory)", Order: "c.name"}
	ServiceTargetGroups = Hop{Name: "Service.targetGroups", From: LabelService, To: LabelTargetGroup,
		Pattern: "(p)-[:FOR_GROUP]->(c:TargetGroup)", Order: "c.name"}
	ServiceCoverage = Hop{Name: "Service.coverage", From: LabelService, To: LabelTerritory,
		Pattern: "(p)-[:COVERS]->(c:Territory)", Order: "c.name"}

	NeedTerritory = Hop{Name: "Need.territory", From: LabelNeed, To: LabelTerritory,
		Pattern: "(p)-[:IN_TERRITORY]->(c:Territory)", Order: "c.name"}
	NeedCategory = Hop{Name: "Need.category", From: LabelNeed, To: LabelServiceCategory,
		Pattern: "(p)-[:FOR_CATEGORY]->(c:ServiceCategory)", Order: "c.name"}
	NeedTargetGroup = Hop{Name: "Need.targetGroup", From: LabelNeed, To: LabelTargetGroup,
		Pattern: "(p)-[:OF_GROUP]->(c:TargetGroup)", Order: "c.name"}

	AreaCategories = Hop{Name: "CooperationArea.categories", From: LabelCooperationArea, To: LabelServiceCategory,
		Pattern: "(p)-[:INCLUDES_CATEGORY]->(c:ServiceCategory)", Order: "c.name"}
	AreaStakeholders = Hop{Name: "CooperationArea.stakeholders", From: LabelCooperationArea, To: LabelStakeholder,
		Pattern: "(p)<-[:ACTIVE_IN]-(c:Stakeholder)", Order: "c.name"}
	AreaPartnerships = Hop{Name: "CooperationArea.partnerships", From: LabelCooperationArea, To: LabelPartnership,
		Pattern: "(p)<-[:COVERS_AREA]-(c:Partnership)", Order: "c.name"}

	PartnershipParties = Hop{Name: "Partnership.parties", From: LabelPartnership, To: LabelStakeholder,
		Pattern: "(p)<-[r:PARTY_TO]-(c:Stakeholder)",
		Order:   "CASE r.role WHEN 'LEAD' THEN 0 WHEN 'PARTNER' THEN 1 WHEN 'SIGNATORY' THEN 2 ELSE 3 END, c.name", Rel: true}
	PartnershipTerritory = Hop{Name: "Partnership.territory", From: LabelPartnership, To: LabelTerritory,
		Pattern: "(p)-[:IN_TERRITORY]->(c:Territory)", Order: "c.name"}
	PartnershipAreas = Hop{Name: "Partnership.areas", From: LabelPartnership, To: LabelCooperationArea,
		Pattern: "(p)-[:COVERS_AREA]->(c:CooperationArea)", Order: "c.name"}
	PartnershipProject = Hop{Name: "Partnership.project", From: LabelPartnership, To: LabelProject,
		Pattern: "(p)-[:IN_PROJECT]->(c:Project)", Order: "c.name"}

	PracticeOrigin = Hop{Name: "Practice.origin", From: LabelPractice, To: LabelTerritory,
		Pattern: "(p)-[:ORIGINATES_IN]->(c:Territory)", Order: "c.name"}
	PracticeTransfers = Hop{Name: "Practice.transfers", From: LabelPractice, To: LabelTerritory,
		Pattern: "(p)-[r:TRANSFERRED_TO]->(c:Territory)", Order: "r.year, c.name", Rel: true}
	PracticeImplementers = Hop{Name: "Practice.implementers", From: LabelPractice, To: LabelStakeholder,
		Pattern: "(p)<-[:IMPLEMENTS]-(c:Stakeholder)", Order: "c.name"}
	PracticeProject = Hop{Name: "Practice.project", From: LabelPractice, To: LabelProject,
		Pattern: "(p)-[:IN_PROJECT]->(c:Project)", Order: "c.name"}

	ProjectParticipants = Hop{Name: "Project.participants", From: LabelProject, To: LabelStakeholder,
		Pattern: "(p)<-[r:PARTICIPATES_IN]-(c:Stakeholder)", Order: "coalesce(r.role = 'LEAD', false) DESC, c.name", Rel: true}
	ProjectPartnerships = Hop{Name: "Project.partnerships", From: LabelProject, To: LabelPartnership,
		Pattern: "(p)<-[:IN_PROJECT]-(c:Partnership)", Order: "c.name"}
	ProjectPractices = Hop{Name: "Project.practices", From: LabelProject, To: LabelPractice,
		Pattern: "(p)<-[:IN_PROJECT]-(c:Practice)", Order: "c.name"}
	ProjectEvents = Hop{Name: "Project.events", From: LabelProject, To: LabelEvent,
		Pattern: "(p)<-[:IN_PROJECT]-(c:Event)", Order: "c.startDate DESC"}

	EventTerritory = Hop{Name: "Event.territory", From: LabelEvent, To: LabelTerritory,
		Pattern: "(p)-[:HELD_IN]->(c:Territory)", Order: "c.name"}
	EventProject = Hop{Name: "Event.project", From: LabelEvent, To: LabelProject,
		Pattern: "(p)-[:IN_PROJECT]->(c:Project)", Order: "c.name"}
	EventParticipants = Hop{Name: "Event.stakeholders", From: LabelEvent, To: LabelStakeholder,
		Pattern: "(p)<-[r:PARTICIPATED_IN]-(c:Stakeholder)", Order: "c.name", Rel: true}
)

// ReferralCategories returns, for REFERS_TO ids, the categories each link
// is restricted to.
func (s *Store) ReferralCategories(ctx context.Context, linkIDs []string) (map[string][]*domain.ServiceCategory, error) {
	// Returns one row per link id with the categories named in its
	// categoryIds (found through the REFERS_TO id index).
	cypher := `MATCH (a)-[r:REFERS_TO]->(b) WHERE r.id IN $ids AND ` + referralVisible("a", "b") + `
UNWIND coalesce(r.categoryIds, []) AS cid
MATCH (c:ServiceCategory {id: cid})
RETURN r.id AS id, collect(c) AS cats`
	recs, err := s.read(ctx, cypher, withAccess(ctx, map[string]any{"ids": linkIDs}))
	if err != nil {
		return nil, fmt.Errorf("referral categories: %w", err)
	}
	out := map[string][]*domain.ServiceCategory{}
	for _, rec := range recs {
		r := rowOf(rec)
		id, cats := col[string](r, "id"), col[[]any](r, "cats")
		if err := r.Err(); err != nil {
			return nil, fmt.Errorf("referral categories: %w", err)
		}
		for _, c := range cats {
			v, err := decode[domain.ServiceCategory](c.(neo4j.Node).Props)
			if err != nil {
				return nil, err
			}
			out[id] = append(out[id], v)
		}
	}
	return out, nil
}
