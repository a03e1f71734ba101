package api_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/coopgraph/coopgraph/internal/api"
	"github.com/coopgraph/coopgraph/web"
)

func TestSecurityHeadersAndCORS(t *testing.T) {
	h := api.New(api.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		CORSOrigins: []string{"https://dashboard.example.org"}})
	do := func(method, path, origin string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, nil)
		if origin != "" {
			req.Header.Set("Origin", origin)
			req.Header.Set("Access-Control-Request-Method", "POST")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	rec := do(http.MethodGet, "/healthz", "")
	for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
		"X-Frame-Options": "DENY", "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'"} {
		if got := rec.Header().Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	for _, path := range []string{"/", "/search", "/app.js"} {
		if csp := do(http.MethodGet, path, "").Header().Get("Content-Security-Policy"); csp != web.CSP {
			t.Errorf("web app %s has CSP %q, want web.CSP", path, csp)
		}
	}

	pre := do(http.MethodOptions, "/graphql", "https://dashboard.example.org")
	if pre.Code != http.StatusNoContent || pre.Header().Get("Access-Control-Allow-Origin") != "https://dashboard.example.org" ||
		pre.Header().Get("Access-Control-Allow-Methods") == "" {
		t.Errorf("preflight from an allowed origin: %d %v", pre.Code, pre.Header())
	}
	other := do(http.MethodOptions, "/graphql", "https://evil.example.com")
	if got := other.Header().Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("preflight from another origin allowed: %q", got)
	}
}

// TestMalformedRequests: requests gqlgen cannot even read are the client's
// fault: BAD_USER_INPUT with a 4xx status, never INTERNAL.
func TestMalformedRequests(t *testing.T) {
	h := api.New(api.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	for name, body := range map[string]string{
		"ErrNotJSON":  `{"query": "{ x }`,
		"ErrNoQuery":  `{"variables": {}}`,
		"ErrJSONList": `[1, 2]`,
	} {
		t.Run(name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			var resp struct{ Errors []gqlError }
			_ = json.Unmarshal(rec.Body.Bytes(), &resp)
			if rec.Code < 400 || rec.Code >= 500 || len(resp.Errors) == 0 || resp.Errors[0].code() != "BAD_USER_INPUT" {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
		})
	}
}
