package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/coopgraph/coopgraph/internal/testdb"
)

func TestRunRejectsBadSettings(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"ErrNoURI", nil, map[string]string{}, "NEO4J_URI is not set"},
		{"ErrBadAddr", []string{"-addr", "nonsense"}, map[string]string{"NEO4J_URI": "bolt://127.0.0.1:1"}, "COOPGRAPH_ADDR"},
		{"ErrExtraArg", []string{"migrate", "extra"}, map[string]string{"NEO4J_URI": "bolt://127.0.0.1:1"}, `unexpected argument "extra"`},
		{"ErrProductionWithoutAuth", []string{"serve"}, map[string]string{"NEO4J_URI": "bolt://127.0.0.1:1"}, "production mode needs authentication"},
		{"ErrShortJWTSecret", []string{"serve"}, map[string]string{"NEO4J_URI": "bolt://127.0.0.1:1", "COOPGRAPH_JWT_SECRET": "short"}, "shorter than 32 bytes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := run(context.Background(), tc.args, func(k string) string { return tc.env[k] }, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("run: %v, want an error mentioning %q", err, tc.want)
			}
		})
	}
}

// TestServeDemoAndShutdown runs the binary's serve path as make run does:
// migrate, load the demo into the empty database, serve, answer a query,
// and stop cleanly when the context ends.
func TestServeDemoAndShutdown(t *testing.T) {
	cfg := testdb.Config(t)
	testdb.Reset(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	env := map[string]string{"NEO4J_URI": cfg.URI, "NEO4J_USER": cfg.User, "NEO4J_PASSWORD": cfg.Password,
		"NEO4J_DATABASE": os.Getenv("NEO4J_DATABASE"), "COOPGRAPH_ADDR": addr, "COOPGRAPH_MODE": "development"}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-demo"}, func(k string) string { return env[k] }, io.Discard)
	}()

	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Post("http://"+addr+"/graphql", "application/json",
			strings.NewReader(`{"query":"{ territory(id: \"tr-lesichovo\") { name } }"}`))
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if !strings.Contains(string(body), `"name":"Lesichovo"`) {
				t.Fatalf("demo data not served: %s", body)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("server did not come up: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v after shutdown", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
}
