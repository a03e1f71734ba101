package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/coopgraph/coopgraph/graph"
	"github.com/coopgraph/coopgraph/graph/generated"
	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/loader"
	"github.com/coopgraph/coopgraph/internal/logging"
	"github.com/coopgraph/coopgraph/internal/metrics"
	"github.com/coopgraph/coopgraph/internal/network"
	"github.com/coopgraph/coopgraph/internal/store"
	"github.com/coopgraph/coopgraph/web"
)

// Options configure the handler.
type Options struct {
	Store          *store.Store
	Logger         *slog.Logger
	RequestTimeout time.Duration
	MaxBodyBytes   int64
	// MaxUploadBytes limits multipart requests (importGraph uploads).
	MaxUploadBytes int64
	// MaxDepth and MaxComplexity limit queries (see limits).
	MaxDepth, MaxComplexity int
	// CORSOrigins may call the API from a browser page ("*": any).
	CORSOrigins []string
	// Batched reads relationship fields per level instead of compiling
	// each root field into one statement (graph.Resolver.Batched): for
	// tests and benchmarks that compare the two.
	Batched bool
	// Metrics, when set, records every request and is served at /metrics
	// (unless MetricsElsewhere: the server serves it on its own address).
	Metrics          *metrics.Metrics
	MetricsElsewhere bool
	// RateLimit is the requests a second each identity may make on
	// average, RateBurst how many at once; 0 turns the limit off.
	RateLimit float64
	RateBurst int
	// Auth, when set, authenticates every GraphQL request; without it every
	// request may do everything (tests, and nothing else: the server always
	// sets it).
	Auth *auth.Authenticator
	// Production turns introspection and GraphiQL off.
	Production bool
	// PersistedQueries, when set, is the allow-list: only these operations
	// (by the hex SHA-256 of their text) run. Nil: any query runs, and
	// clients may use automatic persisted queries.
	PersistedQueries map[string]string
	// Introspection in production: "authenticated" lets every identity
	// that is not anonymous introspect the schema (client generators need
	// it); "" or "off" lets nobody.
	Introspection string
	// Ready, when set, must also be true for /readyz to answer 200 (the
	// server warms its heavy queries first); nil: ready once Neo4j answers.
	Ready func() bool
}

// Per-request bounds that are not settings.
const (
	// requestSlots is how many Cypher queries one request runs at once:
	// gqlgen resolves root fields all at once, and 300 aliases must not
	// take the driver's whole pool from everyone else.
	requestSlots = 4
	// analysesPerIdentity is how many analyses one identity runs at once,
	// across its requests; the others wait, within their deadline.
	analysesPerIdentity = 2
	// lookupRate and lookupBurst bound per address the API-key lookups
	// (keys not in the cache), before the database is asked: 1,000 random
	// keys cost 20 lookups, then 429s.
	lookupRate  = 5
	lookupBurst = 20
)

// New returns the HTTP handler of the whole API.
func New(o Options) http.Handler {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	// Every line of a request carries its id, whichever logger the caller
	// gave (tests give their own).
	o.Logger = logging.New(o.Logger.Handler())
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = 30 * time.Second
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = 1 << 20
	}
	if o.MaxUploadBytes <= 0 {
		o.MaxUploadBytes = 64 << 20
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = 12
	}
	if o.MaxComplexity <= 0 {
		o.MaxComplexity = 500000
	}
	// One cache of network projections for GraphQL and the network files.
	networks := network.NewNetworks(o.Store, network.NewCache(time.Minute, 32))
	a := &api{opts: o, log: o.Logger, networks: networks,
		resolver: &graph.Resolver{Store: o.Store, Networks: networks, Batched: o.Batched},
		lookups:  newRateLimiter(lookupRate, lookupBurst), analyses: newSlots(analysesPerIdentity)}

	mux := http.NewServeMux()
	if o.RateLimit > 0 {
		a.limiter = newRateLimiter(o.RateLimit, max(o.RateBurst, 1))
	}
	mux.Handle("/graphql", a.middleware(a.guard(a.graphql())))
	mux.Handle("GET /export/matrix.csv", a.middleware(http.HandlerFunc(a.matrixCSV)))
	mux.Handle("GET /export/network.graphml", a.middleware(a.networkFile("graphml")))
	mux.Handle("GET /export/network.gexf", a.middleware(a.networkFile("gexf")))
	// The web app at every other path; GraphiQL (development) at /graphiql.
	mux.Handle("/", web.Handler())
	if !o.Production {
		mux.Handle(web.GraphiQLPath, web.GraphiQL())
		mux.Handle(web.GraphiQLPath+"/", web.GraphiQL())
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", a.ready)
	if o.Metrics != nil && !o.MetricsElsewhere {
		mux.Handle("GET /metrics", o.Metrics.Handler())
	}
	return withRequestID(secure(cors(o.CORSOrigins, mux)))
}

