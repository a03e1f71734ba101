package store

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// FulltextQuery turns what a user typed into a Lucene query for the
// full-text index: every word must match, as a whole word or as the prefix
// of one. Lucene's operators and special characters in the input are
// escaped, so user text can never change the query's structure.
func FulltextQuery(text string) string {
	// The index's analyzer splits on everything that is not a letter or a
	// digit too ("ТПП-Враца" is two words), so the query does the same.
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var terms []string
	for _, w := range words {
		// Lower case, because prefix terms bypass the analyzer; escaped, in
		// case a letter class ever overlaps Lucene's syntax.
		e := escapeLucene(strings.ToLower(w))
		// The exact word scores higher than a longer word it is the start of.
		terms = append(terms, "("+e+"^2 OR "+e+"*)")
	}
	if len(terms) == 0 {
		return `""`
	}
	return strings.Join(terms, " AND ")
}

func escapeLucene(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`+-&|!(){}[]^"~*?:\/`, r) {
			b.WriteRune('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Hit is one search result.
type Hit struct {
	Label string
	ID    string
	Name  string
	Score float64
	Node  any // *domain.Territory, *domain.Stakeholder, ...
}

// Search finds named records of the given labels (all when empty) by
// full-text search, best first. Without withNodes a hit's Node holds only
// its id and name, which is all a list of hits shows.
func (s *Store) Search(ctx context.Context, text string, labels []string, first int, withNodes bool) ([]Hit, error) {
	if len(labels) == 0 {
		labels = Labels
	}
	node := "node {.id, .name}"
	if withNodes {
		node = visible("", "node")
	}
	// Returns one row: the best-scoring nodes of the wanted labels with
	// their label, best first (one row of a list is cheaper to send than a
	// row per hit).
	cypher := `CALL db.index.fulltext.queryNodes('coopgraph_text', $q) YIELD node, score
WITH node, score, [l IN labels(node) WHERE l IN $labels][0] AS label
WHERE label IS NOT NULL
WITH node, score, label ORDER BY score DESC, node.id LIMIT $first
RETURN collect({node: ` + node + `, score: score, label: label}) AS hits`
	recs, err := s.read(ctx, cypher, withAccess(ctx, map[string]any{"q": FulltextQuery(text), "labels": labels, "first": first}))
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", text, err)
	}
	r := rowOf(recs[0])
	list := col[[]any](r, "hits")
	if err := r.Err(); err != nil {
		return nil, fmt.Errorf("search %q: %w", text, err)
	}
	hits := make([]Hit, 0, len(list))
	for _, x := range list {
		h, _ := x.(map[string]any)
		props, label := propsOf(h["node"]), h["label"].(string)
		score, _ := h["score"].(float64)
		v, err := decodeLabel(label, props)
		if err != nil {
			return nil, err
		}
		name, _ := props["name"].(string)
		id, _ := props["id"].(string)
		hits = append(hits, Hit{Label: label, ID: id, Name: name, Score: score, Node: v})
	}
	return hits, nil
}

// decodeLabel decodes a node into the domain type of its label.
func decodeLabel(label string, props map[string]any) (any, error) {
	switch label {
	case LabelTerritory:
		return decode[domain.Territory](props)
	case LabelStakeholder:
		return decode[domain.Stakeholder](props)
	case LabelServiceCategory:
		return decode[domain.ServiceCategory](props)
	case LabelTargetGroup:
		return decode[domain.TargetGroup](props)
	case LabelService:
		return decode[domain.Service](props)
	case LabelNeed:
		return decode[domain.Need](props)
	case LabelCooperationArea:
		return decode[domain.CooperationArea](props)
	case LabelPartnership:
		return decode[domain.Partnership](props)
	case LabelPractice:
		return decode[domain.Practice](props)
	case LabelProject:
		return decode[domain.Project](props)
	case LabelEvent:
		return decode[domain.Event](props)
	}
	return nil, fmt.Errorf("decode: unknown label %q", label)
}

// Get returns the node of label with id, or nil when there is none.
func Get[T any](ctx context.Context, s *Store, label, id string) (*T, error) {
	v, _, err := SelectOne[T](ctx, s, label, id, everything)
	return v, err
}

// SelectOne returns the node of label with id as sel asks, with its
// relationship fields, in one statement; nil when there is none.
func SelectOne[T any](ctx context.Context, s *Store, label, id string, sel *Selection) (*T, *Fetched, error) {
	if nodeTypes[label] == nil {
		return nil, nil, fmt.Errorf("get %s %s: not a record label", label, id)
	}
	c := &compiler{params: map[string]any{"id": id}}
	// Returns the node with the id, if any (uses the id constraint's
	// index), projected as selected.
	cypher := "MATCH (n:" + label + " {id: $id}) RETURN " + c.projection(label, "n", sel, 0, "") + " AS n"
	recs, err := s.read(ctx, cypher, withAccess(ctx, c.params))
	if err != nil {
		return nil, nil, fmt.Errorf("get %s %s: %w", label, id, err)
	}
	if len(recs) == 0 {
		return nil, nil, nil
	}
	n, _ := recs[0].Get("n")
	f, err := fetched(label, sel, n)
	if err != nil {
		return nil, nil, fmt.Errorf("get %s %s: %w", label, id, err)
	}
	if v, ok := f.Node.(*T); ok {
		return v, f, nil
	}
	// Another type than the label's (domain.Meta, to see whether a record
	// exists): decoded from the same properties.
	v, err := decode[T](f.Props)
	if err != nil {
		return nil, nil, fmt.Errorf("get %s %s: %w", label, id, err)
	}
	return v, f, nil
}
