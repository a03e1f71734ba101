package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/coopgraph/coopgraph/internal/api"
	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/metrics"
	"github.com/coopgraph/coopgraph/internal/store"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

// The tests here are requests that are cheap to send and used to cost the
// server dearly (issue 11): each is refused or answered within the request
// timeout, with the Cypher it ran counted.

var testSecret = []byte("a-test-secret-of-at-least-32-bytes!!")

// token is a bearer JWT for role (and stakeholder, for a coordinator).
func token(role auth.Role, stakeholder string) string {
	claims := jwt.MapClaims{"sub": "test-" + strings.ToLower(string(role)), "coopgraph_role": string(role),
		"exp": time.Now().Add(time.Hour).Unix()}
	if stakeholder != "" {
		claims["coopgraph_stakeholder"] = stakeholder
	}
	s, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(testSecret)
	return s
}

// quiet is a logger to nowhere (to stderr with COOPGRAPH_TEST_LOG=1).
func quiet() *slog.Logger {
	var w io.Writer = io.Discard
	if os.Getenv("COOPGRAPH_TEST_LOG") == "1" {
		w = os.Stderr
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

// authHandler is the API in production mode with JWTs and API keys; o may
// set other options.
func authHandler(st *store.Store, o api.Options) http.Handler {
	o.Store, o.Production, o.Logger = st, true, quiet()
	o.Auth = auth.New(auth.Config{JWTSecret: testSecret, Keys: st})
	return api.New(o)
}

// exchange is one request and what came back.
type exchange struct {
	status  int
	header  http.Header
	body    string
	resp    response
	queries int64
	took    time.Duration
}

// send makes a request of any method, content type and body as bearer
// ("" for none) and decodes the answer when it is JSON.
func send(t testing.TB, h http.Handler, st *store.Store, method, contentType string, body io.Reader, bearer string) exchange {
	t.Helper()
	req := httptest.NewRequest(method, "/graphql", body)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	rec := httptest.NewRecorder()
	before := st.QueriesRun()
	start := time.Now()
	h.ServeHTTP(rec, req)
	x := exchange{status: rec.Code, header: rec.Header(), body: rec.Body.String(), took: time.Since(start)}
	x.queries = st.QueriesRun() - before
	_ = json.Unmarshal(rec.Body.Bytes(), &x.resp)
	return x
}

func sendQuery(t testing.TB, h http.Handler, st *store.Store, bearer, query string, vars map[string]any) exchange {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return send(t, h, st, http.MethodPost, "application/json", bytes.NewReader(b), bearer)
}

// refused checks that x is a refusal with code, HTTP status, a request id,
// an error naming name, and no Cypher run.
func (x exchange) refused(t testing.TB, code string, status int, name string) {
	t.Helper()
	if len(x.resp.Errors) == 0 {
		t.Fatalf("want %s, got %d %s", code, x.status, x.body)
	}
	e := x.resp.Errors[0]
	if e.code() != code || x.status != status {
		t.Fatalf("want %s with HTTP %d, got %s with %d: %s", code, status, e.code(), x.status, x.body)
	}
	if name != "" && !strings.Contains(e.Message, name) && e.Extensions["field"] != name {
		t.Errorf("the error does not name %q: %s", name, e.Message)
	}
	if id, _ := e.Extensions["requestId"].(string); id == "" || x.header.Get("X-Request-Id") != id {
		t.Errorf("request id %q in the error, %q in the header", id, x.header.Get("X-Request-Id"))
	}
	if x.queries != 0 {
		t.Errorf("a refused request ran %d Cypher queries", x.queries)
	}
}

func aliases(n int, field string) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, " a%d: %s", i, field)
	}
	b.WriteString(" }")
	return b.String()
}

// nestedFragments is a document whose fragment k spreads fragment k-1
// twice: levels fragments, 2^levels fields when expanded.
func nestedFragments(levels int) string {
	var b strings.Builder
	b.WriteString(`{ territory(id: "tr-vratsa") { ...f` + fmt.Sprint(levels) + ` } }` + "\nfragment f0 on Territory { id name }\n")
	for k := 1; k <= levels; k++ {
		fmt.Fprintf(&b, "fragment f%d on Territory { ...f%d parent { ...f%d } }\n", k, k-1, k-1)
	}
	return b.String()
}

