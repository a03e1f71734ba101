package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// listQuery is a root list compiled from a filter: the label, the
// predicates on n (Cypher built from code, values in params) and the sort.
type listQuery struct {
	label  string
	text   string // full-text search words, empty for none
	where  []string
	params map[string]any
	order  string // ORDER BY expression, without the id tie-breaker
	// anchor, when set, is the MATCH that finds n by walking down from a
	// node the filter names (found by its id index) instead of scanning
	// the label; it may reach n by several paths.
	anchor string
	// ordered is the predicate that lets the planner read n in the order
	// of a range index ("n.name IS NOT NULL"), empty when there is none.
	ordered string
	// orders maps the list's order fields to the property they sort by.
	orders map[string]string
}

func newList(label string, orders map[string]string) *listQuery {
	return &listQuery{label: label, params: map[string]any{}, orders: orders}
}

// cond adds a predicate with one parameter when the value is given.
func (q *listQuery) cond(pred, param string, value any, given bool) {
	if given {
		q.where = append(q.where, pred)
		q.params[param] = value
	}
}

func (q *listQuery) ids(ids []string) { q.cond("n.id IN $ids", "ids", ids, len(ids) > 0) }

// below adds a condition "n is reached from the node $param by walking
// down": down is the MATCH from that node to n, up the same condition as a
// predicate on n. The first such condition of an unsearched list becomes
// the anchor, so the query starts at one node instead of every node of the
// label; the others, and all of a searched list (which starts at the
// full-text index), are predicates.
func (q *listQuery) below(param, value, down, up string) {
	if value == "" {
		return
	}
	if q.text == "" && q.anchor == "" {
		q.anchor = down
		q.params[param] = value
		return
	}
	q.cond(up, param, value, true)
}

// locatedBelow is the MATCH from territory $param down to the n linked by
// rel to it or a sub-territory; locatedWithin is its predicate.
func (q *listQuery) locatedBelow(rel, param, value string) {
	q.below(param, value,
		fmt.Sprintf("MATCH (:Territory {id: $%s})<-[:PART_OF*0..]-(:Territory)<-[:%s]-(n:%s)", param, rel, q.label),
		fmt.Sprintf(locatedWithin, rel, param))
}

// inCategoryBelow is the same for category $param and its sub-categories.
func (q *listQuery) inCategoryBelow(rel, param, value string) {
	q.below(param, value,
		fmt.Sprintf("MATCH (:ServiceCategory {id: $%s})<-[:SUBCATEGORY_OF*0..]-(:ServiceCategory)<-[:%s]-(n:%s)", param, rel, q.label),
		fmt.Sprintf(inCategory, rel, param))
}

// required are the properties every node of a listed label has (the
// domain's validation requires a name of every label that has one): they
// sort without the "IS NULL" key, so a range index can give the order.
var required = map[string]bool{"name": true}

// sort picks the ORDER BY of an Order; unknown values never get here (the
// schema's enums reject them), so falling back to the default is safe.
func (q *listQuery) sort(o *domain.Order, def string, defDir domain.SortDirection) {
	field, dir := def, defDir
	if o != nil {
		if o.Field != "" {
			field = o.Field
		}
		if o.Direction != "" {
			dir = o.Direction
		}
	}
	prop := q.orders[field]
	if prop == "" {
		prop = q.orders[def]
	}
	// "x IS NULL" first keeps unknown values last in both directions.
	q.order = fmt.Sprintf("n.%s IS NULL, n.%s %s", prop, prop, dir)
	if required[prop] {
		q.order = fmt.Sprintf("n.%s %s", prop, dir)
		q.ordered = fmt.Sprintf("n.%s IS NOT NULL", prop)
	}
	if q.text != "" && o == nil {
		q.order = "score DESC"
	}
}

