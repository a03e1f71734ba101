package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// guard runs the GraphQL handler so that every request gets an answer with
// a code, the matching HTTP status and its request id, by its deadline:
//
//   - At the deadline, a request that has not started its answer gets
//     TIMEOUT (504), whatever phase it is in: parsing and validating a
//     document do not watch the context, so the handler goes on in its
//     goroutine (its work is bounded by the document caps) and what it
//     writes afterwards is dropped. Shutdown then waits for no handler
//     longer than the request timeout.
//   - A request refused before it ran (no data: a parse or validation
//     error, TOO_COMPLEX, FORBIDDEN…) gets the status of its first error's
//     code, not gqlgen's 200 or 422.
//   - gqlgen's transports answer some refusals themselves, without the
//     error presenter (an unsupported content type or method, a mutation
//     in a GET, a broken multipart body): those answers are rewritten with
//     a code, a status and the request id.
func (a *api) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		info := infoFrom(ctx)
		g := &guardWriter{w: w, h: http.Header{}, info: info, status: http.StatusOK, r: r}
		for k, v := range w.Header() {
			g.h[k] = v
		}
		if info != nil {
			info.w = g
		}
		finished := make(chan struct{})
		go func() {
			defer close(finished)
			defer func() {
				if p := recover(); p != nil {
					a.log.ErrorContext(ctx, "panic in GraphQL handler", "panic", p)
					g.WriteHeader(http.StatusInternalServerError)
					_, _ = g.Write([]byte(`{"errors":[{"message":"internal error"}]}`))
				}
			}()
			next.ServeHTTP(g, r)
		}()
		select {
		case <-finished:
		case <-ctx.Done():
			if !g.timeout(a, ctx) {
				<-finished // the answer is being written: let it end
			}
		}
		g.finish(a, ctx)
	})
}

// guardWriter is the handler's ResponseWriter: it holds the status back
// until the body starts, to decide it (see guard), and drops what is
// written once guard has answered.
type guardWriter struct {
	mu      sync.Mutex
	w       http.ResponseWriter
	h       http.Header // the handler's headers, copied to w when the answer starts
	r       *http.Request
	info    *requestInfo
	status  int           // what the handler asked for
	started bool          // the answer has started on w
	closed  bool          // guard has answered: later writes are dropped
	buf     *bytes.Buffer // a transport's own refusal, rewritten at the end
}

func (g *guardWriter) Header() http.Header { return g.h }

func (g *guardWriter) WriteHeader(code int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.started && g.buf == nil {
		g.status = code
	}
}

func (g *guardWriter) Write(b []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return 0, http.ErrHandlerTimeout
	}
	if g.buf != nil {
		return g.buf.Write(b)
	}
	if !g.started {
		presented, dispatched := g.info.presented()
		switch {
		case !presented && g.status >= 400:
			// A transport's own refusal: no code yet.
			g.buf = &bytes.Buffer{}
			return g.buf.Write(b)
		case presented && !dispatched:
			// Refused before it ran: the status of its code.
			g.status = httpStatus(g.info.firstCode())
		}
		g.start(g.status)
	}
	return g.w.Write(b)
}

// start copies the handler's headers out and starts the answer. Only
// the handler's goroutine, or guard once it has ended, may call it: the
// handler writes g.h without the lock.
func (g *guardWriter) start(status int) {
	for k, v := range g.h {
		g.w.Header()[k] = v
	}
	g.started = true
	g.w.WriteHeader(status)
}

// timeout answers TIMEOUT if the answer has not started, and reports
// whether it did (false: the handler is writing, let it finish).
func (g *guardWriter) timeout(a *api, ctx context.Context) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.started {
		return false
	}
	g.closed = true
	if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return true // the client went away: nobody reads an answer
	}
	err := &domain.Error{Code: domain.CodeTimeout, Message: "the request took longer than the server's request timeout (COOPGRAPH_REQUEST_TIMEOUT); ask for less"}
	// The handler goes on in its goroutine and may still set headers in
	// g.h: answer with the headers set before it started (request id,
	// security, CORS), never reading g.h.
	g.w.Header().Set("Content-Type", "application/json")
	g.started = true
	g.w.WriteHeader(http.StatusGatewayTimeout)
	_ = json.NewEncoder(g.w).Encode(map[string]any{"errors": []*gqlerror.Error{a.presentError(ctx, err)}})
	return true
}

// finish writes a buffered transport refusal with its code and status.
func (g *guardWriter) finish(a *api, ctx context.Context) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.buf == nil || g.closed {
		g.closed = true
		return
	}
	g.closed = true
	var body struct {
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	_ = json.Unmarshal(g.buf.Bytes(), &body)
	msg := "the request is not a GraphQL request this server accepts"
	if len(body.Errors) > 0 {
		msg = body.Errors[0].Message
	}
	status, err := transportRefusal(g.r, g.status, msg, g.info)
	for k := range g.h {
		if k != "Content-Type" && !strings.HasPrefix(k, "X-") && k != "Retry-After" {
			delete(g.h, k)
		}
	}
	if status == http.StatusMethodNotAllowed {
		g.h.Set("Allow", "GET, POST, OPTIONS")
	}
	g.status = status
	g.writeErrors([]*gqlerror.Error{a.presentError(ctx, err)})
}

// writeErrors answers, once the handler has ended, with errs and the
// status finish chose.
func (g *guardWriter) writeErrors(errs []*gqlerror.Error) {
	g.h.Set("Content-Type", "application/json")
	g.start(g.status)
	_ = json.NewEncoder(g.w).Encode(map[string]any{"errors": errs})
}

// transportRefusal turns a refusal written by one of gqlgen's transports
// (status, message) into a status and a coded error. Messages are gqlgen's
// own and never echo the body.
func transportRefusal(r *http.Request, status int, msg string, info *requestInfo) (int, error) {
	switch {
	case info != nil && info.tooLarge():
		return http.StatusRequestEntityTooLarge, tooLarge(info)
	case msg == "transport not supported" && r.Method != http.MethodGet && r.Method != http.MethodPost:
		return http.StatusMethodNotAllowed, &domain.Error{Code: domain.CodeBadUserInput, Field: "method",
			Message: r.Method + " is not a GraphQL method here: send GET (queries only) or POST"}
	case msg == "transport not supported":
		return http.StatusUnsupportedMediaType, &domain.Error{Code: domain.CodeBadUserInput, Field: "Content-Type",
			Message: "send the request as application/json (or multipart/form-data for an importGraph upload); got " + quote(r.Header.Get("Content-Type"))}
	case status == http.StatusNotAcceptable:
		return http.StatusMethodNotAllowed, &domain.Error{Code: domain.CodeBadUserInput, Field: "method",
			Message: "a GET request may only run a query: send mutations with POST"}
	}
	return http.StatusBadRequest, &domain.Error{Code: domain.CodeBadUserInput, Message: "the request could not be read: " + msg}
}

func quote(s string) string {
	if s == "" {
		return "none"
	}
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return `"` + s + `"`
}

func tooLarge(info *requestInfo) error {
	return &domain.Error{Code: domain.CodePayloadTooLarge,
		Message: "the request body is larger than this server accepts (COOPGRAPH_MAX_BODY_BYTES, or COOPGRAPH_MAX_UPLOAD_BYTES for an importGraph upload)"}
}

// limitedBody is a request body cut at the limit that remembers that it
// was (gqlgen's transports turn the error into a message of their own).
type limitedBody struct {
	io.ReadCloser
	info *requestInfo
}

func (b limitedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		b.info.mu.Lock()
		b.info.overLimit = true
		b.info.mu.Unlock()
	}
	return n, err
}
