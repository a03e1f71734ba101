package api

import (
	"context"
	"sync"

	"github.com/99designs/gqlgen/graphql"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// slots lets each identity run at most n analyses at once, across all its
// requests: 300 aliases of centrality wait their turn two by two instead of
// starting 300 projections.
type slots struct {
	n    int
	mu   sync.Mutex
	held map[string]chan struct{}
	refs map[string]int
}

func newSlots(n int) *slots {
	return &slots{n: n, held: map[string]chan struct{}{}, refs: map[string]int{}}
}

// acquire waits for one of key's slots until ctx ends.
func (s *slots) acquire(ctx context.Context, key string) (func(), error) {
	s.mu.Lock()
	ch := s.held[key]
	if ch == nil {
		ch = make(chan struct{}, s.n)
		s.held[key] = ch
	}
	s.refs[key]++
	s.mu.Unlock()
	done := func() {
		s.mu.Lock()
		if s.refs[key]--; s.refs[key] == 0 {
			delete(s.held, key)
			delete(s.refs, key)
		}
		s.mu.Unlock()
	}
	select {
	case ch <- struct{}{}:
		return func() { <-ch; done() }, nil
	case <-ctx.Done():
		done()
		return nil, &domain.Error{Code: domain.CodeTimeout,
			Message: "the request's analyses waited for the identity's earlier ones past the request timeout; run fewer at once"}
	}
}

// limitAnalyses is the root field middleware that holds an analysis slot
// of the identity while a root analysis resolves, with what it selects.
// Analyses nested in records (CooperationArea.overview) are loaded in one
// batch for the whole list, inside their root field, so they take no slot
// of their own (they would wait for each other).
func (a *api) limitAnalyses(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
	fc := graphql.GetRootFieldContext(ctx)
	if fc == nil {
		return next(ctx)
	}
	if _, ok := fieldCosts[fc.Object+"."+fc.Field.Name]; !ok {
		return next(ctx)
	}
	key := ""
	if info := infoFrom(ctx); info != nil {
		key = info.limitKey
	}
	release, err := a.analyses.acquire(ctx, key)
	if err != nil {
		graphql.AddError(ctx, err)
		return graphql.Null
	}
	defer release()
	return next(ctx)
}
