package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/coopgraph/coopgraph/graph/model"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/loader"
	"github.com/coopgraph/coopgraph/internal/store"
)

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
	// The records themselves are read only when a hit's node is selected.
	withNodes := false
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		withNodes = withNodes || f.Name == "node"
	}
	hits, err := st.Search(ctx, text, labels, n, withNodes)
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
	loader.From(ctx).Group(keys, ids)
	return out, nil
}
