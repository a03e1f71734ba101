package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/coopgraph/coopgraph/internal/cooperation"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/matrix"
	"github.com/coopgraph/coopgraph/internal/network"
	"github.com/coopgraph/coopgraph/internal/referral"
)

// Config says where the database is.
type Config struct {
	URI      string
	User     string
	Password string
	Database string // empty: the server's default database
	// QueryTimeout bounds a query that runs without a context deadline.
	QueryTimeout time.Duration
	Logger       *slog.Logger
	// Observer, when set, is told of every query and transaction (metrics).
	Observer Observer
}

// Observer watches the database work: QueryStarted before a query or a
// transaction, QueryDone after it with its mode ("read", "write") and
// outcome.
type Observer interface {
	QueryStarted()
	QueryDone(mode string, d time.Duration, err error)
}

// The store is the Source of every use case.
var (
	_ matrix.Source      = (*Store)(nil)
	_ referral.Source    = (*Store)(nil)
	_ cooperation.Source = (*Store)(nil)
	_ network.Source     = (*Store)(nil)
)

// Store is the Neo4j implementation of coopgraph's storage.
type Store struct {
	driver  neo4j.DriverWithContext
	uri     string // for startup errors
	user    string
	db      string
	timeout time.Duration
	log     *slog.Logger
	obs     Observer
	queries atomic.Int64 // all queries run, for metrics and benchmarks
	// writes counts the write transactions committed by this store; caches
	// of derived data (network projections) compare it.
	writes atomic.Int64
}

// Generation changes whenever this store commits a write.
func (s *Store) Generation() int64 { return s.writes.Load() }

// Open creates the driver. It does not wait for the database; see Ping and
// WaitReady.
func Open(cfg Config) (*Store, error) {
	if cfg.URI == "" {
		return nil, errors.New("open store: NEO4J_URI is empty")
	}
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		// Fail fast when the database is down, so a request gets UNAVAILABLE
		// within its deadline instead of hanging in the pool.
		c.ConnectionAcquisitionTimeout = 5 * time.Second
		c.SocketConnectTimeout = 3 * time.Second
		c.MaxTransactionRetryTime = 5 * time.Second
		c.MaxConnectionPoolSize = 64
		c.Log = driverLog{log}
	})
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", cfg.URI, err)
	}
	timeout := cfg.QueryTimeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	return &Store{driver: driver, uri: cfg.URI, user: cfg.User, db: cfg.Database, timeout: timeout, log: log, obs: cfg.Observer}, nil
}

// Close closes the driver and its connections.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// Ping checks that the database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	// Returns 1: the cheapest query that proves a database session works.
	_, err := s.read(ctx, "RETURN 1", nil)
	return err
}

