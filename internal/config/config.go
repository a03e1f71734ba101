// Package config reads coopgraph's settings from the environment, with
// command-line flags overriding them, and checks them once at start so that
// a wrong setting is one clear line, not a failure deep in a request.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Config is every setting of the server and the CLI.
type Config struct {
	Neo4jURI      string
	Neo4jUser     string
	Neo4jPassword string
	Neo4jDatabase string
	// Neo4jWait is how long the server waits at start for Neo4j to answer.
	Neo4jWait      time.Duration
	Addr           string
	LogLevel       slog.Level
	RequestTimeout time.Duration
	MaxBodyBytes   int64
	MaxUploadBytes int64
	MaxDepth       int
	MaxComplexity  int
	CORSOrigins    []string
	RateLimit      float64
	RateBurst      int
	Tracing        string
	// Introspection in production: "off", or "authenticated" (every
	// identity that is not anonymous may introspect).
	Introspection string
	// MetricsAddr, when set, serves /metrics on this address only, not on
	// Addr (keep it off the public port).
	MetricsAddr string
	// Development: anonymous local requests act as ADMIN, GraphiQL and
	// introspection are on. Production (the default) needs authentication.
	Development bool
	JWTSecret   string
	JWTIssuer   string
	JWTAudience string
	JWKSURL     string
	// PersistedQueries is the allow-list file; empty: any query runs.
	PersistedQueries string
	APIKeys          bool
	PublicRead       bool
	// Demo loads the demo dataset when the database is empty (serve only).
	Demo bool
}

// Setting documents one environment variable; README's table lists them.
type Setting struct {
	Env, Flag, Default, Usage string
}

// secrets are the settings whose values are never printed: -h shows
// "(set)" instead of the environment's value, which is otherwise shown as
// the flag's default.
var secrets = map[string]bool{"NEO4J_PASSWORD": true, "COOPGRAPH_JWT_SECRET": true}

// Secret reports whether the setting's value must never be printed.
func (s Setting) Secret() bool { return secrets[s.Env] }

