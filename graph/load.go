package graph

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/coopgraph/coopgraph/graph/model"
	"github.com/coopgraph/coopgraph/internal/batch"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/store"
)

// Page sizes of the read API (documented in the schema).
const (
	defaultPage   = 20
	maxPage       = 100
	defaultNested = 100
	maxNested     = 500
	maxSearch     = 100
)

// all is the limit of relationship fields that have no first argument.
var all = maxNested

// keyed is a pointer to a domain record, which has an id.
type keyed[T any] interface {
	*T
	Key() string
}

// related loads a relationship field of the record parentID for the whole
// group it was listed in (see package batch) and registers the records it
// returns as the next level's group.
func related[T any, PT keyed[T]](ctx context.Context, st *store.Store, h store.Hop, parent any, parentID string, limit int, params map[string]any) ([]store.Item[T], error) {
	b := batch.From(ctx)
	field := h.Name + fmt.Sprint(limit, params)
	return batch.Load(ctx, b, parent, parentID, field, func(ctx context.Context, ids []string) (map[string][]store.Item[T], error) {
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

// get loads one record by id and registers it as a group of one.
func get[T any, PT keyed[T]](ctx context.Context, st *store.Store, label, id string) (*T, error) {
	return store.Get[T](ctx, st, label, id)
}

// Cursors are opaque to clients; inside they are the item's offset in the
// list. Offsets are simple and let a client jump pages; the price is that a
// write between two page requests can shift items by one.
const cursorPrefix = "cursor:"

func encodeCursor(offset int) string {
	return base64.StdEncoding.EncodeToString([]byte(cursorPrefix + strconv.Itoa(offset)))
}

func decodeCursor(c string) (int, error) {
	b, err := base64.StdEncoding.DecodeString(c)
	if err == nil && strings.HasPrefix(string(b), cursorPrefix) {
		if n, err := strconv.Atoi(strings.TrimPrefix(string(b), cursorPrefix)); err == nil && n >= 0 {
			return n, nil
		}
	}
	return 0, domain.Invalid("after", "is not a cursor returned by this API")
}

// pageArgs checks first and after of a root list.
func pageArgs(first *int, after *string) (domain.PageArgs, error) {
	p := domain.PageArgs{Limit: defaultPage}
	if first != nil {
		if *first < 0 || *first > maxPage {
			return p, domain.Invalid("first", "must be between 0 and %d, got %d", maxPage, *first)
		}
		p.Limit = *first
	}
	if after != nil {
		o, err := decodeCursor(*after)
		if err != nil {
			return p, err
		}
		p.Offset = o + 1
	}
	return p, nil
}

// wantsTotal reports whether the connection's totalCount is selected, so
// that the count query runs only then.
func wantsTotal(ctx context.Context) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == "totalCount" {
			return true
		}
	}
	return false
}

// listArgs is what every root list resolver checks first.
func listArgs(ctx context.Context, first *int, after *string) (domain.PageArgs, bool, error) {
	p, err := pageArgs(first, after)
	return p, wantsTotal(ctx), err
}

// connection turns a page into the parts of a Relay connection and
// registers its records as a group for the next level.
func connection[T any, PT keyed[T], E any](ctx context.Context, p domain.Page[T], edge func(cursor string, n *T) E) ([]E, *model.PageInfo) {
	edges := make([]E, len(p.Items))
	keys := make([]any, len(p.Items))
	ids := make([]string, len(p.Items))
	for i, n := range p.Items {
		edges[i] = edge(encodeCursor(p.Offset+i), n)
		keys[i], ids[i] = n, PT(n).Key()
	}
	batch.From(ctx).Group(keys, ids)
	info := &model.PageInfo{HasNextPage: p.HasNext, HasPreviousPage: p.Offset > 0}
	if len(p.Items) > 0 {
		start, end := encodeCursor(p.Offset), encodeCursor(p.Offset+len(p.Items)-1)
		info.StartCursor, info.EndCursor = &start, &end
	}
	return edges, info
}

// role reads the role property of a relationship.
func role(rel map[string]any) *string {
	if s, ok := rel["role"].(string); ok {
		return &s
	}
	return nil
}

// defaultOr returns *p, or def when p is nil.
func defaultOr[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
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

// searchLabels maps the schema's SearchType values to labels.
var searchLabels = map[model.SearchType]string{
	model.SearchTypeTerritory:       store.LabelTerritory,
	model.SearchTypeStakeholder:     store.LabelStakeholder,
	model.SearchTypeServiceCategory: store.LabelServiceCategory,
	model.SearchTypeTargetGroup:     store.LabelTargetGroup,
	model.SearchTypeService:         store.LabelService,
	model.SearchTypeCooperationArea: store.LabelCooperationArea,
	model.SearchTypePartnership:     store.LabelPartnership,
	model.SearchTypePractice:        store.LabelPractice,
	model.SearchTypeProject:         store.LabelProject,
	model.SearchTypeEvent:           store.LabelEvent,
}

func search(ctx context.Context, st *store.Store, text string, types []model.SearchType, first *int) ([]*model.SearchHit, error) {
	n := defaultOr(first, 10)
	if n < 0 || n > maxSearch {
		return nil, domain.Invalid("first", "must be between 0 and %d, got %d", maxSearch, n)
	}
	if err := domain.CheckSearchText("text", text); err != nil {
		return nil, err
	}
	labels := make([]string, len(types))
	typeOf := map[string]model.SearchType{}
	for t, l := range searchLabels {
		typeOf[l] = t
	}
	for i, t := range types {
		labels[i] = searchLabels[t]
	}
	hits, err := st.Search(ctx, text, labels, n)
	if err != nil {
		return nil, err
	}
	out := make([]*model.SearchHit, len(hits))
	keys := make([]any, len(hits))
	ids := make([]string, len(hits))
	for i, h := range hits {
		out[i] = &model.SearchHit{Type: typeOf[h.Label], ID: h.ID, Name: h.Name, Score: h.Score, Node: h.Node}
		keys[i], ids[i] = h.Node, h.ID
	}
	// Hits of different labels share one group: a field exists on one label
	// only, and the hop's query matches that label, so the others' ids are
	// simply not found.
	batch.From(ctx).Group(keys, ids)
	return out, nil
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
