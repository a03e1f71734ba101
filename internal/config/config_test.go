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
		{"ErrBody", map[string]string{"NEO4J_URI": "bolt://h:1", "COOPGRAPH_MAX_BODY_BYTES": "-1"}, "COOPGRAPH_MAX_BODY_BYTES"},
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