// Settings in the order README lists them.
var Settings = []Setting{
	{"NEO4J_URI", "neo4j-uri", "", "Neo4j address: bolt://host:7687, neo4j://host (routing, cluster) or neo4j+s://xxx.databases.neo4j.io (Aura). Required; make run sets it to the local Neo4j."},
	{"NEO4J_USER", "neo4j-user", "neo4j", "Neo4j user; empty for a server without authentication."},
	{"NEO4J_PASSWORD", "neo4j-password", "", "Neo4j password."},
	{"NEO4J_DATABASE", "neo4j-database", "", "Database name; empty for the server's default database."},
	{"NEO4J_WAIT", "neo4j-wait", "5s", "How long to wait at start for Neo4j to answer before giving up; raise it when Neo4j starts together with coopgraph (e.g. in containers)."},
	{"COOPGRAPH_ADDR", "addr", ":8080", "Address the HTTP server listens on."},
	{"COOPGRAPH_LOG_LEVEL", "log-level", "info", "Log level: debug, info, warn or error."},
	{"COOPGRAPH_REQUEST_TIMEOUT", "request-timeout", "30s", "Longest a GraphQL request may take; its Cypher queries are stopped at this deadline."},
	{"COOPGRAPH_MAX_BODY_BYTES", "max-body-bytes", "1048576", "Largest request body accepted, in bytes."},
	{"COOPGRAPH_MAX_UPLOAD_BYTES", "max-upload-bytes", "67108864", "Largest multipart request (importGraph upload) accepted, in bytes."},
	{"COOPGRAPH_MAX_DEPTH", "max-depth", "12", "Deepest nesting of fields a query may have."},
	{"COOPGRAPH_MAX_COMPLEXITY", "max-complexity", "500000", "Highest complexity a query may have: a field costs 1, a list its page size times what it selects."},
	{"COOPGRAPH_RATE_LIMIT", "rate-limit", "50", "Points a second each client may spend on average (a request costs one per root field plus one per thousand of complexity); 0 for no limit."},
	{"COOPGRAPH_RATE_BURST", "rate-burst", "100", "Points a client may spend at once; a request costing more is refused."},
	{"COOPGRAPH_MODE", "mode", "production", "production (authentication required, no GraphiQL or introspection) or development (anonymous requests from this machine act as ADMIN; make run uses it)."},
	{"COOPGRAPH_JWT_SECRET", "jwt-secret", "", "Shared secret (at least 32 bytes) verifying HS256 bearer tokens; tokens carry sub, exp, coopgraph_role and, for coordinators, coopgraph_stakeholder."},
	{"COOPGRAPH_PERSISTED_QUERIES", "persisted-queries", "", "Allow-list mode: a JSON file of the only operations that run (an array of query texts, or an object from each text's hex SHA-256 to the text); clients send the text or just extensions.persistedQuery.sha256Hash."},
	{"COOPGRAPH_JWKS_URL", "jwks-url", "", "JWKS URL of an OIDC identity provider (e.g. https://id.example.org/.well-known/jwks.json): bearer tokens it signs (RS256, ES256, EdDSA...) are accepted; set COOPGRAPH_JWT_ISSUER and COOPGRAPH_JWT_AUDIENCE with it."},
	{"COOPGRAPH_JWT_ISSUER", "jwt-issuer", "", "Required iss of bearer tokens, when set."},
	{"COOPGRAPH_JWT_AUDIENCE", "jwt-audience", "", "Required aud of bearer tokens, when set."},
	{"COOPGRAPH_API_KEYS", "api-keys", "false", "true: accept API keys (Authorization: Bearer cgk_...), made with coopgraph apikey create."},
	{"COOPGRAPH_PUBLIC_READ", "public-read", "false", "true: anonymous requests may read, as VIEWER."},
	{"COOPGRAPH_TRACING", "tracing", "off", "OpenTelemetry tracing: off, or otlp (to OTEL_EXPORTER_OTLP_ENDPOINT, default http://localhost:4318)."},
	{"COOPGRAPH_INTROSPECTION", "introspection", "off", "Introspection in production mode: off, or authenticated (signed-in clients may introspect the schema, as client generators need); development mode always allows it."},
	{"COOPGRAPH_METRICS_ADDR", "metrics-addr", "", "When set (e.g. 127.0.0.1:9090), /metrics is served on this address only instead of the public one."},
	{"COOPGRAPH_CORS_ORIGINS", "cors-origins", "", "Origins whose browser pages may call the API, comma-separated (e.g. https://dashboard.example.org); * for any; empty for none."},
}