// source is the start of the query: the full-text index when the list is
// searched, else the anchor, else a label scan. A page query (ordered)
// scans the label through the index of the sort property when it has one:
// a required property is never null, so the predicate drops nothing.
func (q *listQuery) source(ordered bool) string {
	switch {
	case q.text != "":
		q.params["q"] = FulltextQuery(q.text)
		return "CALL db.index.fulltext.queryNodes('coopgraph_text', $q) YIELD node AS n, score\n" +
			"WITH n, score WHERE n:" + q.label + "\n"
	case q.anchor != "":
		return q.anchor + "\nWITH DISTINCT n\n"
	case ordered && q.ordered != "":
		return "MATCH (n:" + q.label + ") WHERE " + q.ordered + "\n"
	}
	return "MATCH (n:" + q.label + ")\n"
}

// statements returns the page query and the count query of the list, the
// page's records projected as sel asks. The page query returns one row:
// the records as a list (items), and, when sel asks for the total, the
// count from a subquery after the page (total); one row of a list is
// cheaper to send than a row per record. count is the count alone.
func (q *listQuery) statements(c *compiler, sel *Selection) (page, count string) {
	count = q.source(false) + q.whereClause() + "RETURN count(n) AS total"
	// The order comes before the projection, so that it is on the node's
	// own properties, which an index can give in order.
	page = q.source(true) + q.whereClause() +
		"WITH n" + q.scoreCol() + " ORDER BY " + q.order + ", n.id SKIP $skip LIMIT $limit\n"
	page += "WITH collect(" + c.projection(q.label, "n", sel, 0, "") + ") AS items\n"
	if sel.Total {
		page += "CALL () {\n" + count + "\n}\nRETURN items, total"
	} else {
		page += "RETURN items"
	}
	return page, count
}

func (q *listQuery) whereClause() string {
	if len(q.where) == 0 {
		return ""
	}
	return "WITH n" + q.scoreCol() + " WHERE " + strings.Join(q.where, "\n  AND ") + "\n"
}

func (q *listQuery) scoreCol() string {
	if q.text == "" {
		return ""
	}
	return ", score"
}

// compiled, set only by tests (export_test.go), is told of the statements
// of each list and their parameters, so that their plans can be checked.
var compiled func(page, count string, params map[string]any)

// list reads one page of a list, whole records, and its total when wanted.
func list[T any](ctx context.Context, s *Store, q *listQuery, page domain.PageArgs, withTotal bool) (domain.Page[T], error) {
	p, _, err := selectList[T](ctx, s, q, page, Everything(withTotal))
	return p, err
}

// selectList reads one page of a list as sel asks, in one statement: the
// records with their relationship fields and, when sel.Total, the count.
func selectList[T any](ctx context.Context, s *Store, q *listQuery, page domain.PageArgs, sel *Selection) (domain.Page[T], []*Fetched, error) {
	if q.text != "" {
		if err := domain.CheckSearchText("filter.text", q.text); err != nil {
			return domain.Page[T]{}, nil, err
		}
	}
	c := &compiler{params: q.params}
	pageCypher, countCypher := q.statements(c, sel)
	params := withAccess(ctx, c.params)
	params["skip"] = page.Offset
	params["limit"] = page.Limit + 1 // one more than asked tells whether a next page exists
	if compiled != nil {
		compiled(pageCypher, countCypher, params)
	}
	// Returns one row: the page of the label's nodes matching the filter,
	// in order, as selected, and the count when asked.
	recs, err := s.read(ctx, pageCypher, params)
	if err != nil {
		return domain.Page[T]{}, nil, fmt.Errorf("list %s: %w", q.label, err)
	}
	out := domain.Page[T]{Offset: page.Offset}
	r := rowOf(recs[0])
	rows := col[[]any](r, "items")
	if sel.Total {
		total := int(col[int64](r, "total"))
		out.Total = &total
	}
	if err := r.Err(); err != nil {
		return out, nil, fmt.Errorf("list %s: %w", q.label, err)
	}
	var all []*Fetched
	for i, v := range rows {
		if i == page.Limit {
			out.HasNext = true
			break
		}
		f, err := fetched(q.label, sel, v)
		if err != nil {
			return out, nil, fmt.Errorf("list %s: %w", q.label, err)
		}
		out.Items = append(out.Items, f.Node.(*T))
		all = append(all, f)
	}
	return out, all, nil
}