type api struct {
	opts     Options
	resolver *graph.Resolver
	networks *network.Networks // the network files
	log      *slog.Logger
	limiter  *rateLimiter
	lookups  *rateLimiter // API-key lookups per address
	analyses *slots       // analyses running per identity
	limits   *limits
}

func (a *api) graphql() http.Handler {
	srv := handler.New(generated.NewExecutableSchema(generated.Config{Resolvers: a.resolver}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	// Uploads of importGraph; files above 32 MiB go to a temporary file.
	srv.AddTransport(transport.MultipartForm{MaxUploadSize: a.opts.MaxUploadBytes, MaxMemory: 32 << 20})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	if a.opts.PersistedQueries != nil {
		srv.Use(allowList{queries: a.opts.PersistedQueries})
	} else {
		srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	}
	// After the persisted queries, which fill in the text it measures.
	a.limits = &limits{maxDepth: a.opts.MaxDepth, maxComplexity: a.opts.MaxComplexity, maxQueryBytes: int(a.opts.MaxBodyBytes),
		production: a.opts.Production, introspection: a.opts.Introspection, limiter: a.limiter}
	srv.Use(a.limits)
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		if err := mayRun(ctx); err != nil {
			return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{a.presentError(ctx, err)}})
		}
		ctx, done := traceOperation(ctx)
		if info := infoFrom(ctx); info != nil {
			oc := graphql.GetOperationContext(ctx)
			info.mu.Lock()
			info.dispatched = true
			info.operation = oc.OperationName
			if oc.Operation != nil {
				if info.operation == "" {
					info.operation = oc.Operation.Name
				}
				info.kind = string(oc.Operation.Operation)
			}
			info.mu.Unlock()
		}
		rh := next(ctx)
		return func(ctx context.Context) *graphql.Response {
			resp := rh(ctx)
			done(resp)
			return resp
		}
	})
	srv.AroundResponses(func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		resp := next(ctx)
		// Hand back the bookmark of the state this request saw or wrote; a
		// later request that sends it reads at least that (see
		// store.WithBookmarks).
		if info := infoFrom(ctx); info != nil && info.bookmarks != nil && resp != nil {
			if bms := info.bookmarks.Latest(ctx); len(bms) > 0 {
				info.w.Header().Set(bookmarkHeader, strings.Join(bms, ","))
				if resp.Extensions == nil {
					resp.Extensions = map[string]any{}
				}
				resp.Extensions["bookmark"] = strings.Join(bms, ",")
			}
		}
		return resp
	})
	srv.AroundRootFields(a.limitAnalyses)
	// Compiled root fields answer with their directly rendered JSON.
	srv.AroundRootFields(graph.RenderRoot)
	srv.SetErrorPresenter(a.presentError)
	srv.SetRecoverFunc(func(ctx context.Context, p any) error {
		a.log.ErrorContext(ctx, "panic in resolver", "panic", p)
		return &domain.Error{Code: domain.CodeInternal, Message: "internal error"}
	})
	return srv
}

