package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/coopgraph/coopgraph/internal/api"
	"github.com/coopgraph/coopgraph/internal/domain"
)

// TestRateLimit: an identity over its rate gets 429 RATE_LIMITED with
// Retry-After, and the others are served meanwhile.
func TestRateLimit(t *testing.T) {
	h := api.New(api.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), RateLimit: 0.5, RateBurst: 2})
	send := func(addr string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader([]byte(`{"query":"{ __typename }"}`)))
		req.Header.Set("Content-Type", "application/json")
		req.RemoteAddr = addr
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	for i := range 2 {
		if rec := send("198.51.100.7:4000"); rec.Code != http.StatusOK {
			t.Fatalf("request %d within the burst: %d %s", i, rec.Code, rec.Body)
		}
	}
	rec := send("198.51.100.7:4001") // same client, another port
	var body struct{ Errors []gqlError }
	_ = json.Unmarshal(rec.Body.Bytes(), &body)
	if rec.Code != http.StatusTooManyRequests || len(body.Errors) != 1 || body.Errors[0].code() != domain.CodeRateLimited ||
		rec.Header().Get("Retry-After") == "" {
		t.Fatalf("over the rate: %d %v %s", rec.Code, rec.Header(), rec.Body)
	}
	if rec := send("203.0.113.9:5000"); rec.Code != http.StatusOK {
		t.Fatalf("another client was limited too: %d %s", rec.Code, rec.Body)
	}
}
