package store

import (
	"context"
	"fmt"
)

type slotsKey struct{}

// LimitConcurrency returns a context in which at most n of the store's
// queries and transactions run at once; the others wait for a slot, until
// ctx ends. The API gives each request such a context, so that a request
// of many aliases, whose root fields gqlgen resolves all at once, cannot
// take the whole connection pool from the other requests.
func LimitConcurrency(ctx context.Context, n int) context.Context {
	return context.WithValue(ctx, slotsKey{}, make(chan struct{}, n))
}

// acquire waits for one of ctx's slots, if it has any; release gives it
// back.
func acquire(ctx context.Context) (release func(), err error) {
	slots, ok := ctx.Value(slotsKey{}).(chan struct{})
	if !ok {
		return func() {}, nil
	}
	select {
	case slots <- struct{}{}:
		return func() { <-slots }, nil
	case <-ctx.Done():
		return nil, classify(ctx, fmt.Errorf("wait for a database connection: %w", ctx.Err()))
	}
}