// Sub-territory and sub-category conditions: the node is linked to the given
// territory or category, or to one below it.
const (
	locatedWithin = "EXISTS { (n)-[:%s]->(:Territory)-[:PART_OF*0..]->(:Territory {id: $%s}) }"
	inCategory    = "EXISTS { (n)-[:%s]->(:ServiceCategory)-[:SUBCATEGORY_OF*0..]->(:ServiceCategory {id: $%s}) }"
)

var byName = map[string]string{"NAME": "name", "CREATED_AT": "createdAt", "UPDATED_AT": "updatedAt"}

// Territories lists territories.
func (s *Store) Territories(ctx context.Context, f domain.TerritoryFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.Territory], error) {
	return list[domain.Territory](ctx, s, territoriesList(f, o), p, withTotal)
}

// SelectTerritories is Territories as sel asks, in one statement (see Selection).
func (s *Store) SelectTerritories(ctx context.Context, f domain.TerritoryFilter, o *domain.Order, p domain.PageArgs, sel *Selection) (domain.Page[domain.Territory], []*Fetched, error) {
	return selectList[domain.Territory](ctx, s, territoriesList(f, o), p, sel)
}

// territoriesList builds the list query of the filter and order.
func territoriesList(f domain.TerritoryFilter, o *domain.Order) *listQuery {
	q := newList(LabelTerritory, map[string]string{"NAME": "name", "POPULATION": "population", "CREATED_AT": "createdAt"})
	q.text = f.Text
	q.ids(f.IDs)
	q.cond("n.level IN $levels", "levels", f.Levels, len(f.Levels) > 0)
	q.below("within", f.Within, "MATCH (:Territory {id: $within})<-[:PART_OF*1..]-(n:Territory)",
		"EXISTS { (n)-[:PART_OF*1..]->(:Territory {id: $within}) }")
	q.sort(o, "NAME", domain.Asc)
	return q
}

// Stakeholders lists stakeholders.
func (s *Store) Stakeholders(ctx context.Context, f domain.StakeholderFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.Stakeholder], error) {
	return list[domain.Stakeholder](ctx, s, stakeholdersList(f, o), p, withTotal)
}

// SelectStakeholders is Stakeholders as sel asks, in one statement (see Selection).
func (s *Store) SelectStakeholders(ctx context.Context, f domain.StakeholderFilter, o *domain.Order, p domain.PageArgs, sel *Selection) (domain.Page[domain.Stakeholder], []*Fetched, error) {
	return selectList[domain.Stakeholder](ctx, s, stakeholdersList(f, o), p, sel)
}

// stakeholdersList builds the list query of the filter and order.
func stakeholdersList(f domain.StakeholderFilter, o *domain.Order) *listQuery {
	q := newList(LabelStakeholder, byName)
	q.text = f.Text
	q.ids(f.IDs)
	q.cond("n.kind IN $kinds", "kinds", f.Kinds, len(f.Kinds) > 0)
	q.cond("n.sector IN $sectors", "sectors", f.Sectors, len(f.Sectors) > 0)
	q.locatedBelow("LOCATED_IN", "territoryId", f.TerritoryID)
	q.cond("EXISTS { (n)-[:ACTIVE_IN]->(a:CooperationArea) WHERE a.id IN $areaIds }", "areaIds", f.AreaIDs, len(f.AreaIDs) > 0)
	q.below("categoryId", f.CategoryID,
		"MATCH (:ServiceCategory {id: $categoryId})<-[:SUBCATEGORY_OF*0..]-(:ServiceCategory)<-[:IN_CATEGORY]-(:Service)<-[:PROVIDES]-(n:Stakeholder)",
		"EXISTS { (n)-[:PROVIDES]->(:Service)-[:IN_CATEGORY]->(:ServiceCategory)-[:SUBCATEGORY_OF*0..]->(:ServiceCategory {id: $categoryId}) }")
	q.sort(o, "NAME", domain.Asc)
	return q
}