// WaitReady pings until the database answers or ctx ends; a server that
// starts together with its database uses it. Its errors are one line naming
// the setting to change. A refused login ends the wait at once: retrying it
// would only trip Neo4j's authentication rate limit.
func (s *Store) WaitReady(ctx context.Context) error {
	start := time.Now()
	for {
		err := s.Ping(ctx)
		if err == nil {
			return nil
		}
		var nerr *neo4j.Neo4jError
		switch {
		case errors.As(err, &nerr) && nerr.Code == "Neo.ClientError.Security.Unauthorized":
			return fmt.Errorf("neo4j at %s refused user %q with this password: set NEO4J_PASSWORD (and NEO4J_USER)", s.uri, s.user)
		case errors.As(err, &nerr) && nerr.Code == "Neo.ClientError.Security.AuthenticationRateLimit":
			return fmt.Errorf("neo4j at %s refuses logins for a while after too many wrong passwords: check NEO4J_PASSWORD, then retry in a minute", s.uri)
		case ctx.Err() == nil && domain.ErrorCode(err) != domain.CodeUnavailable:
			return fmt.Errorf("neo4j at %s: %s", s.uri, oneLine(err))
		}
		unreachable := func() error {
			return fmt.Errorf("cannot reach neo4j at %s after %s (%s): check NEO4J_URI, or leave it unset for make run to start a local Neo4j",
				s.uri, time.Since(start).Round(100*time.Millisecond), reason(err))
		}
		if ctx.Err() != nil {
			return unreachable()
		}
		select {
		case <-ctx.Done():
			return unreachable()
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// reason is the part of a connection error a user can act on: the network
// error ("dial tcp 127.0.0.1:7687: connect: connection refused") when
// there is one.
func reason(err error) string {
	// The driver keeps only the text of the dial error it retried on.
	if msg := oneLine(err); strings.Contains(msg, "dial tcp ") {
		return msg[strings.LastIndex(msg, "dial tcp "):]
	}
	var oe *net.OpError
	if errors.As(err, &oe) {
		return oe.Error()
	}
	var de *net.DNSError
	if errors.As(err, &de) {
		return de.Error()
	}
	return oneLine(err)
}

func oneLine(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }

// QueriesRun is the number of queries this store has run since it opened.
func (s *Store) QueriesRun() int64 { return s.queries.Load() }

type counterKey struct{}

// CountQueries returns a context in which every query the store runs is
// counted; QueryCount reads the count. The API counts per request.
func CountQueries(ctx context.Context) context.Context {
	return context.WithValue(ctx, counterKey{}, new(atomic.Int64))
}

// QueryCount is the number of queries run with ctx since CountQueries.
func QueryCount(ctx context.Context) int64 {
	if c, ok := ctx.Value(counterKey{}).(*atomic.Int64); ok {
		return c.Load()
	}
	return 0
}

func (s *Store) count(ctx context.Context) {
	s.queries.Add(1)
	if c, ok := ctx.Value(counterKey{}).(*atomic.Int64); ok {
		c.Add(1)
	}
}

// read runs one query in a read transaction and returns all its records.
func (s *Store) read(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	return s.run(ctx, "read", neo4j.ExecuteQueryWithReadersRouting(), cypher, params)
}

// write runs one query in a write transaction and returns all its records.
func (s *Store) write(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	return s.run(ctx, "write", neo4j.ExecuteQueryWithWritersRouting(), cypher, params)
}

// tracer makes the spans of Cypher queries (a no-op unless tracing is on).
var tracer = otel.Tracer("github.com/coopgraph/coopgraph/internal/store")

// observe reports one piece of database work to the observer, if any, and
// to tracing as a span; statement is its Cypher (never user text, which
// travels as parameters), empty for a transaction of several.
func (s *Store) observe(ctx context.Context, mode, statement string) (context.Context, func(error)) {
	ctx, span := tracer.Start(ctx, "cypher "+mode, trace.WithSpanKind(trace.SpanKindClient),
		trace.WithAttributes(attribute.String("db.system", "neo4j"), attribute.String("db.namespace", s.db)))
	if statement != "" {
		span.SetAttributes(attribute.String("db.query.text", statement))
	}
	start := time.Now()
	if s.obs != nil {
		s.obs.QueryStarted()
	}
	return ctx, func(err error) {
		if s.obs != nil {
			s.obs.QueryDone(mode, time.Since(start), err)
		}
		if err != nil {
			span.RecordError(err)
			span.SetStatus(codes.Error, domain.ErrorCode(err))
		}
		span.End()
	}
}

func (s *Store) run(ctx context.Context, mode string, routing neo4j.ExecuteQueryConfigurationOption, cypher string, params map[string]any) (_ []*neo4j.Record, err error) {
	release, err := acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	s.count(ctx)
	ctx, done := s.observe(ctx, mode, cypher)
	defer func() { done(err) }()
	res, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
		routing, neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithBookmarkManager(s.bookmarkManager(ctx)),
		neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(s.txTimeout(ctx))))
	if err != nil {
		return nil, classify(ctx, err)
	}
	if mode == "write" {
		s.writes.Add(1)
	}
	return res.Records, nil
}

// transact runs fn in one managed transaction of mode: all of fn's
// queries commit together or not at all, and the driver retries fn on
// transient errors (so fn has no effect outside tx). Like every query it
// waits for one of the request's slots (acquire), is observed and counted,
// and is bounded by the request's deadline; read transactions go to
// followers under neo4j:// routing, and a committed write changes
// Generation.
func (s *Store) transact(ctx context.Context, mode neo4j.AccessMode, fn func(tx runner) error) (err error) {
	release, err := acquire(ctx)
	if err != nil {
		return err
	}
	defer release()
	name := "read"
	if mode == neo4j.AccessModeWrite {
		name = "write"
	}
	ctx, done := s.observe(ctx, name, "")
	defer func() { done(err) }()
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: mode,
		BookmarkManager: s.bookmarkManager(ctx)})
	defer session.Close(ctx)
	work := func(tx neo4j.ManagedTransaction) (any, error) {
		return nil, fn(countingTx{tx, func() { s.count(ctx) }})
	}
	if mode == neo4j.AccessModeWrite {
		_, err = session.ExecuteWrite(ctx, work, neo4j.WithTxTimeout(s.txTimeout(ctx)))
	} else {
		_, err = session.ExecuteRead(ctx, work, neo4j.WithTxTimeout(s.txTimeout(ctx)))
	}
	if err != nil {
		return classify(ctx, err)
	}
	if mode == neo4j.AccessModeWrite {
		s.writes.Add(1)
	}
	return nil
}

