package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/coopgraph/coopgraph/internal/api"
	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

// TestAuthentication: tokens and API keys against the real store; a role
// that may not write gets FORBIDDEN with no Cypher run and nothing written;
// production mode has neither introspection nor GraphiQL.
func TestAuthentication(t *testing.T) {
	st := testdb.OpenDemo(t)
	secret := []byte("a-test-secret-of-at-least-32-bytes!!")
	h := api.New(api.Options{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Production: true,
		Auth: auth.New(auth.Config{JWTSecret: secret, Keys: st})})
	tok := func(role string, ttl time.Duration) string {
		s, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": "tester", "coopgraph_role": role,
			"exp": time.Now().Add(ttl).Unix()}).SignedString(secret)
		return s
	}
	send := func(bearer, query string) (int, response) {
		body, _ := json.Marshal(map[string]any{"query": query})
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if bearer != "" {
			req.Header.Set("Authorization", "Bearer "+bearer)
		}
		rec := httptest.NewRecorder()
		before := st.QueriesRun()
		h.ServeHTTP(rec, req)
		var r response
		_ = json.Unmarshal(rec.Body.Bytes(), &r)
		r.queries = st.QueriesRun() - before
		return rec.Code, r
	}
	const read = `{ targetGroup(id: "tg-older-people") { name } }`
	const write = `mutation { updateTargetGroup(id: "tg-older-people", expectedVersion: 1, input: {name: "Renamed"}) { version } }`

	if code, r := send(tok("VIEWER", time.Hour), read); code != 200 || len(r.Errors) > 0 {
		t.Fatalf("viewer read: %d %+v", code, r.Errors)
	}
	code, r := send(tok("VIEWER", time.Hour), write)
	if len(r.Errors) != 1 || r.Errors[0].code() != domain.CodeForbidden || r.queries != 0 {
		t.Fatalf("viewer write: %d %+v after %d queries; want FORBIDDEN and no Cypher", code, r.Errors, r.queries)
	}
	if _, r := send(tok("ANALYST", time.Hour), read); string(r.Data) != `{"targetGroup":{"name":"Older people"}}` {
		t.Fatalf("the forbidden write changed the record: %s", r.Data)
	}
	if _, r := send(tok("EDITOR", time.Hour), write); len(r.Errors) > 0 {
		t.Fatalf("editor write: %+v", r.Errors)
	}
	for name, bearer := range map[string]string{"expired": tok("ADMIN", -time.Hour), "anonymous": "", "garbage": "x.y.z"} {
		code, r := send(bearer, read)
		if code != http.StatusUnauthorized || len(r.Errors) != 1 || r.Errors[0].code() != domain.CodeUnauthenticated {
			t.Errorf("%s: %d %+v, want 401 UNAUTHENTICATED", name, code, r.Errors)
		}
	}

	secretKey, key, err := st.CreateAPIKey(context.Background(), "dashboard", auth.Analyst, "")
	if err != nil {
		t.Fatal(err)
	}
	if code, r := send(secretKey, read); code != 200 || len(r.Errors) > 0 {
		t.Fatalf("API key: %d %+v", code, r.Errors)
	}
	if ok, err := st.RevokeAPIKey(context.Background(), key.ID); !ok || err != nil {
		t.Fatalf("revoke: %v %v", ok, err)
	}
	if code, r := send(secretKey, read); code != http.StatusUnauthorized || r.Errors[0].code() != domain.CodeUnauthenticated {
		t.Fatalf("revoked API key: %d %+v", code, r.Errors)
	}

	if _, r := send(tok("ADMIN", time.Hour), `{ __schema { types { name } } }`); len(r.Errors) == 0 {
		t.Error("introspection answered in production mode")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/graphiql", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("GraphiQL in production mode: %d, want 404", rec.Code)
	}
}
