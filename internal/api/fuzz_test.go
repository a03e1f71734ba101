package api_test

import (
	"bytes"
	"net/http/httptest"
	"testing"

	"github.com/coopgraph/coopgraph/internal/testdb"
)

// FuzzHandler sends arbitrary bodies and queries to the GraphQL endpoint:
// the server must not panic and must not answer 5xx. `go test` runs the
// seeds; to fuzz: neo4j-launcher/neo4j.sh with -- go test -run '^$'
// -fuzz FuzzHandler -fuzztime 60s ./internal/api/
func FuzzHandler(f *testing.F) {
	st := testdb.Open(f)
	testdb.LoadDemo(f, st)
	h := newHandler(st)
	seeds := []struct{ method, contentType, body, query string }{
		{"POST", "application/json", `{"query":"{ stakeholders(first: 3) { nodes { id name territory { name } } } }"}`, ""},
		{"POST", "application/json", `{"query":"{ search(text: \"Враца\") { id } }"}`, ""},
		{"POST", "application/json", `{"query":"mutation { createTargetGroup(input: {name: \"x\"}) { id } }"}`, ""},
		{"POST", "application/json", `{"query":"{ stakeholders(first: -1) { nodes { id } } }"}`, ""},
		{"POST", "application/json", `{"query":`, ""},
		{"POST", "application/json", `[]`, ""},
		{"POST", "text/plain", `hello`, ""},
		{"GET", "", "", `{ territories { totalCount } }`},
		{"GET", "", "", `{ territory(id: "\u0000") { id } }`},
		{"POST", "application/json", `{"query":"{ a: stakeholders { nodes { id } } b: stakeholders { nodes { id } } }","variables":{"x":[1,2,{"y":null}]}}`, ""},
		{"POST", "application/json", `{"query":"query($f: StakeholderFilter) { stakeholders(filter: $f) { nodes { id } } }","variables":{"f":{"text":"*:?\\\\","kinds":["NGO"]}}}`, ""},
		{"POST", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{}\r\n--x--", ""},
	}
	for _, s := range seeds {
		f.Add(s.method, s.contentType, s.body, s.query)
	}
	f.Fuzz(func(t *testing.T, method, contentType, body, query string) {
		if method != "GET" {
			method = "POST"
		}
		req := httptest.NewRequest(method, "/graphql", bytes.NewReader([]byte(body)))
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		if query != "" {
			q := req.URL.Query()
			q.Set("query", query)
			req.URL.RawQuery = q.Encode()
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %q %q: status %d: %s", method, body, query, rec.Code, rec.Body)
		}
	})
}