// countingTx counts the queries of a managed transaction.
type countingTx struct {
	neo4j.ManagedTransaction
	inc func()
}

func (t countingTx) Run(ctx context.Context, cypher string, params map[string]any) (neo4j.ResultWithContext, error) {
	t.inc()
	return t.ManagedTransaction.Run(ctx, cypher, params)
}

// txTimeout tells Neo4j to stop a transaction when the request that started
// it has given up, so abandoned queries do not keep running on the server.
func (s *Store) txTimeout(ctx context.Context) time.Duration {
	if dl, ok := ctx.Deadline(); ok {
		if d := time.Until(dl); d > 0 {
			return d
		}
		return time.Millisecond
	}
	return s.timeout
}

// classify turns a driver error into a domain error with a code.
func classify(ctx context.Context, err error) error {
	var derr *domain.Error
	if errors.As(err, &derr) {
		return err
	}
	var nerr *neo4j.Neo4jError
	switch {
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded):
		return &domain.Error{Code: domain.CodeTimeout, Message: "the request took too long", Err: err}
	case errors.As(err, &nerr) && nerr.Code == "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration":
		return &domain.Error{Code: domain.CodeTimeout, Message: "the request took too long", Err: err}
	case errors.As(err, &nerr) && (nerr.Code == "Neo.ClientError.Transaction.InvalidBookmark" ||
		nerr.Code == "Neo.ClientError.Transaction.InvalidBookmarkMixture"):
		return &domain.Error{Code: domain.CodeBadUserInput, Field: "X-Coopgraph-Bookmark",
			Message: "is not a bookmark this API returned", Err: err}
	case errors.As(err, &nerr) && nerr.Code == "Neo.ClientError.Schema.ConstraintValidationFailed":
		return &domain.Error{Code: domain.CodeConflict, Message: "a record with this id already exists", Err: err}
	case errors.As(err, &nerr) && (nerr.Code == "Neo.ClientError.Security.Unauthorized" ||
		nerr.Code == "Neo.ClientError.Security.AuthenticationRateLimit"):
		return domain.Unavailable(err)
	case isConnectivityError(err) || isNetError(err) || neo4j.IsRetryable(err):
		return domain.Unavailable(err)
	}
	var pe *neo4j.TransactionExecutionLimit
	if errors.As(err, &pe) {
		return domain.Unavailable(err)
	}
	return err
}

// isConnectivityError looks for the driver's connectivity error anywhere in
// err's chain: a query's error comes back wrapped with the operation
// ("create service x: ConnectivityError: EOF"), and the driver's own
// IsConnectivityError looks at the outermost error only.
func isConnectivityError(err error) bool {
	var ce *neo4j.ConnectivityError
	return errors.As(err, &ce)
}

func isNetError(err error) bool {
	var ne net.Error
	return errors.As(err, &ne)
}