// Load reads the environment through getenv and then the flags in args.
// Command-specific flags are added by extra before parsing.
func Load(name string, args []string, getenv func(string) string, stderr io.Writer, extra func(*flag.FlagSet)) (Config, []string, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	vals := map[string]*string{}
	fromEnv := map[string]string{} // secrets' environment values, kept out of the flags' defaults
	for _, s := range Settings {
		def := getenv(s.Env)
		usage := s.Usage + " (env " + s.Env + ")"
		if s.Secret() && def != "" {
			fromEnv[s.Flag], usage, def = def, usage+" (set)", ""
		}
		if def == "" {
			def = s.Default
		}
		vals[s.Env] = fs.String(s.Flag, def, usage)
	}
	var cfg Config
	if extra != nil {
		extra(fs)
	}
	fs.BoolVar(&cfg.Demo, "demo", false, "load the demo dataset when the database is empty")
	if err := fs.Parse(args); err != nil {
		return cfg, nil, err
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	for _, s := range Settings {
		if v, ok := fromEnv[s.Flag]; ok && !given[s.Flag] {
			*vals[s.Env] = v
		}
	}
	cfg.Neo4jURI = *vals["NEO4J_URI"]
	cfg.Neo4jUser = *vals["NEO4J_USER"]
	cfg.Neo4jPassword = *vals["NEO4J_PASSWORD"]
	cfg.Neo4jDatabase = *vals["NEO4J_DATABASE"]
	cfg.Addr = *vals["COOPGRAPH_ADDR"]
	var errs []error
	if err := checkURI(cfg.Neo4jURI); err != nil {
		errs = append(errs, err)
	}
	if _, _, err := net.SplitHostPort(cfg.Addr); err != nil {
		errs = append(errs, fmt.Errorf("COOPGRAPH_ADDR %q is not host:port (e.g. :8080)", cfg.Addr))
	}
	if err := cfg.LogLevel.UnmarshalText([]byte(*vals["COOPGRAPH_LOG_LEVEL"])); err != nil {
		errs = append(errs, fmt.Errorf("COOPGRAPH_LOG_LEVEL %q is not one of debug, info, warn, error", *vals["COOPGRAPH_LOG_LEVEL"]))
	}
	d, err := time.ParseDuration(*vals["COOPGRAPH_REQUEST_TIMEOUT"])
	if err != nil || d <= 0 {
		errs = append(errs, fmt.Errorf("COOPGRAPH_REQUEST_TIMEOUT %q is not a positive duration (e.g. 30s)", *vals["COOPGRAPH_REQUEST_TIMEOUT"]))
	}
	cfg.RequestTimeout = d
	if cfg.Neo4jWait, err = time.ParseDuration(*vals["NEO4J_WAIT"]); err != nil || cfg.Neo4jWait <= 0 {
		errs = append(errs, fmt.Errorf("NEO4J_WAIT %q is not a positive duration (e.g. 5s)", *vals["NEO4J_WAIT"]))
	}
	n, err := strconv.ParseInt(*vals["COOPGRAPH_MAX_BODY_BYTES"], 10, 64)
	if err != nil || n < 1024 {
		errs = append(errs, fmt.Errorf("COOPGRAPH_MAX_BODY_BYTES %q is not a number of bytes of at least 1024", *vals["COOPGRAPH_MAX_BODY_BYTES"]))
	}
	cfg.MaxBodyBytes = n
	n, err = strconv.ParseInt(*vals["COOPGRAPH_MAX_UPLOAD_BYTES"], 10, 64)
	if err != nil || n < 1024 {
		errs = append(errs, fmt.Errorf("COOPGRAPH_MAX_UPLOAD_BYTES %q is not a number of bytes of at least 1024", *vals["COOPGRAPH_MAX_UPLOAD_BYTES"]))
	}
	cfg.MaxUploadBytes = n
	for _, lim := range []struct {
		env string
		dst *int
	}{{"COOPGRAPH_MAX_DEPTH", &cfg.MaxDepth}, {"COOPGRAPH_MAX_COMPLEXITY", &cfg.MaxComplexity}} {
		v, err := strconv.Atoi(*vals[lim.env])
		if err != nil || v < 1 {
			errs = append(errs, fmt.Errorf("%s %q is not a positive whole number", lim.env, *vals[lim.env]))
		}
		*lim.dst = v
	}
	if cfg.RateLimit, err = strconv.ParseFloat(*vals["COOPGRAPH_RATE_LIMIT"], 64); err != nil || cfg.RateLimit < 0 {
		errs = append(errs, fmt.Errorf("COOPGRAPH_RATE_LIMIT %q is not a number of requests a second (0 for none)", *vals["COOPGRAPH_RATE_LIMIT"]))
	}
	if cfg.RateBurst, err = strconv.Atoi(*vals["COOPGRAPH_RATE_BURST"]); err != nil || cfg.RateBurst < 1 {
		errs = append(errs, fmt.Errorf("COOPGRAPH_RATE_BURST %q is not a positive whole number", *vals["COOPGRAPH_RATE_BURST"]))
	}
	switch *vals["COOPGRAPH_MODE"] {
	case "production":
	case "development":
		cfg.Development = true
	default:
		errs = append(errs, fmt.Errorf("COOPGRAPH_MODE %q is not production or development", *vals["COOPGRAPH_MODE"]))
	}
	cfg.JWTSecret, cfg.JWTIssuer, cfg.JWTAudience = *vals["COOPGRAPH_JWT_SECRET"], *vals["COOPGRAPH_JWT_ISSUER"], *vals["COOPGRAPH_JWT_AUDIENCE"]
	cfg.JWKSURL = *vals["COOPGRAPH_JWKS_URL"]
	cfg.PersistedQueries = *vals["COOPGRAPH_PERSISTED_QUERIES"]
	if u, err := url.Parse(cfg.JWKSURL); cfg.JWKSURL != "" && (err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "") {
		errs = append(errs, fmt.Errorf("COOPGRAPH_JWKS_URL %q is not an http(s) URL", cfg.JWKSURL))
	}
	if cfg.JWTSecret != "" && len(cfg.JWTSecret) < 32 {
		errs = append(errs, errors.New("COOPGRAPH_JWT_SECRET is shorter than 32 bytes"))
	}
	for _, b := range []struct {
		env string
		dst *bool
	}{{"COOPGRAPH_API_KEYS", &cfg.APIKeys}, {"COOPGRAPH_PUBLIC_READ", &cfg.PublicRead}} {
		v, err := strconv.ParseBool(*vals[b.env])
		if err != nil {
			errs = append(errs, fmt.Errorf("%s %q is not true or false", b.env, *vals[b.env]))
		}
		*b.dst = v
	}
	cfg.Introspection = *vals["COOPGRAPH_INTROSPECTION"]
	if cfg.Introspection != "off" && cfg.Introspection != "authenticated" {
		errs = append(errs, fmt.Errorf("COOPGRAPH_INTROSPECTION %q is not off or authenticated", cfg.Introspection))
	}
	cfg.MetricsAddr = *vals["COOPGRAPH_METRICS_ADDR"]
	if _, _, err := net.SplitHostPort(cfg.MetricsAddr); cfg.MetricsAddr != "" && err != nil {
		errs = append(errs, fmt.Errorf("COOPGRAPH_METRICS_ADDR %q is not host:port (e.g. 127.0.0.1:9090)", cfg.MetricsAddr))
	}
	cfg.Tracing = *vals["COOPGRAPH_TRACING"]
	if cfg.Tracing != "off" && cfg.Tracing != "otlp" {
		errs = append(errs, fmt.Errorf("COOPGRAPH_TRACING %q is not off or otlp", cfg.Tracing))
	}
	for _, o := range strings.Split(*vals["COOPGRAPH_CORS_ORIGINS"], ",") {
		if o = strings.TrimSpace(o); o == "" {
			continue
		}
		if u, err := url.Parse(o); o != "*" && (err != nil || u.Scheme == "" || u.Host == "" || u.Path != "") {
			errs = append(errs, fmt.Errorf("COOPGRAPH_CORS_ORIGINS: %q is not an origin like https://dashboard.example.org", o))
		}
		cfg.CORSOrigins = append(cfg.CORSOrigins, o)
	}
	return cfg, fs.Args(), errors.Join(errs...)
}

func checkURI(uri string) error {
	if uri == "" {
		return errors.New("NEO4J_URI is not set: give the Neo4j address (bolt://localhost:7687), or use make run, which starts a local Neo4j")
	}
	u, err := url.Parse(uri)
	if err != nil || u.Host == "" {
		return fmt.Errorf("NEO4J_URI %q is not a URI like bolt://localhost:7687", uri)
	}
	switch u.Scheme {
	case "bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc":
		return nil
	}
	return fmt.Errorf("NEO4J_URI %q: scheme must be bolt, bolt+s, bolt+ssc, neo4j, neo4j+s or neo4j+ssc", uri)
}