// TestComplexityMeasure: points 1–3 and 7 of issue 11. The measure
// saturates instead of overflowing, bounds first before multiplying,
// refuses Ints beyond 32 bits, measures fragments once, charges every
// field, caps fields and aliases, and every refusal runs no Cypher.
func TestComplexityMeasure(t *testing.T) {
	st := testdb.OpenDemo(t)
	h := authHandler(st, api.Options{RequestTimeout: 5 * time.Second})
	viewer := token(auth.Viewer, "")
	heavy := `stakeholders(first: 100) { nodes { services(first: 500) { coverage { stakeholders(first: 100) { id } } } } }`
	long := strings.Repeat("x", 1001)
	manyWords := strings.TrimSpace(strings.Repeat("a ", 1025))
	tests := []struct {
		name   string
		query  string
		vars   map[string]any
		code   string
		status int
		names  string // what the error names
	}{
		{"ErrFirstOfMaxInt64FromAVariable", `query($f: Int) { x: stakeholders(first: $f) { nodes { id } } ` + heavy + ` }`,
			map[string]any{"f": int64(1<<63 - 1)}, domain.CodeBadUserInput, 400, "first"},
		{"ErrFirstOf3e9Literal", `{ stakeholders(first: 3000000000) { nodes { id } } }`, nil, domain.CodeBadUserInput, 400, "first"},
		{"ErrIntBeyond64Bits", `{ stakeholders(first: 99999999999999999999) { nodes { id } } }`, nil, domain.CodeBadUserInput, 400, ""},
		{"ErrIntInAnInputObject", `mutation($in: ServiceInput!) { createService(input: $in) { id } }`,
			map[string]any{"in": map[string]any{"name": "x", "status": "ACTIVE", "deliveryMode": "IN_PERSON",
				"providerId": "st-csii", "categoryId": "cat-x", "coverageIds": []string{}, "capacity": int64(1) << 40}},
			domain.CodeBadUserInput, 400, "input.capacity"},
		// 2,147,483,647 on four levels wrapped the old product below the limit.
		{"ErrMaxInt32OnFourLevels", `{ stakeholders(first: 2147483647) { nodes { services(first: 2147483647) { coverage { stakeholders(first: 2147483647) { services(first: 2147483647) { id } } } } } } }`,
			nil, domain.CodeTooComplex, 400, "complexity"},
		{"ErrFragmentsDoublingThirtyLevels", nestedFragments(30), nil, domain.CodeTooComplex, 400, "once its fragments are spread"},
		{"ErrFortyThousandTypenames", aliases(40000, "__typename"), nil, domain.CodeTooComplex, 400, "40000 fields"},
		{"ErrTwoHundredAndOneAliases", aliases(201, `stakeholder(id: "st-csii") { id }`), nil, domain.CodeTooComplex, 400, "201 aliases"},
		{"ErrFilterTextOneLongWord", `query($t: String) { stakeholders(filter: {text: $t}) { nodes { id } } }`, map[string]any{"t": long},
			domain.CodeBadUserInput, 400, "filter.text"},
		{"ErrFilterText1025Words", `query($t: String) { services(filter: {text: $t}) { nodes { id } } }`, map[string]any{"t": manyWords},
			domain.CodeBadUserInput, 400, "filter.text"},
		{"ErrSearchTextTooLong", `query($t: String!) { search(text: $t) { id } }`, map[string]any{"t": long},
			domain.CodeBadUserInput, 400, "text"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := sendQuery(t, h, st, viewer, tc.query, tc.vars)
			if tc.code == domain.CodeBadUserInput && strings.Contains(tc.name, "Text") {
				// Refused by the resolver, after the limits: no data, no Cypher.
				if len(x.resp.Errors) == 0 || x.resp.Errors[0].code() != tc.code || x.queries != 0 {
					t.Fatalf("want %s and no Cypher, got %s after %d queries", tc.code, x.body, x.queries)
				}
				if e := x.resp.Errors[0]; e.Extensions["field"] != tc.names {
					t.Errorf("the error names %v, want %s", e.Extensions["field"], tc.names)
				}
				return
			}
			x.refused(t, tc.code, tc.status, tc.names)
			if x.took > time.Second {
				t.Errorf("refused after %v", x.took)
			}
		})
	}

	// Within the limits: the longest text passes, an alias of
	// __typename costs 1, and 200 aliases are allowed.
	ok := []struct{ name, query string }{
		{"OKFilterTextOf200Characters", `{ stakeholders(filter: {text: "` + strings.Repeat("я", 200) + `"}) { nodes { id } } }`},
		{"OKTwoHundredAliases", aliases(200, `stakeholder(id: "st-csii") { id }`)},
	}
	for _, tc := range ok {
		t.Run(tc.name, func(t *testing.T) {
			x := sendQuery(t, h, st, viewer, tc.query, nil)
			if x.status != 200 || len(x.resp.Errors) > 0 {
				t.Fatalf("%d %s", x.status, x.body)
			}
		})
	}

	// Every field costs at least 1: __typename too.
	tight := authHandler(st, api.Options{MaxComplexity: 2})
	if x := sendQuery(t, tight, st, viewer, `{ a: __typename b: __typename }`, nil); len(x.resp.Errors) > 0 {
		t.Fatalf("two __typename at a limit of 2: %s", x.body)
	}
	sendQuery(t, tight, st, viewer, `{ a: __typename b: __typename c: __typename }`, nil).refused(t, domain.CodeTooComplex, 400, "complexity is 3")
}

