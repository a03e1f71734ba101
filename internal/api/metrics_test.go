package api_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"testing"

	"github.com/coopgraph/coopgraph/internal/api"
	"github.com/coopgraph/coopgraph/internal/metrics"
	"github.com/coopgraph/coopgraph/internal/store"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

// TestMetrics: /metrics counts requests by operation, errors by code and
// Cypher queries by mode, as the requests made them.
func TestMetrics(t *testing.T) {
	testdb.LoadDemo(t, testdb.Open(t))
	m := metrics.New()
	cfg := testdb.Config(t)
	cfg.Observer = m
	st, err := store.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(context.Background())
	h := api.New(api.Options{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Metrics: m})

	r1 := post(t, h, st, `query Names { stakeholders(first: 3) { nodes { name territory { name } } } }`, nil)
	r2 := post(t, h, st, `query Names { stakeholders(first: 2) { nodes { name } } }`, nil)
	post(t, h, st, `{ stakeholders(first: -1) { nodes { id } } }`, nil)
	if len(r1.Errors)+len(r2.Errors) > 0 {
		t.Fatalf("errors: %+v %+v", r1.Errors, r2.Errors)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	body := rec.Body.String()
	value := func(series string) float64 {
		t.Helper()
		m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(series) + ` (\S+)$`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no series %s in /metrics", series)
		}
		v, _ := strconv.ParseFloat(m[1], 64)
		return v
	}
	if v := value(`coopgraph_requests_total{operation="Names",status="2xx"}`); v != 2 {
		t.Errorf("Names requests: %v, want 2", v)
	}
	if v := value(`coopgraph_errors_total{code="BAD_USER_INPUT"}`); v != 1 {
		t.Errorf("BAD_USER_INPUT errors: %v, want 1", v)
	}
	// 1 statement for each request (the first's territory is compiled
	// into its page).
	if v, want := value(`coopgraph_cypher_queries_total{mode="read",outcome="ok"}`), float64(r1.queries+r2.queries); v != want || want != 2 {
		t.Errorf("read queries: %v, want %v (= 2)", v, want)
	}
	if v := value(`coopgraph_cypher_in_flight`); v != 0 {
		t.Errorf("queries in flight after the requests: %v", v)
	}
	if v := value(`coopgraph_request_duration_seconds_count{operation="Names"}`); v != 2 {
		t.Errorf("latency observations: %v, want 2", v)
	}
}
