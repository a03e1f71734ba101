package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"

	"github.com/coopgraph/coopgraph/internal/api"
	"github.com/coopgraph/coopgraph/internal/store"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

// gqlError is one error of a GraphQL response.
type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

func (e gqlError) code() string { s, _ := e.Extensions["code"].(string); return s }

// response is a GraphQL response with the number of Cypher queries the
// request ran (read from the store's counter).
type response struct {
	Data    json.RawMessage `json:"data"`
	Errors  []gqlError      `json:"errors"`
	status  int
	queries int64
}

// newHandler returns the API over st, logging nowhere (to stderr with
// demoHandler is the database with the demo dataset and a handler over it:
// the start of most read tests.
func demoHandler(t testing.TB) (*store.Store, http.Handler) {
	t.Helper()
	st := testdb.OpenDemo(t)
	return st, newHandler(st)
}

// COOPGRAPH_TEST_LOG=1, to see internal errors while debugging a test).
func newHandler(st *store.Store) http.Handler {
	var w io.Writer = io.Discard
	if os.Getenv("COOPGRAPH_TEST_LOG") == "1" {
		w = os.Stderr
	}
	return api.New(api.Options{Store: st, Logger: slog.New(slog.NewTextHandler(w, nil))})
}

// post sends a GraphQL request to h.
func post(t testing.TB, h http.Handler, st *store.Store, query string, vars map[string]any) response {
	t.Helper()
	return postBody(t, h, st, map[string]any{"query": query, "variables": vars})
}

// postBody sends a request body of any shape (extensions, no query...).
func postBody(t testing.TB, h http.Handler, st *store.Store, payload map[string]any) response {
	t.Helper()
	body, _ := json.Marshal(payload)
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	before := st.QueriesRun()
	h.ServeHTTP(rec, req)
	var r response
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		t.Fatalf("response is not JSON (%d): %s", rec.Code, rec.Body.String())
	}
	r.status = rec.Code
	r.queries = st.QueriesRun() - before
	return r
}

// ok sends a request that must succeed and decodes its data into out.
func ok(t testing.TB, h http.Handler, st *store.Store, query string, vars map[string]any, out any) response {
	t.Helper()
	r := post(t, h, st, query, vars)
	if len(r.Errors) > 0 {
		t.Fatalf("unexpected errors: %+v", r.Errors)
	}
	if err := json.Unmarshal(r.Data, out); err != nil {
		t.Fatalf("decode data: %v: %s", err, r.Data)
	}
	return r
}

// failsWith sends a request that must fail with code and an error message
// or field naming name.
func failsWith(t testing.TB, h http.Handler, st *store.Store, query string, vars map[string]any, code, name string) response {
	t.Helper()
	r := post(t, h, st, query, vars)
	if len(r.Errors) == 0 {
		t.Fatalf("want error %s naming %q, got data %s", code, name, r.Data)
	}
	e := r.Errors[0]
	if e.code() != code {
		t.Fatalf("want code %s, got %s (%s)", code, e.code(), e.Message)
	}
	if !bytes.Contains([]byte(e.Message), []byte(name)) && e.Extensions["field"] != name {
		t.Fatalf("error %q does not name %q", e.Message, name)
	}
	if _, ok := e.Extensions["requestId"].(string); !ok {
		t.Errorf("error without requestId: %+v", e)
	}
	return r
}

func itoa(i int) string { return strconv.Itoa(i) }
