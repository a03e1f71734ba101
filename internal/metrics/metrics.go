// Package metrics holds coopgraph's Prometheus metrics: requests and their
// latency by operation, errors by code, and Cypher queries — count,
// latency, and how many run at once, which shows how much of the driver's
// connection pool is in use.
package metrics

import (
	"net/http"
	"regexp"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// maxOperations bounds the operation label: operation names are chosen by
// clients, and an unbounded label would let them grow the metrics at will.
const maxOperations = 200

// Metrics is the set of coopgraph's metrics on its own registry.
type Metrics struct {
	reg        *prometheus.Registry
	requests   *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	errors     *prometheus.CounterVec
	queries    *prometheus.CounterVec
	queryTime  *prometheus.HistogramVec
	inFlight   prometheus.Gauge
	mu         sync.Mutex
	operations map[string]bool
}

// New registers the metrics (and the Go runtime's) on a new registry.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "coopgraph_requests_total",
			Help: "GraphQL requests by operation name and HTTP status."}, []string{"operation", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "coopgraph_request_duration_seconds",
			Help: "GraphQL request latency by operation name.", Buckets: prometheus.ExponentialBuckets(0.001, 2, 15)},
			[]string{"operation"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "coopgraph_errors_total",
			Help: "GraphQL errors by extensions.code."}, []string{"code"}),
		queries: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "coopgraph_cypher_queries_total",
			Help: "Cypher queries (round trips) by access mode and outcome."}, []string{"mode", "outcome"}),
		queryTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "coopgraph_cypher_duration_seconds",
			Help: "Cypher query latency by access mode.", Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16)},
			[]string{"mode"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{Name: "coopgraph_cypher_in_flight",
			Help: "Cypher queries running now: driver connections in use."}),
		operations: map[string]bool{},
	}
	m.reg.MustRegister(m.requests, m.latency, m.errors, m.queries, m.queryTime, m.inFlight,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler { return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}) }

var validOperation = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]{0,63}$`)

// operation returns the label for an operation name: the name, "anonymous",
// or "other" once maxOperations names have been seen.
func (m *Metrics) operation(name string) string {
	if name == "" {
		return "anonymous"
	}
	if !validOperation.MatchString(name) {
		return "other"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.operations[name] {
		if len(m.operations) >= maxOperations {
			return "other"
		}
		m.operations[name] = true
	}
	return name
}

// Request records a finished GraphQL request.
func (m *Metrics) Request(operation string, status int, d time.Duration, codes []string) {
	op := m.operation(operation)
	m.requests.WithLabelValues(op, statusClass(status)).Inc()
	m.latency.WithLabelValues(op).Observe(d.Seconds())
	for _, c := range codes {
		m.errors.WithLabelValues(c).Inc()
	}
}

func statusClass(s int) string {
	switch {
	case s >= 500:
		return "5xx"
	case s >= 400:
		return "4xx"
	default:
		return "2xx"
	}
}

// QueryStarted and QueryDone bracket one Cypher query (the store calls
// them); mode is "read" or "write".
func (m *Metrics) QueryStarted() { m.inFlight.Inc() }

func (m *Metrics) QueryDone(mode string, d time.Duration, err error) {
	m.inFlight.Dec()
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	m.queries.WithLabelValues(mode, outcome).Inc()
	m.queryTime.WithLabelValues(mode).Observe(d.Seconds())
}