// TestMultipartIsForImports: point 3. A multipart body is an importGraph
// upload: refused for a role that may not import before its body is read,
// and refused for anything but importGraph.
func TestMultipartIsForImports(t *testing.T) {
	st := testdb.OpenDemo(t)
	h := authHandler(st, api.Options{})
	form := func(query string) (string, *bytes.Buffer) {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		ops, _ := json.Marshal(map[string]any{"query": query, "variables": map[string]any{"f": nil}})
		_ = mw.WriteField("operations", string(ops))
		_ = mw.WriteField("map", `{"0": ["variables.f"]}`)
		fw, _ := mw.CreateFormFile("0", "x.json")
		_, _ = fw.Write([]byte(`{"format": "coopgraph/v1"}`))
		_ = mw.Close()
		return mw.FormDataContentType(), &body
	}
	for _, role := range []auth.Role{auth.Viewer, auth.Analyst, auth.Coordinator} {
		t.Run("Err"+string(role), func(t *testing.T) {
			ct, body := form(aliases(100, "__typename"))
			counted := &countingReader{r: body}
			bearer := token(role, "")
			if role == auth.Coordinator {
				bearer = token(role, "st-csii")
			}
			x := send(t, h, st, http.MethodPost, ct, counted, bearer)
			x.refused(t, domain.CodeForbidden, 403, "importGraph")
			if n := counted.n.Load(); n != 0 {
				t.Errorf("%d bytes of the body were read before the role was checked", n)
			}
		})
	}
	t.Run("ErrEditorSendsAQuery", func(t *testing.T) {
		ct, body := form(`mutation($f: Upload!) { importGraph(upload: $f) { written } createTargetGroup(input: {name: "Smuggled"}) { id } }`)
		x := send(t, h, st, http.MethodPost, ct, body, token(auth.Editor, ""))
		x.refused(t, domain.CodeBadUserInput, 400, "importGraph")
	})
	t.Run("ErrGarbageUpload", func(t *testing.T) {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		ops, _ := json.Marshal(map[string]any{"query": `mutation($f: Upload!) { importGraph(upload: $f) { written } }`, "variables": map[string]any{"f": nil}})
		_ = mw.WriteField("operations", string(ops))
		_ = mw.WriteField("map", `{"0": ["variables.f"]}`)
		fw, _ := mw.CreateFormFile("0", "garbage.json")
		_, _ = fw.Write([]byte("\x00\xff not json at all {{{"))
		_ = mw.Close()
		x := send(t, h, st, http.MethodPost, mw.FormDataContentType(), &body, token(auth.Editor, ""))
		if len(x.resp.Errors) == 0 || x.resp.Errors[0].code() != domain.CodeBadUserInput {
			t.Fatalf("want BAD_USER_INPUT, got %d %s", x.status, x.body)
		}
	})
}

