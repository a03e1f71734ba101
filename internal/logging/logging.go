// Package logging is coopgraph's one road for log lines: a slog.Handler
// that adds the request id carried by the context to every record, so no
// call site adds it by hand (and none forgets to).
package logging

import (
	"context"
	"log/slog"
)

type requestIDKey struct{}

// WithRequestID returns ctx carrying the request's id (internal/api sets
// it for every HTTP request).
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID is the request id of ctx, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// handler adds request_id to the records logged with a context that has one.
type handler struct{ next slog.Handler }

// NewHandler wraps next so that every record logged with a request's
// context carries its request_id. Wrapping twice adds it once.
func NewHandler(next slog.Handler) slog.Handler {
	if h, ok := next.(handler); ok {
		return h
	}
	return handler{next}
}

// New is slog.New(NewHandler(next)).
func New(next slog.Handler) *slog.Logger { return slog.New(NewHandler(next)) }

func (h handler) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h handler) Handle(ctx context.Context, r slog.Record) error {
	if id := RequestID(ctx); id != "" {
		r = r.Clone()
		r.AddAttrs(slog.String("request_id", id))
	}
	return h.next.Handle(ctx, r)
}

func (h handler) WithAttrs(as []slog.Attr) slog.Handler { return handler{h.next.WithAttrs(as)} }

func (h handler) WithGroup(name string) slog.Handler { return handler{h.next.WithGroup(name)} }