// presentError is the one place where errors get their GraphQL shape.
func (a *api) presentError(ctx context.Context, err error) *gqlerror.Error {
	gerr := graphql.DefaultErrorPresenter(ctx, err)
	if gerr.Extensions == nil {
		gerr.Extensions = map[string]any{}
	}
	var derr *domain.Error
	var problems domain.Problems
	switch {
	case errors.Is(err, context.Canceled) && !errors.Is(ctx.Err(), context.DeadlineExceeded):
		// The client went away: nobody reads this answer, and it is not a
		// fault of the server, so it is not logged as one.
		gerr.Message = "the request was cancelled by the client"
		gerr.Extensions["code"] = domain.CodeTimeout
	case errors.As(err, &problems):
		// Every problem of the input, each with its field path.
		list := make([]map[string]any, len(problems))
		for i, p := range problems {
			list[i] = map[string]any{"field": p.Field, "message": p.Message}
		}
		gerr.Message = fmt.Sprintf("the input has %d problem(s): %s", len(problems), problems.Error())
		gerr.Extensions["code"] = domain.CodeBadUserInput
		gerr.Extensions["problems"] = list
		if len(problems) > 0 {
			gerr.Extensions["field"] = problems[0].Field
		}
	case errors.As(err, &derr):
		field := derr.Field
		if field == "" && derr.Code == domain.CodeBadUserInput && len(gerr.Path) > 0 {
			// A scalar's unmarshaler does not know its argument; the path does.
			field = gerr.Path.String()
		}
		gerr.Message = derr.Message
		if field != "" {
			gerr.Message = field + ": " + derr.Message
			gerr.Extensions["field"] = field
		}
		gerr.Extensions["code"] = derr.Code
		if derr.Code == domain.CodeBadUserInput {
			// The same shape as a validation failure: a list of problems.
			gerr.Extensions["problems"] = []map[string]any{{"field": field, "message": derr.Message}}
		}
		for k, v := range derr.Details {
			gerr.Extensions[k] = v
		}
		if derr.Code == domain.CodeInternal || derr.Code == domain.CodeUnavailable || derr.Code == domain.CodeTimeout {
			a.log.ErrorContext(ctx, "request failed", "code", derr.Code, "error", err)
		}
	case gerr.Extensions["code"] == domain.CodeTooComplex || gerr.Extensions["code"] == domain.CodeForbidden:
		// Refused by the query limits or the allow-list before anything ran.
	case len(gerr.Path) == 0 && infoFrom(ctx) != nil && infoFrom(ctx).tooLarge():
		// The body was cut at its limit: whatever gqlgen made of the rest.
		gerr.Message = tooLarge(nil).Error()
		gerr.Extensions["code"] = domain.CodePayloadTooLarge
	case strings.HasPrefix(gerr.Message, "json request body could not be decoded"):
		// gqlgen's message quotes the whole body back: not ours to echo.
		gerr.Message = "the body is not a GraphQL request: send one JSON object with a query (a batch, a JSON array, is not supported)"
		gerr.Extensions["code"] = domain.CodeBadUserInput
	case gerr.Extensions["code"] == "PERSISTED_QUERY_NOT_FOUND":
		// Automatic persisted queries: the client is to send the text. The
		// message stays "PersistedQueryNotFound", which clients look for.
		gerr.Extensions["code"] = domain.CodeBadUserInput
	case gerr.Extensions["code"] == "GRAPHQL_VALIDATION_FAILED" || gerr.Extensions["code"] == "GRAPHQL_PARSE_FAILED":
		// The query or its variables do not fit the schema (an unknown enum
		// value, a wrong type, a missing argument): the message names the
		// argument, and it is the client's input that is wrong.
		gerr.Extensions["code"] = domain.CodeBadUserInput
		if a.limits != nil && !a.limits.mayIntrospect(ctx) {
			// Suggestions name fields the client did not write: with
			// introspection off they would be a way around it.
			gerr.Message = didYouMean.ReplaceAllString(gerr.Message, "")
		}
	case len(gerr.Path) == 0 && gerr.Extensions["code"] == nil && errors.Unwrap(err) == nil:
		// gqlgen's own complaint about the request itself, before any
		// resolver: a body that is not JSON, no query, a bad upload.
		gerr.Extensions["code"] = domain.CodeBadUserInput
	default:
		a.log.ErrorContext(ctx, "internal error", "error", err)
		gerr.Message = "internal error"
		gerr.Extensions["code"] = domain.CodeInternal
	}
	gerr.Extensions["requestId"] = requestID(ctx)
	if info := infoFrom(ctx); info != nil {
		info.mu.Lock()
		info.codes = append(info.codes, gerr.Extensions["code"].(string))
		info.mu.Unlock()
	}
	return gerr
}

// ready answers 200 when Neo4j answers a query, 503 otherwise.
func (a *api) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if a.opts.Ready != nil && !a.opts.Ready() {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("warming up the heavy queries\n"))
		return
	}
	if err := a.opts.Store.Ping(ctx); err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("neo4j unavailable\n"))
		return
	}
	_, _ = w.Write([]byte("ok\n"))
}

