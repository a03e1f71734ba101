package config

import (
	"io"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoad(t *testing.T) {
	base := map[string]string{"NEO4J_URI": "bolt://localhost:7687"}
	t.Run("OK defaults", func(t *testing.T) {
		cfg, _, err := Load("serve", nil, env(base), io.Discard, nil)
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Addr != ":8080" || cfg.Neo4jUser != "neo4j" || cfg.RequestTimeout != 30*time.Second || cfg.MaxBodyBytes != 1<<20 {
			t.Errorf("defaults: %+v", cfg)
		}
	})
	t.Run("OK flag overrides env", func(t *testing.T) {
		cfg, _, err := Load("serve", []string{"-addr", ":9090", "-neo4j-uri", "neo4j://cluster:7687"}, env(map[string]string{
			"NEO4J_URI": "bolt://x:1", "COOPGRAPH_ADDR": ":1234"}), io.Discard, nil)
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Addr != ":9090" || cfg.Neo4jURI != "neo4j://cluster:7687" {
			t.Errorf("got %+v", cfg)
		}
	})
	bad := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"ErrURIMissing", map[string]string{}, "NEO4J_URI is not set"},
		{"ErrURIScheme", map[string]string{"NEO4J_URI": "http://localhost:7474"}, "scheme must be"},
		{"ErrAddr", map[string]string{"NEO4J_URI": "bolt://h:1", "COOPGRAPH_ADDR": "8080"}, "COOPGRAPH_ADDR"},
		{"ErrLogLevel", map[string]string{"NEO4J_URI": "bolt://h:1", "COOPGRAPH_LOG_LEVEL": "loud"}, "COOPGRAPH_LOG_LEVEL"},
		{"ErrTimeout", map[string]string{"NEO4J_URI": "bolt://h:1", "COOPGRAPH_REQUEST_TIMEOUT": "soon"}, "COOPGRAPH_REQUEST_TIMEOUT"},
		{"ErrWait", map[string]string{"NEO4J_URI": "bolt://h:1", "NEO4J_WAIT": "0s"}, "NEO4J_WAIT"},
		{"ErrBody", map[string]string{"NEO4J_URI": "bolt://h:1", "COOPGRAPH_MAX_BODY_BYTES": "-1"}, "COOPGRAPH_MAX_BODY_BYTES"},
		{"ErrIntrospection", map[string]string{"NEO4J_URI": "bolt://h:1", "COOPGRAPH_INTROSPECTION": "everyone"}, "COOPGRAPH_INTROSPECTION"},
		{"ErrMetricsAddr", map[string]string{"NEO4J_URI": "bolt://h:1", "COOPGRAPH_METRICS_ADDR": "9090"}, "COOPGRAPH_METRICS_ADDR"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Load("serve", nil, env(tc.env), io.Discard, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to mention %q", err, tc.want)
			}
		})
	}
}

func TestCORSOrigins(t *testing.T) {
	cfg, _, err := Load("serve", nil, env(map[string]string{"NEO4J_URI": "bolt://h:1",
		"COOPGRAPH_CORS_ORIGINS": "https://a.example.org, http://localhost:3000"}), io.Discard, nil)
	if err != nil || len(cfg.CORSOrigins) != 2 || cfg.CORSOrigins[1] != "http://localhost:3000" {
		t.Fatalf("origins %v, %v", cfg.CORSOrigins, err)
	}
	_, _, err = Load("serve", nil, env(map[string]string{"NEO4J_URI": "bolt://h:1", "COOPGRAPH_CORS_ORIGINS": "a.example.org/x"}), io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "COOPGRAPH_CORS_ORIGINS") {
		t.Fatalf("bad origin: %v", err)
	}
}

// -h shows the environment's values as the flags' defaults, except for
// secrets, which it only says are set; the secrets still take effect.
func TestHelpHidesSecrets(t *testing.T) {
	const password, jwt = "pw-Zq81-do-not-print", "jwt-secret-0123456789-0123456789-do-not-print"
	tests := []struct {
		name     string
		env      map[string]string
		wantSet  bool
		wantShow string // a non-secret value -h does show
	}{
		{"OK secrets set", map[string]string{"NEO4J_URI": "bolt://h:1", "NEO4J_PASSWORD": password, "COOPGRAPH_JWT_SECRET": jwt, "COOPGRAPH_ADDR": ":9191"}, true, `":9191"`},
		{"OK secrets unset", map[string]string{"NEO4J_URI": "bolt://h:1"}, false, `"bolt://h:1"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out strings.Builder
			if _, _, err := Load("serve", []string{"-h"}, env(tc.env), &out, nil); err == nil {
				t.Fatal("-h: no error, want flag.ErrHelp")
			}
			help := out.String()
			for _, secret := range []string{password, jwt} {
				if strings.Contains(help, secret) {
					t.Errorf("-h prints a secret:\n%s", help)
				}
			}
			if got := strings.Count(help, "(set)"); tc.wantSet && got != 2 || !tc.wantSet && got != 0 {
				t.Errorf("-h says (set) %d times:\n%s", got, help)
			}
			if !strings.Contains(help, tc.wantShow) {
				t.Errorf("-h does not show %s:\n%s", tc.wantShow, help)
			}
			cfg, _, err := Load("serve", nil, env(tc.env), io.Discard, nil)
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantSet && (cfg.Neo4jPassword != password || cfg.JWTSecret != jwt) {
				t.Errorf("secrets from the environment not used: %q %q", cfg.Neo4jPassword, cfg.JWTSecret)
			}
		})
	}
	t.Run("OK flag overrides secret env", func(t *testing.T) {
		cfg, _, err := Load("serve", []string{"-neo4j-password", "from-flag"}, env(map[string]string{"NEO4J_URI": "bolt://h:1", "NEO4J_PASSWORD": password}), io.Discard, nil)
		if err != nil || cfg.Neo4jPassword != "from-flag" {
			t.Fatalf("password %q, %v", cfg.Neo4jPassword, err)
		}
	})
}
