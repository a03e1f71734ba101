package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/store"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

// postWith sends a GraphQL request with a bookmark header and returns the
// response and the bookmark header of the answer.
func postWith(t *testing.T, h http.Handler, query, bookmark string) (response, string, map[string]any) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if bookmark != "" {
		req.Header.Set("X-Coopgraph-Bookmark", bookmark)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var r struct {
		response
		Extensions map[string]any `json:"extensions"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		t.Fatalf("not JSON: %s", rec.Body.String())
	}
	return r.response, rec.Header().Get("X-Coopgraph-Bookmark"), r.Extensions
}

// TestBookmarkReadYourWrites: a mutation hands back a bookmark (header and
// extensions); another API instance — here a second store with its own
// driver, which has not seen the write — reads the write when the request
// carries the bookmark. A bookmark the API did not make is BAD_USER_INPUT.
func TestBookmarkReadYourWrites(t *testing.T) {
	st := testdb.OpenDemo(t)
	h1 := newHandler(st)
	r, bookmark, ext := postWith(t, h1, `mutation { updateTargetGroup(id: "tg-older-people", expectedVersion: 1,
		input: {name: "Older people (65+)"}) { version } }`, "")
	if len(r.Errors) > 0 {
		t.Fatalf("update: %+v", r.Errors)
	}
	if bookmark == "" || ext["bookmark"] != bookmark {
		t.Fatalf("bookmark header %q, extensions %v: want the same non-empty bookmark", bookmark, ext["bookmark"])
	}

	st2, err := store.Open(testdb.Config(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close(context.Background())
	h2 := newHandler(st2)
	r, after, _ := postWith(t, h2, `{ targetGroup(id: "tg-older-people") { name version } }`, bookmark)
	if len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"name":"Older people (65+)","version":2`) {
		t.Fatalf("read with the bookmark: %s %+v", r.Data, r.Errors)
	}
	if after == "" {
		t.Error("a read hands back no bookmark")
	}

	r, _, _ = postWith(t, h2, `{ targetGroup(id: "tg-older-people") { name } }`, "not-a-bookmark")
	if len(r.Errors) == 0 || r.Errors[0].code() != domain.CodeBadUserInput || r.Errors[0].Extensions["field"] != "X-Coopgraph-Bookmark" {
		t.Fatalf("bad bookmark: %+v", r.Errors)
	}
}