// requestInfo gathers what the request's log line reports.
type requestInfo struct {
	mu        sync.Mutex
	id        string
	operation string // the operation's name, empty when anonymous
	kind      string // query, mutation
	codes     []string
	bookmarks *store.Bookmarks
	w         http.ResponseWriter
	// limitKey is the identity's rate-limit bucket; points what the
	// request was charged.
	limitKey string
	points   int
	// multipart: the request is an upload; overLimit: its body was cut at
	// the limit; dispatched: the operation started (past the limits).
	multipart, overLimit, dispatched bool
}

// presented reports whether an error has been through the presenter, and
// whether the operation had started then.
func (i *requestInfo) presented() (bool, bool) {
	if i == nil {
		return false, false
	}
	i.mu.Lock()
	defer i.mu.Unlock()
	return len(i.codes) > 0, i.dispatched
}

func (i *requestInfo) firstCode() string {
	i.mu.Lock()
	defer i.mu.Unlock()
	if len(i.codes) == 0 {
		return ""
	}
	return i.codes[0]
}

func (i *requestInfo) tooLarge() bool {
	if i == nil {
		return false
	}
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.overLimit
}

type infoKey struct{}

func infoFrom(ctx context.Context) *requestInfo {
	info, _ := ctx.Value(infoKey{}).(*requestInfo)
	return info
}

func requestID(ctx context.Context) string { return logging.RequestID(ctx) }

var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// didYouMean is the suggestion gqlparser appends to unknown names.
var didYouMean = regexp.MustCompile(`\s*Did you mean [^?]*\?`)

// withRequestID gives every request an id, its own when it sends a valid
// one, in X-Request-Id of every response (every endpoint) and in the
// context for the log lines and errors.
func withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if !validRequestID.MatchString(id) {
			var b [8]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		w.Header().Set("X-Request-Id", id)
		ctx := logging.WithRequestID(r.Context(), id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(ctx, infoKey{}, &requestInfo{id: id, w: w})))
	})
}

// bookmarkHeader carries Neo4j bookmarks both ways (comma-separated).
const bookmarkHeader = "X-Coopgraph-Bookmark"

// bookmarksOf reads the bookmarks a client sent.
func bookmarksOf(r *http.Request) []string {
	var out []string
	for _, v := range r.Header.Values(bookmarkHeader) {
		for _, b := range strings.Split(v, ",") {
			if b = strings.TrimSpace(b); b != "" && len(b) <= 1024 {
				out = append(out, b)
			}
		}
	}
	return out
}

// middleware wraps the GraphQL handler and the exports: identity, rate
// limit, body limit, deadline, per-request field loader, Cypher counter and
// slots, one log line. Everything that refuses a request here runs before
// any Cypher, but for the lookup of an API key not yet cached (limited per
// address first).
func (a *api) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ctx := r.Context()
		info := infoFrom(ctx)
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		defer func() { a.logRequest(ctx, info, sw.status, start) }()

		key := identity(r)
		if a.opts.Auth != nil {
			if a.opts.Auth.NeedsLookup(r) {
				if ok, wait := a.lookups.allow(key); !ok {
					a.refuse(sw, ctx, rateLimited(info, wait, 1, lookupBurst))
					return
				}
			}
			who, err := a.opts.Auth.Identify(r.WithContext(ctx))
			if err != nil {
				a.refuse(sw, ctx, err)
				return
			}
			ctx, key = auth.With(ctx, who), "sub:"+who.Subject
		}
		info.limitKey = key
		if a.limiter != nil {
			// One point at the door; the rest of the request's cost once it
			// is measured (limits), so a refused request costs one.
			if ok, wait := a.limiter.allow(key); !ok {
				a.refuse(sw, ctx, rateLimited(info, wait, 1, a.limiter.burst))
				return
			}
		}
		limit := a.opts.MaxBodyBytes
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			// Uploads are for importGraph, and only for who may import: the
			// role is checked before a byte of the body is read.
			if who, ok := auth.From(ctx); ok && !who.Role.AtLeast(leastRole("Mutation", "importGraph")) {
				a.refuse(sw, ctx, &domain.Error{Code: domain.CodeForbidden, Field: "importGraph",
					Message: fmt.Sprintf("a multipart request is an importGraph upload, which takes the %s role or above; %s sends queries as JSON",
						leastRole("Mutation", "importGraph"), who.Role.Article())})
				return
			}
			info.multipart = true
			limit = a.opts.MaxUploadBytes
		}
		if r.ContentLength > limit {
			a.refuse(sw, ctx, tooLarge(info))
			return
		}
		r.Body = limitedBody{http.MaxBytesReader(w, r.Body, limit), info}

		ctx, cancel := context.WithTimeout(ctx, a.opts.RequestTimeout)
		defer cancel()
		ctx = loader.With(ctx, loader.New())
		ctx = store.CountQueries(ctx)
		ctx = store.LimitConcurrency(ctx, requestSlots)
		if a.opts.Store != nil {
			ctx, info.bookmarks = a.opts.Store.WithBookmarks(ctx, bookmarksOf(r))
		}
		info.w = sw
		next.ServeHTTP(sw, r.WithContext(ctx))
	})
}

