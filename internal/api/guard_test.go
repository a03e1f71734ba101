package api

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// TestGuard: point 2 of issue 11. Whatever phase a request is in when its
// deadline passes (here a handler that does not watch its context, as
// gqlgen's parser and validator do not), the client gets TIMEOUT with 504
// and the request id at the deadline, and what the handler writes after
// is dropped. A transport's own refusal gets a code and a status.
func TestGuard(t *testing.T) {
	a := &api{log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	release := make(chan struct{})
	wrote := make(chan error, 1)
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release // ignores r.Context(), like a validator
		_, err := w.Write([]byte(`{"data":{}}`))
		wrote <- err
	})
	tests := []struct {
		name    string
		handler http.Handler
		method  string
		status  int
		code    string
	}{
		{"ErrDeadlineInASlowPhase", slow, http.MethodPost, http.StatusGatewayTimeout, domain.CodeTimeout},
		// A handler that sets headers while guard answers (gqlgen sets the
		// bookmark header at the end): guard must not read them then (run
		// with -race to see it).
		{"ErrDeadlineWhileTheHandlerSetsHeaders", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			for end := time.Now().Add(300 * time.Millisecond); time.Now().Before(end); {
				w.Header().Set("X-Late", time.Now().String())
			}
		}), http.MethodPost, http.StatusGatewayTimeout, domain.CodeTimeout},
		{"ErrTransportNotSupported", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"errors":[{"message":"transport not supported"}]}`))
		}), http.MethodDelete, http.StatusMethodNotAllowed, domain.CodeBadUserInput},
		{"ErrGetMutation", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusNotAcceptable)
			_, _ = w.Write([]byte(`{"errors":[{"message":"GET requests only allow query operations"}]}`))
		}), http.MethodGet, http.StatusMethodNotAllowed, domain.CodeBadUserInput},
		{"OKPassesThrough", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte(`{"data":{"x":1}}`))
		}), http.MethodPost, http.StatusOK, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := withRequestID(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				ctx, cancel := context.WithTimeout(r.Context(), 100*time.Millisecond)
				defer cancel()
				a.guard(tc.handler).ServeHTTP(w, r.WithContext(ctx))
			}))
			rec := httptest.NewRecorder()
			start := time.Now()
			h.ServeHTTP(rec, httptest.NewRequest(tc.method, "/graphql", nil))
			took := time.Since(start)
			if took > time.Second {
				t.Errorf("answered after %v with a 100 ms deadline", took)
			}
			var body struct {
				Errors []struct {
					Extensions map[string]any `json:"extensions"`
				} `json:"errors"`
			}
			_ = json.Unmarshal(rec.Body.Bytes(), &body)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, rec.Body)
			}
			if tc.code == "" {
				if len(body.Errors) > 0 {
					t.Fatalf("errors in a good answer: %s", rec.Body)
				}
				return
			}
			if len(body.Errors) != 1 || body.Errors[0].Extensions["code"] != tc.code ||
				body.Errors[0].Extensions["requestId"] != rec.Header().Get("X-Request-Id") || rec.Header().Get("X-Request-Id") == "" {
				t.Fatalf("want %s with the request id, got %s (id %q)", tc.code, rec.Body, rec.Header().Get("X-Request-Id"))
			}
		})
	}
	close(release)
	if err := <-wrote; err == nil {
		t.Error("the handler's late write reached the client")
	}
}
