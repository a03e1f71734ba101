package graph

// The root lists: page sizes, cursors and Relay connections.

import (
	"context"
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/coopgraph/coopgraph/graph/model"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/loader"
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

// listArgs is what every root list resolver checks first: the page, and
// the selection of its records (with totalCount when it is asked), which
// the store reads in one statement.
func (r *Resolver) listArgs(ctx context.Context, label string, first *int, after *string) (domain.PageArgs, *listRead, error) {
	p, err := pageArgs(first, after)
	sel, plan := r.listSelection(ctx, label)
	return p, &listRead{Selection: sel, plan: plan, slot: r.direct(ctx)}, err
}

// listRead is how a root list is read (the store's Selection) and
// answered (rendered directly, or through the executor).
type listRead struct {
	*store.Selection
	plan *listPlan
	slot *directSlot
}

// connection turns a page into the parts of a Relay connection, registers
// its records as a group for the next level and primes the relationship
// fields the statement read with them (see compile.go).
//
// When the page was rendered directly (render.go), the executor gets an
// empty connection, which costs it nothing, and RenderRoot answers with the
// rendering.
func connection[T any, PT keyed[T], E any](ctx context.Context, p domain.Page[T], read *listRead, fetched []*store.Fetched, edge func(cursor string, n *T) E) ([]E, []*T, *model.PageInfo) {
	if renderList(read.slot, read.plan, p, fetched) {
		return nil, nil, &model.PageInfo{}
	}
	sel := read.Selection
	edges := make([]E, len(p.Items))
	keys := make([]any, len(p.Items))
	ids := make([]string, len(p.Items))
	for i, n := range p.Items {
		edges[i] = edge(encodeCursor(p.Offset+i), n)
		keys[i], ids[i] = n, PT(n).Key()
	}
	loader.From(ctx).Group(keys, ids)
	prime(ctx, sel, fetched)
	info := &model.PageInfo{HasNextPage: p.HasNext, HasPreviousPage: p.Offset > 0}
	if len(p.Items) > 0 {
		start, end := encodeCursor(p.Offset), encodeCursor(p.Offset+len(p.Items)-1)
		info.StartCursor, info.EndCursor = &start, &end
	}
	return edges, p.Items, info
}

// defaultOr returns *p, or def when p is nil.
func defaultOr[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}
