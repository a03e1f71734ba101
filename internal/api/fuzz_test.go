package api_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coopgraph/coopgraph/internal/api"
	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

// FuzzHandler sends arbitrary requests — any method, content type, body,
// query string and variables, JSON or multipart, to GraphQL and to the
// export endpoints — as every role and as nobody. The server must not
// panic, must not answer 5xx (but 504 TIMEOUT, which is the deadline doing
// its job), and no answer may carry INTERNAL: an INTERNAL is a bug. `go
// test` runs the seeds; to fuzz: neo4j-launcher/neo4j.sh with -- go test
// -run '^$' -fuzz FuzzHandler -fuzztime 60s ./internal/api/
func FuzzHandler(f *testing.F) {
	st := testdb.Open(f)
	testdb.LoadDemo(f, st)
	h := api.New(api.Options{Store: st, Production: true, RequestTimeout: 10 * time.Second, Logger: quiet(),
		Auth: auth.New(auth.Config{JWTSecret: testSecret, Keys: st, PublicRead: true})})
	bearers := []string{"", token(auth.Viewer, ""), token(auth.Analyst, ""), token(auth.Coordinator, "st-csii"),
		token(auth.Editor, ""), token(auth.Admin, ""), "garbage", auth.APIKeyPrefix + "unknown"}
	paths := []string{"/graphql", "/export/matrix.csv", "/export/network.graphml", "/export/network.gexf"}
	multipartBody := "--x\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n" +
		`{"query":"mutation($f: Upload!) { importGraph(upload: $f, dryRun: true) { written } }","variables":{"f":null}}` +
		"\r\n--x\r\nContent-Disposition: form-data; name=\"map\"\r\n\r\n{\"0\":[\"variables.f\"]}\r\n" +
		"--x\r\nContent-Disposition: form-data; name=\"0\"; filename=\"a.json\"\r\n\r\n{\"format\":\"coopgraph/v1\"}\r\n--x--\r\n"
	seeds := []struct {
		role, path         uint8
		method, ctype      string
		body, query, extra string
	}{
		{1, 0, "POST", "application/json", `{"query":"{ stakeholders(first: 3) { nodes { id name territory { name } } } }"}`, "", ""},
		{2, 0, "POST", "application/json", `{"query":"{ search(text: \"Враца\") { id } }"}`, "", ""},
		{5, 0, "POST", "application/json", `{"query":"mutation { createTargetGroup(input: {name: \"x\"}) { id } }"}`, "", ""},
		{1, 0, "POST", "application/json", `{"query":"mutation { createTargetGroup(input: {name: \"x\"}) { id } }"}`, "", ""},
		{0, 0, "POST", "application/json", `{"query":"{ stakeholders(first: -1) { nodes { id } } }"}`, "", ""},
		{1, 0, "POST", "application/json", `{"query":`, "", ""},
		{1, 0, "POST", "application/json", `[]`, "", ""},
		{1, 0, "POST", "text/plain", `hello`, "", ""},
		{1, 0, "PUT", "application/json", `{"query":"{ __typename }"}`, "", ""},
		{1, 0, "GET", "", "", `{ territories { totalCount } }`, ""},
		{1, 0, "GET", "", "", `mutation { createTargetGroup(input: {name: "x"}) { id } }`, ""},
		{1, 0, "GET", "", "", `{ territory(id: "\u0000") { id } }`, ""},
		{2, 0, "POST", "application/json", `{"query":"{ a: stakeholders { nodes { id } } b: stakeholders { nodes { id } } }","variables":{"x":[1,2,{"y":null}]}}`, "", ""},
		{1, 0, "POST", "application/json", `{"query":"query($f: StakeholderFilter) { stakeholders(filter: $f) { nodes { id } } }","variables":{"f":{"text":"*:?\\\\","kinds":["NGO"]}}}`, "", ""},
		{1, 0, "POST", "application/json", `{"query":"query($n: Int) { stakeholders(first: $n) { nodes { id } } }","variables":{"n":9223372036854775807}}`, "", ""},
		{2, 0, "POST", "application/json", `{"query":"{ centrality(asOf: \"2024-02-30\") { nodes } }"}`, "", ""},
		{3, 0, "POST", "application/json", `{"query":"{ referralPaths(fromStakeholderId: \"st-csii\", categoryId: \"cat-crisis-accommodation\") { provider { id } } }"}`, "", ""},
		{1, 0, "POST", "application/json", `{"query":"{ __schema { types { name } } }"}`, "", ""},
		{4, 0, "POST", "multipart/form-data; boundary=x", multipartBody, "", ""},
		{1, 0, "POST", "multipart/form-data; boundary=x", multipartBody, "", ""},
		{4, 0, "POST", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{}\r\n--x--", "", ""},
		{2, 1, "GET", "", "", "", "scopeId=tr-vratsa&year=2024"},
		{1, 1, "GET", "", "", "", "scopeId=tr-vratsa"},
		{2, 2, "GET", "", "", "", "relations=PARTNERSHIP&asOf=2030-13-01"},
		{5, 3, "GET", "", "", "", "scopeId=%00"},
		{6, 0, "POST", "application/json", `{"query":"{ __typename }"}`, "", ""},
		{7, 0, "POST", "application/json", `{"query":"{ __typename }"}`, "", ""},
	}
	for _, s := range seeds {
		f.Add(s.role, s.path, s.method, s.ctype, s.body, s.query, s.extra)
	}
	f.Fuzz(func(t *testing.T, role, path uint8, method, contentType, body, query, extra string) {
		switch method {
		case "GET", "POST", "PUT", "DELETE", "OPTIONS":
		default:
			method = "POST"
		}
		target := paths[int(path)%len(paths)]
		req := httptest.NewRequest(method, target, bytes.NewReader([]byte(body)))
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		if b := bearers[int(role)%len(bearers)]; b != "" {
			req.Header.Set("Authorization", "Bearer "+b)
		}
		q := req.URL.Query()
		if query != "" {
			q.Set("query", query)
		}
		for _, kv := range strings.Split(extra, "&") {
			if k, v, ok := strings.Cut(kv, "="); ok && k != "" {
				q.Set(k, v)
			}
		}
		req.URL.RawQuery = q.Encode()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		out := rec.Body.String()
		if rec.Code >= 500 && !(rec.Code == http.StatusGatewayTimeout && strings.Contains(out, `"TIMEOUT"`)) {
			t.Fatalf("%s %s %q %q: status %d: %s", method, target, body, query, rec.Code, out)
		}
		if strings.Contains(out, `"INTERNAL"`) {
			t.Fatalf("%s %s %q %q: INTERNAL: %s", method, target, body, query, out)
		}
		if rec.Header().Get("X-Request-Id") == "" {
			t.Fatalf("%s %s: no X-Request-Id", method, target)
		}
	})
}