type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// TestAnalysesAreCharged: points 4 and 5. An analysis costs what its work
// does, a request may run few, an identity runs two at a time, and the
// rate limit charges a request its cost.
func TestAnalysesAreCharged(t *testing.T) {
	st := testdb.OpenDemo(t)
	analyst := token(auth.Analyst, "")
	centrality := func(n int) string {
		var b strings.Builder
		b.WriteString("{")
		for i := range n {
			fmt.Fprintf(&b, ` c%d: centrality(measure: DEGREE, asOf: "20%02d-01-01", first: 3) { nodes }`, i, 10+i)
		}
		return b.String() + " }"
	}
	h := authHandler(st, api.Options{})
	t.Run("ErrElevenAnalyses", func(t *testing.T) {
		sendQuery(t, h, st, analyst, centrality(11), nil).refused(t, domain.CodeTooComplex, 400, "11 analyses")
	})
	t.Run("ErrOneAnalysisAboveTheComplexityLimit", func(t *testing.T) {
		small := authHandler(st, api.Options{MaxComplexity: 20000})
		sendQuery(t, small, st, analyst, centrality(1), nil).refused(t, domain.CodeTooComplex, 400, "complexity")
	})
	t.Run("OKTenAnalyses", func(t *testing.T) {
		x := sendQuery(t, h, st, analyst, centrality(10), nil)
		if len(x.resp.Errors) > 0 || x.status != 200 {
			t.Fatalf("%d %s", x.status, x.body)
		}
	})

	// Point 5: burst 100, one request a second. 150 aliases cost 150: more
	// than the burst, refused whatever the bucket holds. 60 aliases cost 60,
	// so the second of them is refused with Retry-After, and the refusals
	// run no Cypher.
	limited := authHandler(st, api.Options{RateLimit: 1, RateBurst: 100})
	lookup := `stakeholder(id: "st-csii") { id }`
	x := sendQuery(t, limited, st, analyst, aliases(150, lookup), nil)
	x.refused(t, domain.CodeRateLimited, 429, "costs 150")
	if x = sendQuery(t, limited, st, analyst, aliases(60, lookup), nil); len(x.resp.Errors) > 0 {
		t.Fatalf("60 aliases with 99 points left: %s", x.body)
	}
	x = sendQuery(t, limited, st, analyst, aliases(60, lookup), nil)
	x.refused(t, domain.CodeRateLimited, 429, "costs 60")
	if x.header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	// Another identity is not charged for it.
	if x := sendQuery(t, limited, st, token(auth.Viewer, ""), aliases(60, lookup), nil); len(x.resp.Errors) > 0 {
		t.Fatalf("another identity: %s", x.body)
	}
}

// TestOneRequestCannotTakeThePool: point 4. A request's root fields run
// at most four Cypher queries at once, however many aliases it has.
func TestOneRequestCannotTakeThePool(t *testing.T) {
	cfg := testdb.Config(t)
	obs := &inFlight{}
	cfg.Observer = obs
	st, err := store.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(context.Background())
	testdb.LoadDemo(t, st)
	h := authHandler(st, api.Options{})
	x := sendQuery(t, h, st, token(auth.Viewer, ""), aliases(100, `stakeholders(first: 1, filter: {text: "Враца"}) { nodes { id } }`), nil)
	if len(x.resp.Errors) > 0 {
		t.Fatalf("%s", x.body)
	}
	if x.queries != 100 {
		t.Errorf("%d Cypher queries, want 100 (one per alias)", x.queries)
	}
	if m := obs.max.Load(); m > 4 || m < 1 {
		t.Errorf("%d queries at once, want 1 to 4", m)
	}
}

// inFlight is a store observer that remembers the most queries at once.
type inFlight struct{ now, max atomic.Int64 }

func (o *inFlight) QueryStarted() {
	n := o.now.Add(1)
	for m := o.max.Load(); n > m && !o.max.CompareAndSwap(m, n); m = o.max.Load() {
	}
}
func (o *inFlight) QueryDone(string, time.Duration, error) { o.now.Add(-1) }

