package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
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
// warm the heavy queries before /readyz says ready, and stop cleanly when
// the context ends. Every startup step logs how long it took.
func TestServeDemoAndShutdown(t *testing.T) {
	cfg := testdb.Config(t)
	testdb.Reset(t)
	addr := freeAddr(t)
	env := map[string]string{"NEO4J_URI": cfg.URI, "NEO4J_USER": cfg.User, "NEO4J_PASSWORD": cfg.Password,
		"NEO4J_DATABASE": os.Getenv("NEO4J_DATABASE"), "COOPGRAPH_ADDR": addr, "COOPGRAPH_MODE": "development"}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var logs syncBuffer
	go func() {
		done <- run(ctx, []string{"serve", "-demo"}, func(k string) string { return env[k] }, &logs)
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
	// /readyz says ready only once the warm-up has logged its end.
	for {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			if !strings.Contains(logs.String(), "heavy queries warmed") {
				t.Fatalf("/readyz said ready before the warm-up ended:\n%s", logs.String())
			}
			break
		}
		if resp.StatusCode != http.StatusServiceUnavailable || time.Now().After(deadline) {
			t.Fatalf("/readyz: %s\n%s", resp.Status, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, want := range []string{`msg="neo4j answers"`, `msg="migrations applied"`, `msg="demo dataset loaded"`, `msg="serving GraphQL"`, `msg="heavy queries warmed`} {
		line := lineWith(logs.String(), want)
		if line == "" || !strings.Contains(line, " took=") && !strings.Contains(line, " startup=") {
			t.Errorf("no log line %s with its duration:\n%s", want, logs.String())
		}
	}
	t.Logf("warm-up: %s", lineWith(logs.String(), "heavy queries warmed"))
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

// TestStartupErrors: each wrong setting is one line, naming the setting to
// change, within a few seconds, and nothing is served.
func TestStartupErrors(t *testing.T) {
	cfg := testdb.Config(t)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	closed := freeAddr(t) // nothing listens there
	base := map[string]string{"NEO4J_URI": cfg.URI, "NEO4J_USER": cfg.User, "NEO4J_PASSWORD": cfg.Password,
		"NEO4J_DATABASE": os.Getenv("NEO4J_DATABASE"), "COOPGRAPH_MODE": "development"}
	tests := []struct {
		name    string
		env     map[string]string
		want    string
		notWant string
		within  time.Duration
	}{
		{"ErrHTTPPortBusy", map[string]string{"COOPGRAPH_ADDR": busy.Addr().String()}, "COOPGRAPH_ADDR " + busy.Addr().String() + " is in use", "", time.Second},
		{"ErrWrongPassword", map[string]string{"NEO4J_PASSWORD": "not-the-password"}, "set NEO4J_PASSWORD", "rate", 5 * time.Second},
		{"ErrUnreachable", map[string]string{"NEO4J_URI": "bolt://" + closed}, "check NEO4J_URI", "", 8 * time.Second},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{"COOPGRAPH_ADDR": freeAddr(t)}
			for k, v := range base {
				env[k] = v
			}
			for k, v := range tc.env {
				env[k] = v
			}
			var logs syncBuffer
			start := time.Now()
			err := run(context.Background(), []string{"serve", "-demo"}, func(k string) string { return env[k] }, &logs)
			took := time.Since(start)
			if err == nil || !strings.Contains(err.Error(), tc.want) || tc.notWant != "" && strings.Contains(err.Error(), tc.notWant) {
				t.Fatalf("run: %v; want one line with %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is more than one line: %q", err)
			}
			if took > tc.within {
				t.Errorf("took %s, want at most %s", took, tc.within)
			}
			if strings.Contains(logs.String(), "serving") {
				t.Errorf("logged serving before failing:\n%s", logs.String())
			}
			t.Logf("%s after %s", err, took.Round(time.Millisecond))
		})
	}
}

// TestNeo4jPortBusy: neo4j.sh (make run, make neo4j) refuses a busy Bolt
// port at once, in one line naming NEO4J_PORT, before starting a JVM.
func TestNeo4jPortBusy(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port
	start := time.Now()
	out, err := exec.Command("neo4j-launcher/neo4j.sh", "start", "--data", filepath.Join(t.TempDir(), "neo4j"),
		"--port", strconv.Itoa(port), "--password", "coopgraph-dev").CombinedOutput()
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if err == nil || len(lines) != 1 || !strings.Contains(lines[0], "port "+strconv.Itoa(port)+" is in use") ||
		!strings.Contains(lines[0], "set NEO4J_PORT") {
		t.Fatalf("neo4j.sh start on a busy port: %v, output:\n%s", err, out)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("took %s", took)
	}
}

// freeAddr is a loopback address nothing listens on (for a moment).
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// lineWith is the first line of s containing sub, or "".
func lineWith(s, sub string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

// syncBuffer is a log destination the test reads while the server writes.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