// logRequest writes the request's log line and metrics, refused requests
// included (a 401 is worth seeing).
func (a *api) logRequest(ctx context.Context, info *requestInfo, status int, start time.Time) {
	info.mu.Lock()
	defer info.mu.Unlock()
	if a.opts.Metrics != nil {
		a.opts.Metrics.Request(info.operation, status, time.Since(start), info.codes)
	}
	a.log.LogAttrs(ctx, slog.LevelInfo, "graphql",
		slog.String("operation", info.operation),
		slog.String("kind", info.kind),
		slog.Int("status", status),
		slog.Duration("duration", time.Since(start)),
		slog.Int64("cypher_queries", store.QueryCount(ctx)),
		slog.Int("points", info.points),
		slog.Any("error_codes", info.codes))
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// tracer makes the spans of GraphQL operations (a no-op unless tracing is
// on); the store's Cypher spans are their children.
var tracer = otel.Tracer("github.com/coopgraph/coopgraph/internal/api")

// traceOperation starts the span of the operation of ctx; done ends it with
// the response's first error code, if any.
func traceOperation(ctx context.Context) (context.Context, func(*graphql.Response)) {
	oc := graphql.GetOperationContext(ctx)
	name, kind := oc.OperationName, "query"
	if oc.Operation != nil {
		kind = string(oc.Operation.Operation)
		if name == "" {
			name = oc.Operation.Name
		}
	}
	ctx, span := tracer.Start(ctx, "graphql "+kind+" "+name, trace.WithAttributes(
		attribute.String("graphql.operation.type", kind), attribute.String("graphql.operation.name", name),
		attribute.String("coopgraph.request_id", requestID(ctx))))
	return ctx, func(resp *graphql.Response) {
		if resp != nil && len(resp.Errors) > 0 {
			code, _ := resp.Errors[0].Extensions["code"].(string)
			span.SetStatus(codes.Error, code)
		}
		span.End()
	}
}

// refuse answers a request that may not run at all (UNAUTHENTICATED,
// RATE_LIMITED) with the error in GraphQL's shape and the matching status.
func (a *api) refuse(w http.ResponseWriter, ctx context.Context, err error) {
	gerr := a.presentError(ctx, err)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(httpStatus(gerr.Extensions["code"]))
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []*gqlerror.Error{gerr}})
}

// statusOf is the HTTP status of a request refused outright with a code
// (GraphQL answers that ran say 200 and carry their errors in the body).
var statusOf = map[any]int{
	domain.CodeBadUserInput:    http.StatusBadRequest,
	domain.CodeTooComplex:      http.StatusBadRequest,
	domain.CodeUnauthenticated: http.StatusUnauthorized,
	domain.CodeForbidden:       http.StatusForbidden,
	domain.CodeNotFound:        http.StatusNotFound,
	domain.CodeConflict:        http.StatusConflict,
	domain.CodePayloadTooLarge: http.StatusRequestEntityTooLarge,
	domain.CodeRateLimited:     http.StatusTooManyRequests,
	domain.CodeUnavailable:     http.StatusServiceUnavailable,
	domain.CodeTimeout:         http.StatusGatewayTimeout,
}

// httpStatus is statusOf[code], 500 for INTERNAL and anything unknown.
func httpStatus(code any) int {
	if s, ok := statusOf[code]; ok {
		return s
	}
	return http.StatusInternalServerError
}