// TestCredentialLookups: point 6. API keys not in the cache are looked up
// at most lookupBurst times per address before 429s that run no Cypher; a
// valid key is looked up once, and a revoked one is refused at once on
// the instance that revoked it.
func TestCredentialLookups(t *testing.T) {
	st := testdb.OpenDemo(t)
	h := authHandler(st, api.Options{})
	before := st.QueriesRun()
	start := time.Now()
	var limited int
	for i := range 1000 {
		x := sendQuery(t, h, st, fmt.Sprintf("%srandom-%04d", auth.APIKeyPrefix, i), `{ __typename }`, nil)
		switch x.resp.Errors[0].code() {
		case domain.CodeUnauthenticated:
		case domain.CodeRateLimited:
			limited++
			if x.status != 429 || x.queries != 0 {
				t.Fatalf("limited lookup: %d after %d queries", x.status, x.queries)
			}
		default:
			t.Fatalf("random key: %s", x.body)
		}
	}
	// The burst of 20, plus what the bucket refills (5 a second) while the
	// loop runs: on a loaded machine the 1,000 requests take a few seconds.
	allowed := int64(20 + 5*time.Since(start).Seconds() + 1)
	if n := st.QueriesRun() - before; n > allowed || int64(limited) != 1000-n {
		t.Errorf("1,000 random keys ran %d lookups and got %d 429s; want at most %d lookups, and a 429 for every other key", n, limited, allowed)
	}

	// A valid key, from another address: one lookup for 50 requests.
	secret, key, err := st.CreateAPIKey(context.Background(), "dashboard", auth.Viewer, "")
	if err != nil {
		t.Fatal(err)
	}
	other := func(bearer string) exchange {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ __typename }"}`))
		req.RemoteAddr = "198.51.100.7:4000"
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+bearer)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var x exchange
		x.status = rec.Code
		_ = json.Unmarshal(rec.Body.Bytes(), &x.resp)
		return x
	}
	before = st.QueriesRun()
	for range 50 {
		if x := other(secret); x.status != 200 || len(x.resp.Errors) > 0 {
			t.Fatalf("valid key: %d %+v", x.status, x.resp.Errors)
		}
	}
	if n := st.QueriesRun() - before; n != 1 {
		t.Errorf("50 requests with a valid key ran %d lookups, want 1", n)
	}
	if ok, err := st.RevokeAPIKey(auth.With(context.Background(), auth.Identity{Subject: "t", Role: auth.Admin}), key.ID); !ok || err != nil {
		t.Fatalf("revoke: %v %v", ok, err)
	}
	if x := other(secret); x.status != 401 || x.resp.Errors[0].code() != domain.CodeUnauthenticated {
		t.Errorf("revoked key on the same instance: %d %+v", x.status, x.resp.Errors)
	}
}

// TestErrorContract: points 10 and 12. Every refusal has a code, the
// matching status and the request id, and echoes nothing.
func TestErrorContract(t *testing.T) {
	st := testdb.OpenDemo(t)
	h := authHandler(st, api.Options{MaxBodyBytes: 4096})
	admin := token(auth.Admin, "")
	const marker = "ECHO-MARKER-0123456789"
	tests := []struct {
		name        string
		method      string
		contentType string
		body        string
		code        string
		status      int
	}{
		{"ErrIntrospection", "POST", "application/json", `{"query":"{ __schema { types { name } } }"}`, domain.CodeForbidden, 403},
		{"ErrTypeIntrospection", "POST", "application/json", `{"query":"{ __type(name: \"Stakeholder\") { name } }"}`, domain.CodeForbidden, 403},
		{"ErrBodyOverTheLimit", "POST", "application/json", `{"query":"{ __typename }","x":"` + strings.Repeat("x", 5000) + `"}`, domain.CodePayloadTooLarge, 413},
		{"ErrTextPlain", "POST", "text/plain", `{ __typename }`, domain.CodeBadUserInput, 415},
		{"ErrFormPost", "POST", "application/x-www-form-urlencoded", `query=%7B__typename%7D`, domain.CodeBadUserInput, 415},
		{"ErrPut", "PUT", "application/json", `{"query":"{ __typename }"}`, domain.CodeBadUserInput, 405},
		{"ErrBatchEchoesNothing", "POST", "application/json", `[{"query":"{ __typename }","x":"` + marker + `"}]`, domain.CodeBadUserInput, 400},
		{"ErrNotJSONEchoesNothing", "POST", "application/json", `{"query": ` + marker, domain.CodeBadUserInput, 400},
		{"ErrUnknownField", "POST", "application/json", `{"query":"{ stakeholders { nodes { nme } } }"}`, domain.CodeBadUserInput, 400},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := send(t, h, st, tc.method, tc.contentType, strings.NewReader(tc.body), admin)
			x.refused(t, tc.code, tc.status, "")
			if strings.Contains(x.body, marker) {
				t.Errorf("the answer echoes the body: %s", x.body)
			}
			if strings.Contains(x.body, "Did you mean") {
				t.Errorf("suggestions with introspection off: %s", x.body)
			}
		})
	}
	t.Run("ErrGetMutation", func(t *testing.T) {
		req := httptest.NewRequest(http.MethodGet, "/graphql?query="+urlQuery(`mutation { createTargetGroup(input: {name: "Smuggled"}) { id } }`), nil)
		req.Header.Set("Authorization", "Bearer "+admin)
		rec := httptest.NewRecorder()
		before := st.QueriesRun()
		h.ServeHTTP(rec, req)
		x := exchange{status: rec.Code, header: rec.Header(), body: rec.Body.String(), queries: st.QueriesRun() - before}
		_ = json.Unmarshal(rec.Body.Bytes(), &x.resp)
		x.refused(t, domain.CodeBadUserInput, 405, "POST")
	})
	t.Run("ErrMultipartOverTheLimitWithoutLength", func(t *testing.T) {
		small := authHandler(st, api.Options{MaxUploadBytes: 2048})
		body := "--x\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n" + strings.Repeat("y", 5000) + "\r\n--x--\r\n"
		req := httptest.NewRequest(http.MethodPost, "/graphql", io.MultiReader(strings.NewReader(body)))
		req.ContentLength = -1
		req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
		req.Header.Set("Authorization", "Bearer "+admin)
		rec := httptest.NewRecorder()
		small.ServeHTTP(rec, req)
		x := exchange{status: rec.Code, header: rec.Header(), body: rec.Body.String()}
		_ = json.Unmarshal(rec.Body.Bytes(), &x.resp)
		x.refused(t, domain.CodePayloadTooLarge, 413, "")
	})

	// Introspection for signed-in clients, behind a setting; not for the
	// anonymous public reader.
	open := api.New(api.Options{Store: st, Production: true, Introspection: "authenticated",
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Auth:   auth.New(auth.Config{JWTSecret: testSecret, PublicRead: true})})
	if x := sendQuery(t, open, st, token(auth.Viewer, ""), `{ __schema { queryType { name } } }`, nil); x.status != 200 || len(x.resp.Errors) > 0 {
		t.Errorf("authenticated introspection: %d %s", x.status, x.body)
	}
	sendQuery(t, open, st, "", `{ __schema { queryType { name } } }`, nil).refused(t, domain.CodeForbidden, 403, "__schema")
	// Development mode keeps the suggestions.
	dev := newHandler(st)
	if x := sendQuery(t, dev, st, "", `{ stakeholders { nodes { nme } } }`, nil); !strings.Contains(x.body, "Did you mean") {
		t.Errorf("development mode lost the suggestion: %s", x.body)
	}
}

