// Command coopgraph serves the cooperation graph of social and health
// services over GraphQL, from Neo4j.
//
//	coopgraph [serve] [-demo]   migrate, optionally load the demo data, serve HTTP
//	coopgraph migrate           apply the database migrations and exit
//	coopgraph seed -demo        load the demo dataset (idempotent) and exit
//	coopgraph import FILE...    import an interchange document, CSV lists or HSDS data
//	coopgraph apikey create -name N -role R | list | revoke ID
//	coopgraph export [-format F] [-o FILE]
//	                            export the graph (JSON document) or one CSV list
//
// Settings come from the environment, flags override them: see README.md or
// `coopgraph -h`.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/coopgraph/coopgraph/internal/api"
	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/cli"
	"github.com/coopgraph/coopgraph/internal/config"
	"github.com/coopgraph/coopgraph/internal/demo"
	"github.com/coopgraph/coopgraph/internal/logging"
	"github.com/coopgraph/coopgraph/internal/metrics"
	"github.com/coopgraph/coopgraph/internal/store"
	"github.com/coopgraph/coopgraph/internal/tracing"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "coopgraph:", err)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	began := time.Now()
	cmd := "serve"
	if len(args) > 0 && slices.Contains([]string{"serve", "migrate", "seed", "import", "export", "apikey"}, args[0]) {
		cmd, args = args[0], args[1:]
	}
	var imp *cli.ImportOptions
	var exportFormat, exportOut string
	cfg, rest, err := config.Load(cmd, args, getenv, stderr, func(fs *flag.FlagSet) {
		switch cmd {
		case "import":
			imp = cli.ImportFlags(fs)
		case "export":
			fs.StringVar(&exportFormat, "format", "coopgraph-json", "coopgraph-json, stakeholders-csv, services-csv or needs-csv")
			fs.StringVar(&exportOut, "o", "", "write to this file instead of standard output")
		}
	})
	if err != nil {
		return err
	}
	if len(rest) > 0 && cmd != "import" && cmd != "apikey" {
		return fmt.Errorf("unexpected argument %q (commands: serve, migrate, seed, import, export)", rest[0])
	}
	log := logging.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	slog.SetDefault(log)
	stopTracing, err := tracing.Setup(ctx, cfg.Tracing)
	if err != nil {
		return err
	}
	defer stopTracing(context.Background())

	if cmd == "serve" && !cfg.Development && cfg.JWTSecret == "" && cfg.JWKSURL == "" && !cfg.APIKeys {
		return errors.New("production mode needs authentication: set COOPGRAPH_JWKS_URL, COOPGRAPH_JWT_SECRET or COOPGRAPH_API_KEYS=true " +
			"(or COOPGRAPH_MODE=development to try it on this machine)")
	}
	// Bound before anything slow, so that a busy port is one line at once,
	// not a failure after the migrations and the demo load.
	var ln net.Listener
	if cmd == "serve" {
		if ln, err = listen(cfg.Addr); err != nil {
			return err
		}
		defer ln.Close()
	}
	m := metrics.New()
	st, err := store.Open(store.Config{URI: cfg.Neo4jURI, User: cfg.Neo4jUser, Password: cfg.Neo4jPassword,
		Database: cfg.Neo4jDatabase, QueryTimeout: cfg.RequestTimeout, Logger: log, Observer: m})
	if err != nil {
		return err
	}
	defer st.Close(context.Background())

	// The database may still be starting (in containers started together);
	// make run starts the server only once Neo4j answers.
	step := time.Now()
	waitCtx, cancel := context.WithTimeout(ctx, cfg.Neo4jWait)
	defer cancel()
	if err := st.WaitReady(waitCtx); err != nil {
		return err
	}
	log.Info("neo4j answers", "uri", cfg.Neo4jURI, "took", since(step))
	step = time.Now()
	applied, err := st.Migrate(ctx)
	if err != nil {
		return err
	}
	log.Info("migrations applied", "new", applied, "took", since(step))

	switch cmd {
	case "migrate":
		return nil
	case "seed":
		if !cfg.Demo {
			return errors.New("seed: say what to load: -demo")
		}
		return seedDemo(ctx, st, log)
	case "import":
		return cli.Import(ctx, st, rest, imp, stderr)
	case "apikey":
		return cli.APIKey(ctx, st, rest, os.Stdout, stderr)
	case "export":
		out := os.Stdout
		if exportOut != "" {
			f, err := os.Create(exportOut)
			if err != nil {
				return err
			}
			defer f.Close()
			out = f
		}
		return cli.Export(ctx, st, exportFormat, out, stderr)
	}
	if cfg.Demo {
		empty, err := st.IsEmpty(ctx)
		if err != nil {
			return err
		}
		if empty {
			if err := seedDemo(ctx, st, log); err != nil {
				return err
			}
		}
	}
	return serve(ctx, cfg, ln, st, m, log, began)
}

// since is the time from start, rounded for the startup log lines.
func since(start time.Time) time.Duration { return time.Since(start).Round(time.Millisecond) }