// ServiceCategories lists service categories.
func (s *Store) ServiceCategories(ctx context.Context, f domain.ServiceCategoryFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.ServiceCategory], error) {
	return list[domain.ServiceCategory](ctx, s, serviceCategoriesList(f, o), p, withTotal)
}

// SelectServiceCategories is ServiceCategories as sel asks, in one statement (see Selection).
func (s *Store) SelectServiceCategories(ctx context.Context, f domain.ServiceCategoryFilter, o *domain.Order, p domain.PageArgs, sel *Selection) (domain.Page[domain.ServiceCategory], []*Fetched, error) {
	return selectList[domain.ServiceCategory](ctx, s, serviceCategoriesList(f, o), p, sel)
}

// serviceCategoriesList builds the list query of the filter and order.
func serviceCategoriesList(f domain.ServiceCategoryFilter, o *domain.Order) *listQuery {
	q := newList(LabelServiceCategory, byName)
	q.text = f.Text
	q.ids(f.IDs)
	q.cond("n.domain IN $domains", "domains", f.Domains, len(f.Domains) > 0)
	q.cond("EXISTS { (n)-[:SUBCATEGORY_OF]->(:ServiceCategory {id: $parentId}) }", "parentId", f.ParentID, f.ParentID != "")
	if f.TopLevel != nil {
		if *f.TopLevel {
			q.where = append(q.where, "NOT EXISTS { (n)-[:SUBCATEGORY_OF]->() }")
		} else {
			q.where = append(q.where, "EXISTS { (n)-[:SUBCATEGORY_OF]->() }")
		}
	}
	q.sort(o, "NAME", domain.Asc)
	return q
}

// TargetGroups lists target groups.
func (s *Store) TargetGroups(ctx context.Context, f domain.TargetGroupFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.TargetGroup], error) {
	return list[domain.TargetGroup](ctx, s, targetGroupsList(f, o), p, withTotal)
}

// SelectTargetGroups is TargetGroups as sel asks, in one statement (see Selection).
func (s *Store) SelectTargetGroups(ctx context.Context, f domain.TargetGroupFilter, o *domain.Order, p domain.PageArgs, sel *Selection) (domain.Page[domain.TargetGroup], []*Fetched, error) {
	return selectList[domain.TargetGroup](ctx, s, targetGroupsList(f, o), p, sel)
}

// targetGroupsList builds the list query of the filter and order.
func targetGroupsList(f domain.TargetGroupFilter, o *domain.Order) *listQuery {
	q := newList(LabelTargetGroup, byName)
	q.text = f.Text
	q.ids(f.IDs)
	q.sort(o, "NAME", domain.Asc)
	return q
}

// Services lists services. A territory condition means "available there":
// the service area covers the territory, an ancestor or a sub-territory.
func (s *Store) Services(ctx context.Context, f domain.ServiceFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.Service], error) {
	return list[domain.Service](ctx, s, servicesList(f, o), p, withTotal)
}

// SelectServices is Services as sel asks, in one statement (see Selection).
func (s *Store) SelectServices(ctx context.Context, f domain.ServiceFilter, o *domain.Order, p domain.PageArgs, sel *Selection) (domain.Page[domain.Service], []*Fetched, error) {
	return selectList[domain.Service](ctx, s, servicesList(f, o), p, sel)
}

