package store

import (
	"context"
	"fmt"
	"maps"
	"strings"
	"sync"

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

// statements returns the page query and the count query of the list.
func (q *listQuery) statements() (page, count string) {
	count = q.source(false) + q.whereClause() + "RETURN count(n) AS total"
	// The order comes before the projection, so that it is on the node's
	// own properties, which an index can give in order.
	page = q.source(true) + q.whereClause() +
		"WITH n" + q.scoreCol() + " ORDER BY " + q.order + ", n.id SKIP $skip LIMIT $limit\n" +
		"RETURN " + visible(q.label, "n") + " AS n"
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

// list runs the page query and, when wanted, the count query; the two run
// at once, so a counted page costs one round trip of time, not two.
func list[T any](ctx context.Context, s *Store, q *listQuery, page domain.PageArgs, withTotal bool) (domain.Page[T], error) {
	if q.text != "" {
		if err := domain.CheckSearchText("filter.text", q.text); err != nil {
			return domain.Page[T]{}, err
		}
	}
	pageCypher, countCypher := q.statements()
	q.params = withAccess(ctx, q.params)
	params := maps.Clone(q.params)
	params["skip"] = page.Offset
	params["limit"] = page.Limit + 1 // one more than asked tells whether a next page exists
	if compiled != nil {
		compiled(pageCypher, countCypher, params)
	}
	var (
		total    int
		countErr error
		wg       sync.WaitGroup
	)
	if withTotal {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Returns how many nodes match the filter.
			recs, err := s.read(ctx, countCypher, q.params)
			if err != nil {
				countErr = fmt.Errorf("count %s: %w", q.label, err)
				return
			}
			r := rowOf(recs[0])
			total = int(col[int64](r, "total"))
			if err := r.Err(); err != nil {
				countErr = fmt.Errorf("count %s: %w", q.label, err)
			}
		}()
	}
	// Returns one page of the label's nodes matching the filter, in order.
	recs, err := s.read(ctx, pageCypher, params)
	wg.Wait()
	if err != nil {
		return domain.Page[T]{}, fmt.Errorf("list %s: %w", q.label, err)
	}
	if countErr != nil {
		return domain.Page[T]{}, countErr
	}
	out := domain.Page[T]{Offset: page.Offset}
	if withTotal {
		out.Total = &total
	}
	for i, rec := range recs {
		if i == page.Limit {
			out.HasNext = true
			break
		}
		v, err := decodeNode[T](rec, "n")
		if err != nil {
			return out, fmt.Errorf("list %s: %w", q.label, err)
		}
		out.Items = append(out.Items, v)
	}
	return out, nil
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
	q := newList(LabelTerritory, map[string]string{"NAME": "name", "POPULATION": "population", "CREATED_AT": "createdAt"})
	q.text = f.Text
	q.ids(f.IDs)
	q.cond("n.level IN $levels", "levels", f.Levels, len(f.Levels) > 0)
	q.below("within", f.Within, "MATCH (:Territory {id: $within})<-[:PART_OF*1..]-(n:Territory)",
		"EXISTS { (n)-[:PART_OF*1..]->(:Territory {id: $within}) }")
	q.sort(o, "NAME", domain.Asc)
	return list[domain.Territory](ctx, s, q, p, withTotal)
}

// Stakeholders lists stakeholders.
func (s *Store) Stakeholders(ctx context.Context, f domain.StakeholderFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.Stakeholder], error) {
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
	return list[domain.Stakeholder](ctx, s, q, p, withTotal)
}

// ServiceCategories lists service categories.
func (s *Store) ServiceCategories(ctx context.Context, f domain.ServiceCategoryFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.ServiceCategory], error) {
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
	return list[domain.ServiceCategory](ctx, s, q, p, withTotal)
}

// TargetGroups lists target groups.
func (s *Store) TargetGroups(ctx context.Context, f domain.TargetGroupFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.TargetGroup], error) {
	q := newList(LabelTargetGroup, byName)
	q.text = f.Text
	q.ids(f.IDs)
	q.sort(o, "NAME", domain.Asc)
	return list[domain.TargetGroup](ctx, s, q, p, withTotal)
}

// Services lists services. A territory condition means "available there":
// the service area covers the territory, an ancestor or a sub-territory.
func (s *Store) Services(ctx context.Context, f domain.ServiceFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.Service], error) {
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
	q.cond("EXISTS { (:Stakeholder {id: $providerId})-[:PROVIDES]->(n) }", "providerId", f.ProviderID, f.ProviderID != "")
	q.sort(o, "NAME", domain.Asc)
	return list[domain.Service](ctx, s, q, p, withTotal)
}

// Needs lists needs, largest first by default.
func (s *Store) Needs(ctx context.Context, f domain.NeedFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.Need], error) {
	q := newList(LabelNeed, map[string]string{"VOLUME": "volume", "YEAR": "year", "CREATED_AT": "createdAt"})
	q.ids(f.IDs)
	q.locatedBelow("IN_TERRITORY", "territoryId", f.TerritoryID)
	q.inCategoryBelow("FOR_CATEGORY", "categoryId", f.CategoryID)
	q.cond("EXISTS { (n)-[:OF_GROUP]->(g:TargetGroup) WHERE g.id IN $groups }", "groups", f.TargetGroupIDs, len(f.TargetGroupIDs) > 0)
	q.cond("n.priority IN $priorities", "priorities", f.Priorities, len(f.Priorities) > 0)
	q.cond("n.year = $year", "year", f.Year, f.Year != 0)
	q.sort(o, "VOLUME", domain.Desc)
	return list[domain.Need](ctx, s, q, p, withTotal)
}