// listen binds the HTTP address; its error names the setting to change.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return nil, fmt.Errorf("COOPGRAPH_ADDR %s is in use (another coopgraph running?): set COOPGRAPH_ADDR to a free address, e.g. COOPGRAPH_ADDR=:8081", addr)
	case err != nil:
		return nil, fmt.Errorf("COOPGRAPH_ADDR %s: cannot listen: %v", addr, err)
	}
	return ln, nil
}

func seedDemo(ctx context.Context, st *store.Store, log *slog.Logger) error {
	doc, err := demo.Document()
	if err != nil {
		return err
	}
	start := time.Now()
	counts, err := st.Write(auth.WithActor(ctx, "system"), doc, store.WriteOptions{})
	if err != nil {
		return fmt.Errorf("load demo dataset: %w", err)
	}
	log.Info("demo dataset loaded", "records", counts.String(), "took", since(start))
	return nil
}

// serve runs the HTTP server on ln until ctx ends, then drains in-flight
// requests. /readyz says not ready until the heavy queries are warmed.
func serve(ctx context.Context, cfg config.Config, ln net.Listener, st *store.Store, m *metrics.Metrics, log *slog.Logger, began time.Time) error {
	ac := auth.Config{JWTSecret: []byte(cfg.JWTSecret), Issuer: cfg.JWTIssuer, Audience: cfg.JWTAudience,
		Development: cfg.Development, PublicRead: cfg.PublicRead}
	if cfg.APIKeys {
		ac.Keys = st
	}
	var persisted map[string]string
	if cfg.PersistedQueries != "" {
		var err error
		if persisted, err = api.LoadPersistedQueries(cfg.PersistedQueries); err != nil {
			return err
		}
		log.Info("allow-list mode: only registered operations run", "operations", len(persisted))
	}
	if cfg.JWKSURL != "" {
		jwks, err := auth.NewJWKS(ctx, cfg.JWKSURL)
		if err != nil {
			return err
		}
		ac.JWKS = jwks
	}
	if cfg.Development {
		log.Warn("development mode: anonymous requests from this machine act as ADMIN; GraphiQL (/graphiql) and introspection are on")
	}
	var warmed atomic.Bool
	srv := &http.Server{
		Addr: cfg.Addr,
		Handler: api.New(api.Options{Store: st, Logger: log,
			RequestTimeout: cfg.RequestTimeout, MaxBodyBytes: cfg.MaxBodyBytes, MaxUploadBytes: cfg.MaxUploadBytes,
			MaxDepth: cfg.MaxDepth, MaxComplexity: cfg.MaxComplexity, CORSOrigins: cfg.CORSOrigins,
			Metrics: m, MetricsElsewhere: cfg.MetricsAddr != "",
			RateLimit: cfg.RateLimit, RateBurst: cfg.RateBurst, Auth: auth.New(ac), Production: !cfg.Development,
			PersistedQueries: persisted, Introspection: cfg.Introspection, Ready: warmed.Load}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      cfg.RequestTimeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	warmCtx, stopWarm := context.WithTimeout(ctx, 2*time.Minute)
	defer stopWarm()
	warmDone := make(chan struct{})
	go func() {
		defer close(warmDone)
		defer warmed.Store(true) // a failed warm-up only leaves the plans cold
		w, err := st.Warm(warmCtx)
		switch {
		case err != nil && warmCtx.Err() == nil:
			log.Warn("warm-up of the heavy queries failed; the first ones will be slow", "err", err, "took", w.Duration.Round(time.Millisecond))
		case err != nil:
		case w.Skipped != "":
			log.Info("warm-up skipped", "why", w.Skipped)
		default:
			log.Info("heavy queries warmed (matrix, service gaps, referral paths); /readyz says ready",
				"queries", w.Queries, "took", w.Duration.Round(time.Millisecond))
		}
	}()
	defer func() { stopWarm(); <-warmDone }()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	port := displayPort(ln.Addr().String())
	if cfg.MetricsAddr != "" {
		if err := serveMetrics(ctx, cfg.MetricsAddr, m, log); err != nil {
			return err
		}
	}
	urls := []any{"app", "http://localhost" + port + "/", "graphql", "http://localhost" + port + "/graphql"}
	if cfg.Development {
		urls = append(urls, "graphiql", "http://localhost"+port+"/graphiql")
	}
	log.Info("serving GraphQL", append(urls, "startup", since(began))...)

	select {
	case err := <-errc:
		return fmt.Errorf("http server: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: draining requests")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.RequestTimeout+5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

func displayPort(addr string) string {
	for i := len(addr) - 1; i >= 0; i-- {
		if addr[i] == ':' {
			return addr[i:]
		}
	}
	return addr
}

// serveMetrics serves /metrics alone on addr until ctx ends, so that the
// public port need not expose it.
func serveMetrics(ctx context.Context, addr string, m *metrics.Metrics, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("COOPGRAPH_METRICS_ADDR %s: %w (set another address)", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	go func() { <-ctx.Done(); _ = srv.Close() }()
	log.Info("serving metrics", "url", "http://"+ln.Addr().String()+"/metrics")
	return nil
}