// servicesList builds the list query of the filter and order.
func servicesList(f domain.ServiceFilter, o *domain.Order) *listQuery {
	q := newList(LabelService, map[string]string{"NAME": "name", "CAPACITY": "capacity", "AVAILABLE": "available", "CREATED_AT": "createdAt"})
	q.text = f.Text
	q.ids(f.IDs)
	q.cond("n.status IN $statuses", "statuses", f.Statuses, len(f.Statuses) > 0)
	q.cond("n.deliveryMode IN $modes", "modes", f.DeliveryModes, len(f.DeliveryModes) > 0)
	q.inCategoryBelow("IN_CATEGORY", "categoryId", f.CategoryID)
	q.cond("EXISTS { (n)-[:FOR_GROUP]->(g:TargetGroup) WHERE g.id IN $groups }", "groups", f.TargetGroupIDs, len(f.TargetGroupIDs) > 0)
	q.below("territoryId", f.TerritoryID, `CALL () {
	  MATCH (:Territory {id: $territoryId})<-[:PART_OF*0..]-(c:Territory) RETURN c
	  UNION
	  MATCH (:Territory {id: $territoryId})-[:PART_OF*1..]->(c:Territory) RETURN c }
	MATCH (c)<-[:COVERS]-(n:Service)`, `EXISTS { (n)-[:COVERS]->(c:Territory)
	    WHERE EXISTS { (c)-[:PART_OF*0..]->(:Territory {id: $territoryId}) }
	       OR EXISTS { (:Territory {id: $territoryId})-[:PART_OF*1..]->(c) } }`)
	q.below("providerId", f.ProviderID,
		"MATCH (:Stakeholder {id: $providerId})-[:PROVIDES]->(n:"+q.label+")",
		"EXISTS { (:Stakeholder {id: $providerId})-[:PROVIDES]->(n) }")
	q.sort(o, "NAME", domain.Asc)
	return q
}

// Needs lists needs, largest first by default.
func (s *Store) Needs(ctx context.Context, f domain.NeedFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.Need], error) {
	return list[domain.Need](ctx, s, needsList(f, o), p, withTotal)
}

// SelectNeeds is Needs as sel asks, in one statement (see Selection).
func (s *Store) SelectNeeds(ctx context.Context, f domain.NeedFilter, o *domain.Order, p domain.PageArgs, sel *Selection) (domain.Page[domain.Need], []*Fetched, error) {
	return selectList[domain.Need](ctx, s, needsList(f, o), p, sel)
}

// needsList builds the list query of the filter and order.
func needsList(f domain.NeedFilter, o *domain.Order) *listQuery {
	q := newList(LabelNeed, map[string]string{"VOLUME": "volume", "YEAR": "year", "CREATED_AT": "createdAt"})
	q.ids(f.IDs)
	q.locatedBelow("IN_TERRITORY", "territoryId", f.TerritoryID)
	q.inCategoryBelow("FOR_CATEGORY", "categoryId", f.CategoryID)
	q.cond("EXISTS { (n)-[:OF_GROUP]->(g:TargetGroup) WHERE g.id IN $groups }", "groups", f.TargetGroupIDs, len(f.TargetGroupIDs) > 0)
	q.cond("n.priority IN $priorities", "priorities", f.Priorities, len(f.Priorities) > 0)
	q.cond("n.year = $year", "year", f.Year, f.Year != 0)
	q.sort(o, "VOLUME", domain.Desc)
	return q
}

// CooperationAreas lists cooperation areas.
func (s *Store) CooperationAreas(ctx context.Context, f domain.CooperationAreaFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.CooperationArea], error) {
	return list[domain.CooperationArea](ctx, s, cooperationAreasList(f, o), p, withTotal)
}

// SelectCooperationAreas is CooperationAreas as sel asks, in one statement (see Selection).
func (s *Store) SelectCooperationAreas(ctx context.Context, f domain.CooperationAreaFilter, o *domain.Order, p domain.PageArgs, sel *Selection) (domain.Page[domain.CooperationArea], []*Fetched, error) {
	return selectList[domain.CooperationArea](ctx, s, cooperationAreasList(f, o), p, sel)
}

