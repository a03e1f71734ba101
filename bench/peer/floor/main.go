// Command floor is the floor of make bench-peer: the least work a Go server
// can do to answer the benchmark's five GraphQL queries. It does not parse
// GraphQL: it takes coopgraph's request body, picks the query by its
// operation name, runs that query's one hand-written Cypher statement
// (bench/peer/queries/NAME.floor.cypher, whose one row's one column is the
// whole "data" of coopgraph's answer) and writes {"data": ...}.
//
//	NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD   the database
//	-addr 127.0.0.1:8090                    POST /graphql; GET /metrics answers
//	                                        {"statements": N}, the statements run so far
//	-queries bench/peer/queries             NAME.coopgraph.graphql names the operation
//	                                        ("query Nested {"), NAME.floor.cypher its Cypher
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

var opName = regexp.MustCompile(`(?m)^\s*query\s+(\w+)`)

func main() {
	addr := flag.String("addr", "127.0.0.1:8090", "listen address")
	dir := flag.String("queries", "bench/peer/queries", "directory of the queries")
	flag.Parse()

	cypher, err := load(*dir)
	if err != nil {
		log.Fatalf("floor: %v", err)
	}
	user := os.Getenv("NEO4J_USER")
	if _, set := os.LookupEnv("NEO4J_USER"); !set {
		user = "neo4j"
	}
	driver, err := neo4j.NewDriverWithContext(os.Getenv("NEO4J_URI"), neo4j.BasicAuth(user, os.Getenv("NEO4J_PASSWORD"), ""))
	if err != nil {
		log.Fatalf("floor: %v", err)
	}
	if err := driver.VerifyConnectivity(context.Background()); err != nil {
		log.Fatalf("floor: %v", err)
	}

	var statements atomic.Int64
	http.HandleFunc("POST /graphql", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Query         string `json:"query"`
			OperationName string `json:"operationName"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, "bad body", http.StatusBadRequest)
			return
		}
		name := req.OperationName
		if m := opName.FindStringSubmatch(req.Query); name == "" && m != nil {
			name = m[1]
		}
		stmt, ok := cypher[name]
		if !ok {
			http.Error(w, "unknown operation "+name, http.StatusNotFound)
			return
		}
		statements.Add(1)
		res, err := neo4j.ExecuteQuery(r.Context(), driver, stmt.cypher, stmt.params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithReadersRouting())
		if err != nil {
			log.Printf("floor: %s: %v", name, err)
			http.Error(w, "query failed", http.StatusInternalServerError)
			return
		}
		var data any
		if len(res.Records) > 0 {
			data = res.Records[0].Values[0]
		}
		w.Header().Set("Content-Type", "application/json")
		if err := json.NewEncoder(w).Encode(map[string]any{"data": data}); err != nil {
			log.Printf("floor: %s: %v", name, err)
		}
	})
	http.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"statements": %d}`, statements.Load())
	})
	log.Printf("floor: %d queries, listening on %s", len(cypher), *addr)
	log.Fatal(http.ListenAndServe(*addr, nil))
}

// statement is a query's Cypher and its parameters: the values a client
// sends are parameters, as in any server that takes user input, so that
// the floor pays what coopgraph and the peer pay for parameterised plans.
type statement struct {
	cypher string
	params map[string]any
}

// load maps each query's operation name to its statement. A statement's
// parameters are the JSON object on its first line, "// params: {...}".
func load(dir string) (map[string]statement, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.floor.cypher"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no *.floor.cypher in %s", dir)
	}
	out := map[string]statement{}
	for _, f := range files {
		stem := strings.TrimSuffix(f, ".floor.cypher")
		gql, err := os.ReadFile(stem + ".coopgraph.graphql")
		if err != nil {
			return nil, err
		}
		m := opName.FindSubmatch(gql)
		if m == nil {
			return nil, fmt.Errorf("%s.coopgraph.graphql: no named query", stem)
		}
		c, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		st := statement{cypher: string(c)}
		if first, _, _ := strings.Cut(st.cypher, "\n"); strings.HasPrefix(first, "// params:") {
			dec := json.NewDecoder(strings.NewReader(strings.TrimPrefix(first, "// params:")))
			dec.UseNumber()
			var raw map[string]any
			if err := dec.Decode(&raw); err != nil {
				return nil, fmt.Errorf("%s: params: %w", f, err)
			}
			st.params = map[string]any{}
			for k, v := range raw {
				if n, ok := v.(json.Number); ok {
					if i, err := n.Int64(); err == nil {
						v = i // LIMIT takes an INTEGER
					} else if x, err := n.Float64(); err == nil {
						v = x
					}
				}
				st.params[k] = v
			}
		}
		out[string(m[1])] = st
	}
	return out, nil
}
