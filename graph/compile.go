package graph

// Compiled reads: a root field's selection becomes one Cypher statement.
//
// selectionOf walks the fields a request selects of a record, through every
// relationship field in hopFields, into a store.Selection; the store reads
// it in one statement (store.Selection) and returns the records with the
// records of each relationship field. prime then hands those to the field
// loader, level by level, under the same key a relationship resolver loads
// with (fieldKey), so the resolvers run as before and find their answers
// without a query. A field not compiled (an analysis, a computed field,
// ReferralLink.categories, or one whose arguments are out of range, which
// its resolver refuses) is loaded by its resolver per level as before.

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/99designs/gqlgen/graphql"

	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/loader"
	"github.com/coopgraph/coopgraph/internal/store"
)

// limitRule says how a relationship field's resolver limits it.
type limitRule int

const (
	toOne   limitRule = iota // relatedNode: the first record
	toAll                    // no first argument: maxNested
	byFirst                  // the first argument (nestedLimit)
)

// hopField is a relationship field a compiled read fetches with its
// parent: its hop, how its resolver limits it, the hop's parameters from
// the arguments (ok false when its resolver would refuse them), and, for
// fields whose items wrap the reached record with the relationship's
// properties (PartnershipParty...), the item's field that holds the reached
// record (node) and the one that holds the parent (parent, whose selection
// is the parent's own).
type hopField struct {
	hop          store.Hop
	limit        limitRule
	params       func(args map[string]any) (params map[string]any, ok bool)
	node, parent string
}

// hopFields are the compiled relationship fields, by "Type.field". Each
// entry must match its resolver (hop, limit, parameters); a mismatch costs
// a query, never a wrong answer, and TestCompiledStatements finds it.
var hopFields = map[string]hopField{
	"Territory.parent":              {hop: store.TerritoryParent, limit: toOne},
	"Territory.zones":               {hop: store.TerritoryZones, limit: toAll},
	"Territory.ancestors":           {hop: store.TerritoryAncestors, limit: toAll},
	"Territory.children":            {hop: store.TerritoryChildren, limit: byFirst, params: childrenParams},
	"Territory.neighbours":          {hop: store.TerritoryNeighbours, limit: toAll, params: neighbourParams, node: "territory"},
	"Territory.stakeholders":        {hop: store.TerritoryStakeholders, limit: byFirst},
	"Territory.services":            {hop: store.TerritoryServices, limit: byFirst},
	"Territory.needs":               {hop: store.TerritoryNeeds, limit: byFirst},
	"Territory.partnerships":        {hop: store.TerritoryPartnerships, limit: byFirst},
	"Territory.events":              {hop: store.TerritoryEvents, limit: byFirst},
	"Territory.practicesOriginated": {hop: store.TerritoryPracticesOriginated, limit: toAll},
	"Territory.practicesReceived":   {hop: store.TerritoryPracticesReceived, limit: toAll, node: "practice", parent: "territory"},

	"Stakeholder.territory":        {hop: store.StakeholderTerritory, limit: toOne},
	"Stakeholder.services":         {hop: store.StakeholderServices, limit: byFirst},
	"Stakeholder.cooperationAreas": {hop: store.StakeholderAreas, limit: toAll},
	"Stakeholder.partnerships":     {hop: store.StakeholderPartnerships, limit: toAll, node: "partnership", parent: "stakeholder"},
	"Stakeholder.referralsOut":     {hop: store.StakeholderReferralsOut, limit: toAll, node: "to", parent: "from"},
	"Stakeholder.referralsIn":      {hop: store.StakeholderReferralsIn, limit: toAll, node: "from", parent: "to"},
	"Stakeholder.projects":         {hop: store.StakeholderProjects, limit: toAll, node: "project", parent: "stakeholder"},
	"Stakeholder.events":           {hop: store.StakeholderEvents, limit: byFirst, node: "event", parent: "stakeholder"},
	"Stakeholder.practices":        {hop: store.StakeholderPractices, limit: toAll},

	"ServiceCategory.parent":           {hop: store.CategoryParent, limit: toOne},
	"ServiceCategory.children":         {hop: store.CategoryChildren, limit: toAll},
	"ServiceCategory.services":         {hop: store.CategoryServices, limit: byFirst},
	"ServiceCategory.needs":            {hop: store.CategoryNeeds, limit: byFirst},
	"ServiceCategory.cooperationAreas": {hop: store.CategoryAreas, limit: toAll},

	"TargetGroup.services": {hop: store.TargetGroupServices, limit: byFirst},
	"TargetGroup.needs":    {hop: store.TargetGroupNeeds, limit: byFirst},

	"Service.provider":     {hop: store.ServiceProvider, limit: toOne},
	"Service.category":     {hop: store.ServiceCategory, limit: toOne},
	"Service.categories":   {hop: store.ServiceCategories, limit: toAll},
	"Service.targetGroups": {hop: store.ServiceTargetGroups, limit: toAll},
	"Service.coverage":     {hop: store.ServiceCoverage, limit: toAll},

	"Need.territory":   {hop: store.NeedTerritory, limit: toOne},
	"Need.category":    {hop: store.NeedCategory, limit: toOne},
	"Need.targetGroup": {hop: store.NeedTargetGroup, limit: toOne},

	"CooperationArea.categories":   {hop: store.AreaCategories, limit: toAll},
	"CooperationArea.stakeholders": {hop: store.AreaStakeholders, limit: byFirst},
	"CooperationArea.partnerships": {hop: store.AreaPartnerships, limit: toAll},
	"CooperationArea.services":     {hop: store.AreaServices, limit: byFirst},
	"CooperationArea.needs":        {hop: store.AreaNeeds, limit: byFirst},

	"Partnership.parties":   {hop: store.PartnershipParties, limit: toAll, node: "stakeholder", parent: "partnership"},
	"Partnership.territory": {hop: store.PartnershipTerritory, limit: toOne},
	"Partnership.areas":     {hop: store.PartnershipAreas, limit: toAll},
	"Partnership.project":   {hop: store.PartnershipProject, limit: toOne},

	"Practice.origin":       {hop: store.PracticeOrigin, limit: toOne},
	"Practice.transfers":    {hop: store.PracticeTransfers, limit: toAll, node: "territory", parent: "practice"},
	"Practice.implementers": {hop: store.PracticeImplementers, limit: toAll},
	"Practice.project":      {hop: store.PracticeProject, limit: toOne},

	"Project.participants": {hop: store.ProjectParticipants, limit: toAll, node: "stakeholder", parent: "project"},
	"Project.partnerships": {hop: store.ProjectPartnerships, limit: toAll},
	"Project.practices":    {hop: store.ProjectPractices, limit: toAll},
	"Project.events":       {hop: store.ProjectEvents, limit: byFirst},

	"Event.territory":    {hop: store.EventTerritory, limit: toOne},
	"Event.project":      {hop: store.EventProject, limit: toOne},
	"Event.stakeholders": {hop: store.EventParticipants, limit: toAll, node: "stakeholder", parent: "event"},
}