// cooperationAreasList builds the list query of the filter and order.
func cooperationAreasList(f domain.CooperationAreaFilter, o *domain.Order) *listQuery {
	q := newList(LabelCooperationArea, byName)
	q.text = f.Text
	q.ids(f.IDs)
	q.inCategoryBelow("INCLUDES_CATEGORY", "categoryId", f.CategoryID)
	q.below("stakeholderId", f.StakeholderID,
		"MATCH (:Stakeholder {id: $stakeholderId})-[:ACTIVE_IN]->(n:"+q.label+")",
		"EXISTS { (:Stakeholder {id: $stakeholderId})-[:ACTIVE_IN]->(n) }")
	q.sort(o, "NAME", domain.Asc)
	return q
}

// Partnerships lists partnerships.
func (s *Store) Partnerships(ctx context.Context, f domain.PartnershipFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.Partnership], error) {
	return list[domain.Partnership](ctx, s, partnershipsList(f, o), p, withTotal)
}

// SelectPartnerships is Partnerships as sel asks, in one statement (see Selection).
func (s *Store) SelectPartnerships(ctx context.Context, f domain.PartnershipFilter, o *domain.Order, p domain.PageArgs, sel *Selection) (domain.Page[domain.Partnership], []*Fetched, error) {
	return selectList[domain.Partnership](ctx, s, partnershipsList(f, o), p, sel)
}

// partnershipsList builds the list query of the filter and order.
func partnershipsList(f domain.PartnershipFilter, o *domain.Order) *listQuery {
	q := newList(LabelPartnership, map[string]string{"NAME": "name", "VALID_FROM": "validFrom", "CREATED_AT": "createdAt"})
	q.text = f.Text
	q.ids(f.IDs)
	q.cond("n.kind IN $kinds", "kinds", f.Kinds, len(f.Kinds) > 0)
	q.cond("n.status IN $statuses", "statuses", f.Statuses, len(f.Statuses) > 0)
	q.locatedBelow("IN_TERRITORY", "territoryId", f.TerritoryID)
	q.cond("EXISTS { (n)-[:COVERS_AREA]->(a:CooperationArea) WHERE a.id IN $areaIds }", "areaIds", f.AreaIDs, len(f.AreaIDs) > 0)
	q.below("stakeholderId", f.StakeholderID,
		"MATCH (:Stakeholder {id: $stakeholderId})-[:PARTY_TO]->(n:"+q.label+")",
		"EXISTS { (:Stakeholder {id: $stakeholderId})-[:PARTY_TO]->(n) }")
	q.below("projectId", f.ProjectID,
		"MATCH (:Project {id: $projectId})<-[:IN_PROJECT]-(n:"+q.label+")",
		"EXISTS { (n)-[:IN_PROJECT]->(:Project {id: $projectId}) }")
	if f.ActiveOn != nil {
		q.cond("coalesce(n.validFrom <= $activeOn, true) AND coalesce(n.validTo >= $activeOn, true)",
			"activeOn", dateParam(*f.ActiveOn), true)
	}
	q.sort(o, "NAME", domain.Asc)
	return q
}

// Practices lists practices.
func (s *Store) Practices(ctx context.Context, f domain.PracticeFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.Practice], error) {
	return list[domain.Practice](ctx, s, practicesList(f, o), p, withTotal)
}

// SelectPractices is Practices as sel asks, in one statement (see Selection).
func (s *Store) SelectPractices(ctx context.Context, f domain.PracticeFilter, o *domain.Order, p domain.PageArgs, sel *Selection) (domain.Page[domain.Practice], []*Fetched, error) {
	return selectList[domain.Practice](ctx, s, practicesList(f, o), p, sel)
}

// practicesList builds the list query of the filter and order.
func practicesList(f domain.PracticeFilter, o *domain.Order) *listQuery {
	q := newList(LabelPractice, byName)
	q.text = f.Text
	q.ids(f.IDs)
	q.locatedBelow("ORIGINATES_IN|TRANSFERRED_TO", "territoryId", f.TerritoryID)
	q.below("projectId", f.ProjectID,
		"MATCH (:Project {id: $projectId})<-[:IN_PROJECT]-(n:"+q.label+")",
		"EXISTS { (n)-[:IN_PROJECT]->(:Project {id: $projectId}) }")
	q.below("stakeholderId", f.StakeholderID,
		"MATCH (:Stakeholder {id: $stakeholderId})-[:IMPLEMENTS]->(n:"+q.label+")",
		"EXISTS { (:Stakeholder {id: $stakeholderId})-[:IMPLEMENTS]->(n) }")
	q.sort(o, "NAME", domain.Asc)
	return q
}

