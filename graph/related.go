package graph

// The relationship fields: each loads for the whole group of its level
// through the per-request field loader (internal/loader).

import (
	"context"

	"github.com/coopgraph/coopgraph/graph/model"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/loader"
	"github.com/coopgraph/coopgraph/internal/store"
)

// all is the limit of relationship fields that have no first argument.
var all = maxNested

// keyed is a pointer to a domain record, which has an id.
type keyed[T any] interface {
	*T
	Key() string
}

// related loads a relationship field of the record parentID for the whole
// group it was listed in (see package loader) and registers the records it
// returns as the next level's group.
func related[T any, PT keyed[T]](ctx context.Context, st *store.Store, h store.Hop, parent any, parentID string, limit int, params map[string]any) ([]store.Item[T], error) {
	b := loader.From(ctx)
	field := fieldKey(h, limit, params)
	return loader.Load(ctx, b, parent, parentID, field, func(ctx context.Context, ids []string) (map[string][]store.Item[T], error) {
		m, err := store.Related[T](ctx, st, h, ids, limit, params)
		if err != nil {
			return nil, err
		}
		var keys, relKeys []any
		var childIDs, relIDs []string
		for _, items := range m {
			for _, it := range items {
				keys, childIDs = append(keys, it.Node), append(childIDs, PT(it.Node).Key())
				if id, ok := it.Rel["id"].(string); ok && h.RelLabel != "" {
					relKeys, relIDs = append(relKeys, h.RelLabel+":"+id), append(relIDs, id)
				}
			}
		}
		b.Group(keys, childIDs)
		b.Group(relKeys, relIDs)
		return m, nil
	})
}

// relatedNodes is related without the relationship properties.
func relatedNodes[T any, PT keyed[T]](ctx context.Context, st *store.Store, h store.Hop, parent any, parentID string, first *int) ([]*T, error) {
	limit, err := nestedLimit(first)
	if err != nil {
		return nil, err
	}
	items, err := related[T, PT](ctx, st, h, parent, parentID, limit, nil)
	return nodesOf(items), err
}

// relatedNode is the one record at the end of a to-one relationship.
func relatedNode[T any, PT keyed[T]](ctx context.Context, st *store.Store, h store.Hop, parent any, parentID string) (*T, error) {
	items, err := related[T, PT](ctx, st, h, parent, parentID, 1, nil)
	if err != nil || len(items) == 0 {
		return nil, err
	}
	return items[0].Node, nil
}

func nodesOf[T any](items []store.Item[T]) []*T {
	out := make([]*T, len(items))
	for i, it := range items {
		out[i] = it.Node
	}
	return out
}

// nestedLimit checks the first argument of a relationship field.
func nestedLimit(first *int) (int, error) {
	if first == nil {
		return defaultNested, nil
	}
	if *first < 0 || *first > maxNested {
		return 0, domain.Invalid("first", "must be between 0 and %d, got %d", maxNested, *first)
	}
	return *first, nil
}

// get loads one record by id with the fields the request selects of it,
// relationship fields included, in one statement (see compile.go).
func get[T any, PT keyed[T]](ctx context.Context, r *Resolver, label, id string) (*T, error) {
	sel, plan := r.recordSelection(ctx, label)
	v, f, err := store.SelectOne[T](ctx, r.Store, label, id, sel)
	if err != nil {
		return nil, err
	}
	if renderOne(r.direct(ctx), plan, f) {
		return nil, nil // rendered: the executor answers null, RenderRoot the rendering
	}
	if f != nil {
		prime(ctx, sel, []*store.Fetched{f})
	}
	return v, nil
}

// role reads the role property of a relationship.
func role(rel map[string]any) *string {
	if s, ok := rel["role"].(string); ok {
		return &s
	}
	return nil
}

// year reads the year property of a relationship.
func year(rel map[string]any) *int {
	if y, ok := rel["year"].(int64); ok {
		v := int(y)
		return &v
	}
	return nil
}

// referralLinks builds the links of a REFERS_TO hop; ends says which of the
// parent and the other stakeholder is from and which is to.
func referralLinks(items []store.Item[domain.Stakeholder], ends func(other *domain.Stakeholder) (from, to *domain.Stakeholder)) []*model.ReferralLink {
	out := make([]*model.ReferralLink, len(items))
	for i, it := range items {
		from, to := ends(it.Node)
		l := &model.ReferralLink{ReferralLink: store.LinkOf(from.ID, to.ID, it.Rel), From: from, To: to}
		out[i] = l
	}
	return out
}

// stakeholdersByID loads the stakeholders of a group of records that name
// one each (API keys).
func (r *Resolver) stakeholdersByID(ctx context.Context, ids []string) (map[string]*domain.Stakeholder, error) {
	p, err := r.Store.Stakeholders(ctx, domain.StakeholderFilter{IDs: ids}, nil, domain.PageArgs{Limit: len(ids)}, false)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*domain.Stakeholder, len(p.Items))
	for _, s := range p.Items {
		out[s.ID] = s
	}
	return out, nil
}