// CooperationAreas lists cooperation areas.
func (s *Store) CooperationAreas(ctx context.Context, f domain.CooperationAreaFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.CooperationArea], error) {
	q := newList(LabelCooperationArea, byName)
	q.text = f.Text
	q.ids(f.IDs)
	q.inCategoryBelow("INCLUDES_CATEGORY", "categoryId", f.CategoryID)
	q.cond("EXISTS { (:Stakeholder {id: $stakeholderId})-[:ACTIVE_IN]->(n) }", "stakeholderId", f.StakeholderID, f.StakeholderID != "")
	q.sort(o, "NAME", domain.Asc)
	return list[domain.CooperationArea](ctx, s, q, p, withTotal)
}

// Partnerships lists partnerships.
func (s *Store) Partnerships(ctx context.Context, f domain.PartnershipFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.Partnership], error) {
	q := newList(LabelPartnership, map[string]string{"NAME": "name", "VALID_FROM": "validFrom", "CREATED_AT": "createdAt"})
	q.text = f.Text
	q.ids(f.IDs)
	q.cond("n.kind IN $kinds", "kinds", f.Kinds, len(f.Kinds) > 0)
	q.cond("n.status IN $statuses", "statuses", f.Statuses, len(f.Statuses) > 0)
	q.locatedBelow("IN_TERRITORY", "territoryId", f.TerritoryID)
	q.cond("EXISTS { (n)-[:COVERS_AREA]->(a:CooperationArea) WHERE a.id IN $areaIds }", "areaIds", f.AreaIDs, len(f.AreaIDs) > 0)
	q.cond("EXISTS { (:Stakeholder {id: $stakeholderId})-[:PARTY_TO]->(n) }", "stakeholderId", f.StakeholderID, f.StakeholderID != "")
	q.cond("EXISTS { (n)-[:IN_PROJECT]->(:Project {id: $projectId}) }", "projectId", f.ProjectID, f.ProjectID != "")
	if f.ActiveOn != nil {
		q.cond("coalesce(n.validFrom <= $activeOn, true) AND coalesce(n.validTo >= $activeOn, true)",
			"activeOn", dateParam(*f.ActiveOn), true)
	}
	q.sort(o, "NAME", domain.Asc)
	return list[domain.Partnership](ctx, s, q, p, withTotal)
}

// Practices lists practices.
func (s *Store) Practices(ctx context.Context, f domain.PracticeFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.Practice], error) {
	q := newList(LabelPractice, byName)
	q.text = f.Text
	q.ids(f.IDs)
	q.locatedBelow("ORIGINATES_IN|TRANSFERRED_TO", "territoryId", f.TerritoryID)
	q.cond("EXISTS { (n)-[:IN_PROJECT]->(:Project {id: $projectId}) }", "projectId", f.ProjectID, f.ProjectID != "")
	q.cond("EXISTS { (:Stakeholder {id: $stakeholderId})-[:IMPLEMENTS]->(n) }", "stakeholderId", f.StakeholderID, f.StakeholderID != "")
	q.sort(o, "NAME", domain.Asc)
	return list[domain.Practice](ctx, s, q, p, withTotal)
}

// Projects lists projects.
func (s *Store) Projects(ctx context.Context, f domain.ProjectFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.Project], error) {
	q := newList(LabelProject, map[string]string{"NAME": "name", "START_DATE": "startDate"})
	q.text = f.Text
	q.ids(f.IDs)
	q.cond("EXISTS { (:Stakeholder {id: $stakeholderId})-[:PARTICIPATES_IN]->(n) }", "stakeholderId", f.StakeholderID, f.StakeholderID != "")
	q.sort(o, "NAME", domain.Asc)
	return list[domain.Project](ctx, s, q, p, withTotal)
}

// Events lists events, newest first by default.
func (s *Store) Events(ctx context.Context, f domain.EventFilter, o *domain.Order, p domain.PageArgs, withTotal bool) (domain.Page[domain.Event], error) {
	q := newList(LabelEvent, map[string]string{"NAME": "name", "START_DATE": "startDate"})
	q.text = f.Text
	q.ids(f.IDs)
	q.cond("n.kind IN $kinds", "kinds", f.Kinds, len(f.Kinds) > 0)
	q.locatedBelow("HELD_IN", "territoryId", f.TerritoryID)
	q.cond("EXISTS { (n)-[:IN_PROJECT]->(:Project {id: $projectId}) }", "projectId", f.ProjectID, f.ProjectID != "")
	q.cond("EXISTS { (:Stakeholder {id: $stakeholderId})-[:PARTICIPATED_IN]->(n) }", "stakeholderId", f.StakeholderID, f.StakeholderID != "")
	if f.From != nil {
		q.cond("n.startDate >= $from", "from", dateParam(*f.From), true)
	}
	if f.To != nil {
		q.cond("n.startDate <= $to", "to", dateParam(*f.To), true)
	}
	q.sort(o, "START_DATE", domain.Desc)
	return list[domain.Event](ctx, s, q, p, withTotal)
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
