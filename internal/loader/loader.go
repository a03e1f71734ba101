// Package loader is the per-request field loader: it loads a field for every item of a list level with one
// query instead of one per item.
//
// When a resolver returns a list, it registers the items as a group: each
// item by its key (the pointer the resolver returned, so a record met twice
// in one response belongs to the fetch that produced it) with its id.
// The first time a field is asked of any item of the group, Load fetches it
// for the whole group at once and keeps the answer; the other items read
// theirs from it. The children a fetch returns form the next level's group,
// so a nested request costs one query per field and level — a number that
// depends on the shape of the request, never on how many items it returns.
//
// Unlike a time-window dataloader this needs no waiting and its query count
// is deterministic, which is what the round-trip bound is tested on.
package loader

import (
	"context"
	"errors"
	"sync"
)

var errFetchFailed = errors.New("loader: fetch failed")

// Loader holds the groups and the fetched fields of one request.
type Loader struct {
	mu      sync.Mutex
	groups  map[any]*group // item key → the group it was listed in
	results map[resultKey]*result
}

type group struct{ ids []string }

type resultKey struct {
	g     *group
	field string // the field and its arguments
}

type result struct {
	done chan struct{}
	val  any
	err  error
}

// New returns an empty Loader; make one per request.
func New() *Loader {
	return &Loader{groups: map[any]*group{}, results: map[resultKey]*result{}}
}

type ctxKey struct{}

// With returns ctx carrying b.
func With(ctx context.Context, b *Loader) context.Context {
	return context.WithValue(ctx, ctxKey{}, b)
}

// From returns the request's Loader, or a new one (which batches nothing
// across calls) when the context has none.
func From(ctx context.Context) *Loader {
	if b, ok := ctx.Value(ctxKey{}).(*Loader); ok {
		return b
	}
	return New()
}

// Group registers items listed together: keys[i] is the key of the item
// with id ids[i]. Keys must be comparable: pointers, or strings for items
// that are not pointers (relationship ids).
func (b *Loader) Group(keys []any, ids []string) {
	if len(ids) == 0 {
		return
	}
	g := &group{}
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if !seen[id] { // the same record under two parents is fetched once
			seen[id] = true
			g.ids = append(g.ids, id)
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, k := range keys {
		b.groups[k] = g
	}
}

// Load returns the value of field for the item with key and id. fetch gets
// the ids of the item's whole group and returns values by id; it runs once
// per group and field, however many items ask.
func Load[V any](ctx context.Context, b *Loader, key any, id, field string, fetch func(ctx context.Context, ids []string) (map[string]V, error)) (V, error) {
	b.mu.Lock()
	g := b.groups[key]
	if g == nil {
		// An item nobody listed (a mutation's result): a group of its own.
		g = &group{ids: []string{id}}
		b.groups[key] = g
	}
	rk := resultKey{g, field}
	r, found := b.results[rk]
	if !found {
		r = &result{done: make(chan struct{})}
		b.results[rk] = r
	}
	b.mu.Unlock()

	if !found {
		func() {
			// Close even if fetch panics, so that waiting items do not hang;
			// they then see the error.
			defer close(r.done)
			r.err = errFetchFailed
			r.val, r.err = fetch(ctx, g.ids)
		}()
	} else {
		select {
		case <-r.done:
		case <-ctx.Done():
			var zero V
			return zero, ctx.Err()
		}
	}
	var zero V
	if r.err != nil {
		return zero, r.err
	}
	return r.val.(map[string]V)[id], nil
}

// Prime records the value of field for the group of the item with key, as
// if Load had fetched it: vals are by id, for every item of the group. A
// read that already returned the field with its parents (a compiled
// statement) primes it, so that the field's resolver finds it without a
// query. An item nobody listed gets a group of its own; a field already
// loaded or primed is kept.
func Prime[V any](b *Loader, key any, id, field string, vals map[string]V) {
	b.mu.Lock()
	defer b.mu.Unlock()
	g := b.groups[key]
	if g == nil {
		g = &group{ids: []string{id}}
		b.groups[key] = g
	}
	rk := resultKey{g, field}
	if _, found := b.results[rk]; found {
		return
	}
	r := &result{done: make(chan struct{}), val: vals}
	close(r.done)
	b.results[rk] = r
}