// fieldKey is the loader's key of a relationship field with its limit and
// parameters: the resolvers load under it (related), compiled reads prime
// it (prime).
// It runs for every item of every relationship field, so it avoids fmt
// for the usual field without parameters.
func fieldKey(h store.Hop, limit int, params map[string]any) string {
	key := h.Name + "/" + strconv.Itoa(limit)
	if len(params) == 0 {
		return key
	}
	for _, name := range slices.Sorted(maps.Keys(params)) {
		key += fmt.Sprintf(";%s=%v", name, params[name])
	}
	return key
}

// childrenParams are Territory.children's hop parameters.
func childrenParams(args map[string]any) (map[string]any, bool) {
	var lv any
	if s, ok := args["level"].(string); ok {
		lv = s
	}
	return map[string]any{"level": lv}, true
}

// neighbourParams are Territory.neighbours' hop parameters.
func neighbourParams(args map[string]any) (map[string]any, bool) {
	v, given := args["maxDistanceKm"]
	if !given || v == nil {
		return map[string]any{"maxKm": nil}, true
	}
	km, ok := number(v)
	if !ok || km < 0 {
		return nil, false
	}
	return map[string]any{"maxKm": km}, true
}

// number reads a numeric argument as the request gave it: a literal
// (int64, float64) or a variable (json.Number).
func number(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case int:
		return float64(n), true
	case float64:
		return n, true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

// selCompiler compiles one root field's selection.
type selCompiler struct {
	op *graphql.OperationContext
	// subs are the relationship fields of each selection by loader key, so
	// that a field selected twice (under nodes and edges.node, or two
	// aliases with the same arguments) is read once with both selections,
	// as its resolvers share one loader result.
	subs map[*store.Selection]map[string]*store.Sub
}

// collect returns the fields selected under f, fragments spread and
// @skip/@include applied, as gqlgen's executor collects them.
func (c *selCompiler) collect(f graphql.CollectedField) []graphql.CollectedField {
	return graphql.CollectFields(c.op, f.Selections, []string{f.Definition.Type.Name(), "SearchResult"})
}

// add adds the fields of a record of type typ to sel, and returns the
// plan that renders them from what the statement returns (render.go).
func (c *selCompiler) add(sel *store.Selection, typ string, fields []graphql.CollectedField) *recordPlan {
	plan := &recordPlan{typ: typ, direct: true}
	for _, f := range fields {
		rf := renderField{alias: f.Alias, typ: f.Definition.Type}
		hf, ok := hopFields[typ+"."+f.Name]
		if !ok {
			switch {
			case f.Name == "__typename":
				rf.kind = typenameField
			case store.HasProperty(typ, f.Name):
				rf.kind, rf.prop = propField, f.Name
				sel.Props = append(sel.Props, f.Name)
			default:
				plan.direct = false // a computed field: only its resolver knows it
			}
			plan.fields = append(plan.fields, rf)
			continue
		}
		args := f.ArgumentMap(c.op.Variables)
		h := hf.hop
		if typ+"."+f.Name == "Territory.stakeholders" {
			if deep, _ := args["includeSubTerritories"].(bool); deep {
				h = store.TerritoryStakeholdersDeep
			}
		}
		limit, ok := hf.limitOf(args)
		var params map[string]any
		if ok && hf.params != nil {
			params, ok = hf.params(args)
		}
		if !ok || !store.Compilable(h) {
			plan.direct = false // its resolver loads it, or refuses the arguments
			continue
		}
		key := fieldKey(h, limit, params)
		sub := c.subs[sel][key]
		if sub == nil {
			sub = &store.Sub{Hop: h, Limit: limit, Params: params, Sel: &store.Selection{}, Field: key}
			sel.Subs = append(sel.Subs, sub)
			if c.subs[sel] == nil {
				c.subs[sel] = map[string]*store.Sub{}
			}
			c.subs[sel][key] = sub
		}
		rf.kind, rf.sub, rf.one = hopKind, slices.Index(sel.Subs, sub), hf.limit == toOne
		if hf.node == "" {
			rf.child = c.add(sub.Sel, h.To, c.collect(f))
			plan.direct = plan.direct && rf.child.direct
			plan.fields = append(plan.fields, rf)
			continue
		}
		// An item wrapping the reached record: its node field is the
		// reached record, its parent field the parent itself (the same
		// object, so what is asked of it is asked of the parent), its other
		// fields the relationship's properties.
		rf.wrap = &recordPlan{typ: f.Definition.Type.Name(), direct: true}
		for _, w := range c.collect(f) {
			wf := renderField{alias: w.Alias, typ: w.Definition.Type}
			switch {
			case w.Name == "__typename":
				wf.kind = typenameField
			case w.Name == hf.node:
				wf.kind, wf.child = nodeField, c.add(sub.Sel, h.To, c.collect(w))
				rf.wrap.direct = rf.wrap.direct && wf.child.direct
			case w.Name == hf.parent:
				wf.kind, wf.child = parentField, c.add(sel, typ, c.collect(w))
				rf.wrap.direct = rf.wrap.direct && wf.child.direct
			case relProps[rf.wrap.typ][w.Name]:
				wf.kind, wf.prop = relField, w.Name
			default:
				rf.wrap.direct = false // ReferralLink.categories
			}
			rf.wrap.fields = append(rf.wrap.fields, wf)
		}
		plan.direct = plan.direct && rf.wrap.direct
		plan.fields = append(plan.fields, rf)
	}
	return plan
}

// limitOf is the limit the field's resolver uses with args; ok false
// when it would refuse them.
func (hf hopField) limitOf(args map[string]any) (int, bool) {
	switch hf.limit {
	case toOne:
		return 1, true
	case toAll:
		return maxNested, true
	}
	v, given := args["first"]
	if !given || v == nil {
		return defaultNested, true
	}
	n, ok := number(v)
	if !ok || n < 0 || n > maxNested || n != float64(int(n)) {
		return 0, false
	}
	return int(n), true
}

// recordSelection is the selection of the record the current field
// returns (a root getter, or a field such as ApiKey.stakeholder), and the
// plan that renders it.
func (r *Resolver) recordSelection(ctx context.Context, typ string) (*store.Selection, *recordPlan) {
	fc := graphql.GetFieldContext(ctx)
	if r.Batched || fc == nil || !graphql.HasOperationContext(ctx) {
		return &store.Selection{All: true}, nil
	}
	c := &selCompiler{op: graphql.GetOperationContext(ctx), subs: map[*store.Selection]map[string]*store.Sub{}}
	sel := &store.Selection{}
	plan := c.add(sel, typ, c.collect(fc.Field))
	return sel, plan
}

// listSelection is the selection of the records of the root list the
// current field returns (its nodes and edges.node), with its totalCount,
// and the plan that renders its connection.
func (r *Resolver) listSelection(ctx context.Context, typ string) (*store.Selection, *listPlan) {
	fc := graphql.GetFieldContext(ctx)
	if r.Batched || fc == nil || !graphql.HasOperationContext(ctx) {
		return &store.Selection{All: true, Total: wantsTotal(ctx)}, nil
	}
	c := &selCompiler{op: graphql.GetOperationContext(ctx), subs: map[*store.Selection]map[string]*store.Sub{}}
	sel := &store.Selection{}
	plan := &listPlan{direct: true}
	// node adds the fields of a connection's record to sel.
	node := func(f graphql.CollectedField) *recordPlan {
		p := c.add(sel, typ, c.collect(f))
		plan.direct = plan.direct && p.direct
		return p
	}
	for _, f := range c.collect(fc.Field) {
		cf := connField{alias: f.Alias, name: f.Name, typ: f.Definition.Type}
		switch f.Name {
		case "totalCount":
			sel.Total = true
		case "nodes":
			cf.node = node(f)
		case "edges", "pageInfo":
			for _, e := range c.collect(f) {
				ef := connField{alias: e.Alias, name: e.Name, typ: e.Definition.Type}
				if e.Name == "node" {
					ef.node = node(e)
				}
				cf.sub = append(cf.sub, ef)
			}
		}
		plan.fields = append(plan.fields, cf)
	}
	return sel, plan
}

// wantsTotal reports whether the current field's totalCount is selected.
func wantsTotal(ctx context.Context) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == "totalCount" {
			return true
		}
	}
	return false
}

