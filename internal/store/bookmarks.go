package store

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Causal consistency. With a Neo4j cluster, a read may go to a follower that
// has not yet applied a write the client just made. Neo4j's answer is the
// bookmark: a write returns one, and a transaction started with it waits
// until the server has caught up with it.
//
// Within one API instance the driver's bookmark manager chains every
// transaction, so an instance always reads its own writes. Across instances
// behind a load balancer, the client carries the bookmark: the API returns
// it after every request (header and extensions) and a request that sends it
// back reads at least that state. Bookmarks scopes a request's transactions
// to the bookmarks it brought.

type bookmarksKey struct{}

// Bookmarks is a request's bookmark manager.
type Bookmarks struct{ bm neo4j.BookmarkManager }

// WithBookmarks returns a context whose transactions start after the given
// bookmarks (from the client) and after every write of this instance; Latest
// then returns the bookmarks to hand back.
func (s *Store) WithBookmarks(ctx context.Context, client []string) (context.Context, *Bookmarks) {
	process := s.driver.ExecuteQueryBookmarkManager()
	b := &Bookmarks{bm: neo4j.NewBookmarkManager(neo4j.BookmarkManagerConfig{
		InitialBookmarks: client,
		BookmarkSupplier: process.GetBookmarks,
		// A write of this request is a write of the instance too.
		BookmarkConsumer: func(ctx context.Context, bms neo4j.Bookmarks) error {
			return process.UpdateBookmarks(ctx, nil, bms)
		},
	})}
	return context.WithValue(ctx, bookmarksKey{}, b), b
}

// Latest returns the request's bookmarks: those it brought, replaced by
// those of its transactions.
func (b *Bookmarks) Latest(ctx context.Context) []string {
	bms, err := b.bm.GetBookmarks(ctx)
	if err != nil {
		return nil
	}
	return bms
}

// bookmarkManager is the manager a transaction of ctx uses.
func (s *Store) bookmarkManager(ctx context.Context) neo4j.BookmarkManager {
	if b, ok := ctx.Value(bookmarksKey{}).(*Bookmarks); ok {
		return b.bm
	}
	return s.driver.ExecuteQueryBookmarkManager()
}
