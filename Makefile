# coopgraph: make run (serve the demo graph) and make test (every test against
# a real Neo4j started for the run). See README.md.

include neo4j-launcher/neo4j.mk

GO ?= go
BIN := bin/coopgraph

.PHONY: run test build generate check-generated bench load clean

build:
	$(GO) build -o $(BIN) .

# Serve GraphQL at http://localhost:8080/graphql with GraphiQL at /. Without
# NEO4J_URI it starts a local Neo4j (data in ./data/neo4j) and stops it on
# Ctrl-C; with NEO4J_URI it uses that server.
run: build
	@export COOPGRAPH_MODE=$${COOPGRAPH_MODE:-development}; \
	if [ -n "$$NEO4J_URI" ]; then \
		exec ./$(BIN) serve -demo; \
	else \
		exec $(NEO4J_SH) with --data '$(NEO4J_DATA)' --port '$(NEO4J_PORT)' --password '$(NEO4J_PASSWORD)' -- ./$(BIN) serve -demo; \
	fi

# Every test, against a Neo4j on a free port with a temporary data directory,
# stopped afterwards whatever the outcome. Packages run one at a time (-p 1)
# because they share the one database Neo4j Community has.
test: check-generated
	$(GO) vet ./...
	$(NEO4J_SH) with -- $(GO) test -p 1 -count=1 ./...

# Benchmarks against the demo data (see README for the figures).
bench:
	$(NEO4J_SH) with -- $(GO) test -p 1 -count=1 -run '^$$' -bench . -benchtime 200x ./...

# A 60 s load test from wrk processes, authentication on, and the rate
# limiter's fairness demo (see testdata/load/load.sh; needs wrk).
load:
	$(NEO4J_SH) with -- testdata/load/load.sh

generate:
	$(GO) generate ./...

# Fails when the committed generated code does not match the schema.
check-generated:
	@before=$$(cat gqlgen.yml schema/*.graphqls graph/*.go graph/*/*.go | sha256sum); \
	$(GO) generate ./... && \
	after=$$(cat gqlgen.yml schema/*.graphqls graph/*.go graph/*/*.go | sha256sum); \
	if [ "$$before" != "$$after" ]; then \
		echo "generated GraphQL code was stale: 'go generate ./...' changed graph/; commit the result" >&2; \
		exit 1; \
	fi

clean:
	rm -rf bin neo4j-launcher/target