// Projects lists projects.
func (s *Store) Projects(ctx context.Context, f domain.ProjectFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.Project], error) {
	return list[domain.Project](ctx, s, projectsList(f, o), p, withTotal)
}

// SelectProjects is Projects as sel asks, in one statement (see Selection).
func (s *Store) SelectProjects(ctx context.Context, f domain.ProjectFilter, o *domain.Order, p domain.PageArgs, sel *Selection) (domain.Page[domain.Project], []*Fetched, error) {
	return selectList[domain.Project](ctx, s, projectsList(f, o), p, sel)
}

// projectsList builds the list query of the filter and order.
func projectsList(f domain.ProjectFilter, o *domain.Order) *listQuery {
	q := newList(LabelProject, map[string]string{"NAME": "name", "START_DATE": "startDate"})
	q.text = f.Text
	q.ids(f.IDs)
	q.below("stakeholderId", f.StakeholderID,
		"MATCH (:Stakeholder {id: $stakeholderId})-[:PARTICIPATES_IN]->(n:"+q.label+")",
		"EXISTS { (:Stakeholder {id: $stakeholderId})-[:PARTICIPATES_IN]->(n) }")
	q.sort(o, "NAME", domain.Asc)
	return q
}

// Events lists events, newest first by default.
func (s *Store) Events(ctx context.Context, f domain.EventFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.Event], error) {
	return list[domain.Event](ctx, s, eventsList(f, o), p, withTotal)
}

// SelectEvents is Events as sel asks, in one statement (see Selection).
func (s *Store) SelectEvents(ctx context.Context, f domain.EventFilter, o *domain.Order, p domain.PageArgs, sel *Selection) (domain.Page[domain.Event], []*Fetched, error) {
	return selectList[domain.Event](ctx, s, eventsList(f, o), p, sel)
}

// eventsList builds the list query of the filter and order.
func eventsList(f domain.EventFilter, o *domain.Order) *listQuery {
	q := newList(LabelEvent, map[string]string{"NAME": "name", "START_DATE": "startDate"})
	q.text = f.Text
	q.ids(f.IDs)
	q.cond("n.kind IN $kinds", "kinds", f.Kinds, len(f.Kinds) > 0)
	q.locatedBelow("HELD_IN", "territoryId", f.TerritoryID)
	q.below("projectId", f.ProjectID,
		"MATCH (:Project {id: $projectId})<-[:IN_PROJECT]-(n:"+q.label+")",
		"EXISTS { (n)-[:IN_PROJECT]->(:Project {id: $projectId}) }")
	q.below("stakeholderId", f.StakeholderID,
		"MATCH (:Stakeholder {id: $stakeholderId})-[:PARTICIPATED_IN]->(n:"+q.label+")",
		"EXISTS { (:Stakeholder {id: $stakeholderId})-[:PARTICIPATED_IN]->(n) }")
	if f.From != nil {
		q.cond("n.startDate >= $from", "from", dateParam(*f.From), true)
	}
	if f.To != nil {
		q.cond("n.startDate <= $to", "to", dateParam(*f.To), true)
	}
	q.sort(o, "START_DATE", domain.Desc)
	return q
}

// IsEmpty reports whether the database holds no node of the model.
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	// Returns one row when any model node exists; uses the id indexes.
	recs, err := s.read(ctx, `MATCH (n) WHERE n:Territory OR n:Stakeholder OR n:Service RETURN 1 LIMIT 1`, nil)
	if err != nil {
		return false, err
	}
	return len(recs) == 0, nil
}