func urlQuery(s string) string {
	return strings.NewReplacer(" ", "%20", "{", "%7B", "}", "%7D", "\"", "%22", ":", "%3A", ",", "%2C", "(", "%28", ")", "%29").Replace(s)
}

// TestSmallTruths: point 19. Every endpoint's answer has X-Request-Id; a
// 401 is counted in the metrics; /readyz waits for the warm-up; /metrics
// can move off the public handler.
func TestSmallTruths(t *testing.T) {
	st := testdb.Open(t)
	m := metrics.New()
	warm := false
	h := authHandler(st, api.Options{Metrics: m, Ready: func() bool { return warm }})
	get := func(h http.Handler, path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec
	}
	for _, path := range []string{"/", "/healthz", "/readyz", "/metrics", "/graphql", "/export/matrix.csv", "/no-such-page"} {
		if rec := get(h, path); rec.Header().Get("X-Request-Id") == "" {
			t.Errorf("%s (%d): no X-Request-Id", path, rec.Code)
		}
	}
	if rec := get(h, "/readyz"); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("/readyz before the warm-up: %d", rec.Code)
	}
	warm = true
	if rec := get(h, "/readyz"); rec.Code != http.StatusOK {
		t.Errorf("/readyz after the warm-up: %d %s", rec.Code, rec.Body)
	}
	sendQuery(t, h, st, "", `{ __typename }`, nil).refused(t, domain.CodeUnauthenticated, 401, "")
	if body := get(h, "/metrics").Body.String(); !strings.Contains(body, `coopgraph_requests_total{operation="anonymous",status="4xx"}`) ||
		!strings.Contains(body, `coopgraph_errors_total{code="UNAUTHENTICATED"}`) {
		t.Errorf("the 401 is not in the metrics:\n%s", grepLines(body, "coopgraph_"))
	}
	elsewhere := authHandler(st, api.Options{Metrics: m, MetricsElsewhere: true})
	if rec := get(elsewhere, "/metrics"); strings.Contains(rec.Body.String(), "coopgraph_requests_total") {
		t.Errorf("/metrics with COOPGRAPH_METRICS_ADDR: served on the public handler too")
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
