// Package testdb connects tests to the real Neo4j that make test starts
// (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD). There is no mock: a test that
// needs the database fails when none is configured, unless -short is given,
// in which case it is skipped (make test never passes -short).
package testdb

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/demo"
	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/store"
)

// Config is the test database's configuration from the environment.
func Config(t testing.TB) store.Config {
	t.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		if testing.Short() {
			t.Skip("needs Neo4j (NEO4J_URI); skipped with -short")
		}
		t.Fatal("NEO4J_URI is not set: run the tests with `make test`, which starts a Neo4j for them")
	}
	// Work with no deadline of its own (loads, imports of generated
	// graphs) gets two minutes, not the server's 30 s: on a busy 2-core
	// machine a large test import has come close to 30 s. Tests of
	// timeouts set their own deadlines.
	return store.Config{URI: uri, User: os.Getenv("NEO4J_USER"), Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"), QueryTimeout: 2 * time.Minute}
}

var migrated sync.Once

// Open returns a store on the test database, migrated. The store is closed
// when the test ends.
func Open(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(Config(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var merr error
	migrated.Do(func() { _, merr = st.Migrate(ctx) })
	if merr != nil {
		t.Fatal(merr)
	}
	return st
}

// Reset deletes every node except the migration records.
func Reset(t testing.TB) {
	t.Helper()
	// Deletes in batches, so a large benchmark graph does not need one huge
	// transaction.
	Exec(t, `MATCH (n) WHERE NOT n:Migration
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`, nil)
}

// Exec runs Cypher on the test database in an implicit transaction, as CALL
// ... IN TRANSACTIONS needs (benchmarks build large graphs with it).
func Exec(t testing.TB, cypher string, params map[string]any) {
	t.Helper()
	cfg := Config(t)
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	drv, err := neo4j.NewDriverWithContext(cfg.URI, auth)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	defer drv.Close(ctx)
	s := drv.NewSession(ctx, neo4j.SessionConfig{DatabaseName: cfg.Database})
	defer s.Close(ctx)
	res, err := s.Run(ctx, cypher, params)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// Load empties the database and loads doc into it.
func Load(t testing.TB, st *store.Store, doc *domain.Document) {
	t.Helper()
	Reset(t)
	if _, err := st.Write(auth.WithActor(context.Background(), "test"), doc, store.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
}

// LoadFile empties the database and loads the coopgraph document at path
// (a hand-made test graph under testdata/).
func LoadFile(t testing.TB, st *store.Store, path string) *domain.Document {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var doc domain.Document
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	Load(t, st, &doc)
	return &doc
}

// LoadDemo empties the database and loads the demo dataset.
func LoadDemo(t testing.TB, st *store.Store) *domain.Document {
	t.Helper()
	doc, err := demo.Document()
	if err != nil {
		t.Fatal(err)
	}
	Load(t, st, doc)
	return doc
}

// OpenDemo opens the test database with the demo dataset loaded alone: the
// start of most end-to-end tests.
func OpenDemo(t testing.TB) *store.Store {
	t.Helper()
	st := Open(t)
	LoadDemo(t, st)
	return st
}
