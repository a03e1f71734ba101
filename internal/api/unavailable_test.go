package api_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/store"
	"github.com/coopgraph/coopgraph/internal/testdb"
)

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func readyz(h http.Handler) int {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
	return rec.Code
}

// TestNeo4jDownThenBack: with no database at the address, requests fail
// with UNAVAILABLE and /readyz says 503, the server keeps answering; once a
// Neo4j starts there, the same handler serves data again.
func TestNeo4jDownThenBack(t *testing.T) {
	testdb.Config(t) // needs the test environment (JDK, launcher) like the other DB tests
	port := freePort(t)
	st, err := store.Open(store.Config{URI: "bolt://127.0.0.1:" + strconv.Itoa(port), User: "neo4j", Password: "down-then-back"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(context.Background())
	h := newHandler(st)

	failsWith(t, h, st, `{ stakeholders { nodes { id } } }`, nil, domain.CodeUnavailable, "unavailable")
	if code := readyz(h); code != http.StatusServiceUnavailable {
		t.Fatalf("/readyz with Neo4j down: %d, want 503", code)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("/healthz with Neo4j down: %d, want 200 (the process is up)", rec.Code)
	}

	// Start a Neo4j on that very port with the launcher make test uses.
	root, _ := filepath.Abs("../..")
	data := t.TempDir()
	start := exec.Command(filepath.Join(root, "neo4j-launcher", "neo4j.sh"), "start", "--data", data,
		"--port", strconv.Itoa(port), "--password", "down-then-back")
	start.Stdout, start.Stderr = os.Stderr, os.Stderr
	if err := start.Run(); err != nil {
		t.Fatalf("start second Neo4j: %v", err)
	}
	defer exec.Command(filepath.Join(root, "neo4j-launcher", "neo4j.sh"), "stop", "--data", data).Run()

	deadline := time.Now().Add(30 * time.Second)
	for readyz(h) != http.StatusOK {
		if time.Now().After(deadline) {
			t.Fatal("/readyz did not recover after Neo4j came back")
		}
		time.Sleep(200 * time.Millisecond)
	}
	var out struct {
		Stakeholders struct{ Nodes []struct{ ID string } }
	}
	ok(t, h, st, `{ stakeholders { nodes { id } } }`, nil, &out)
	if len(out.Stakeholders.Nodes) != 0 {
		t.Fatalf("fresh database should be empty, got %v", out.Stakeholders.Nodes)
	}
}