// prime hands the records a compiled read returned for sel's relationship
// fields to the request's loader, level by level: each field's records are
// primed for the group of their parents and grouped as the next level, as
// related does when it fetches them.
func prime(ctx context.Context, sel *store.Selection, parents []*store.Fetched) {
	if len(parents) == 0 {
		return
	}
	b := loader.From(ctx)
	for i, sub := range sel.Subs {
		var children []*store.Fetched
		for _, p := range parents {
			children = append(children, p.Subs[i]...)
		}
		switch sub.Hop.To {
		case store.LabelTerritory:
			primeField[domain.Territory](b, sub, i, parents)
		case store.LabelStakeholder:
			primeField[domain.Stakeholder](b, sub, i, parents)
		case store.LabelServiceCategory:
			primeField[domain.ServiceCategory](b, sub, i, parents)
		case store.LabelTargetGroup:
			primeField[domain.TargetGroup](b, sub, i, parents)
		case store.LabelService:
			primeField[domain.Service](b, sub, i, parents)
		case store.LabelNeed:
			primeField[domain.Need](b, sub, i, parents)
		case store.LabelCooperationArea:
			primeField[domain.CooperationArea](b, sub, i, parents)
		case store.LabelPartnership:
			primeField[domain.Partnership](b, sub, i, parents)
		case store.LabelPractice:
			primeField[domain.Practice](b, sub, i, parents)
		case store.LabelProject:
			primeField[domain.Project](b, sub, i, parents)
		case store.LabelEvent:
			primeField[domain.Event](b, sub, i, parents)
		default:
			continue // not compiled (store.Compilable): its resolver loads it
		}
		prime(ctx, sub.Sel, children)
	}
}

// primeField primes relationship field i (sub) of the parents, which form
// one loader group, and groups the records it reached.
func primeField[T any, PT keyed[T]](b *loader.Loader, sub *store.Sub, i int, parents []*store.Fetched) {
	vals := make(map[string][]store.Item[T], len(parents))
	var keys, relKeys []any
	var ids, relIDs []string
	for _, p := range parents {
		var items []store.Item[T]
		for _, c := range p.Subs[i] {
			n := c.Node.(*T)
			items = append(items, store.Item[T]{Node: n, Rel: c.Rel})
			keys, ids = append(keys, n), append(ids, PT(n).Key())
			if id, ok := c.Rel["id"].(string); ok && sub.Hop.RelLabel != "" {
				relKeys, relIDs = append(relKeys, sub.Hop.RelLabel+":"+id), append(relIDs, id)
			}
		}
		if len(items) > 0 {
			vals[keyOf(p.Node)] = items
		}
	}
	b.Group(keys, ids)
	b.Group(relKeys, relIDs)
	loader.Prime(b, parents[0].Node, keyOf(parents[0].Node), sub.Field, vals)
}

// keyOf is the id of a domain record.
func keyOf(n any) string { return n.(interface{ Key() string }).Key() }
