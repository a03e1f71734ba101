# coopgraph: make run (serve the demo graph) and make test (every test against
# a real Neo4j started for the run). See README.md.

include neo4j-launcher/neo4j.mk

GO ?= go
BIN := bin/coopgraph
# bash: the recipes time their steps and check ports with /dev/tcp.
SHELL := bash

# $(call timed,WHAT,COMMAND) runs COMMAND and, when it succeeds, prints
# "make: WHAT (3.2s)"; the silent first build and generate take a minute.
timed = t0=$$(date +%s%N); $(2) && ms=$$(( ($$(date +%s%N) - t0) / 1000000 )) && \
	printf 'make: %s (%d.%ds)\n' "$(1)" $$((ms / 1000)) $$((ms % 1000 / 100))

.PHONY: run test build generate check-generated bench bench-peer load clean web check-web chromium

build:
	@echo "make: building $(BIN) (the first build downloads and compiles the modules, about a minute)"
	@$(call timed,built $(BIN),$(GO) build -o $(BIN) .)

# Serve GraphQL at http://localhost:8080/graphql with GraphiQL at /. Without
# NEO4J_URI it starts a local Neo4j (data in ./data/neo4j) and stops it on
# Ctrl-C; with NEO4J_URI it uses that server.
# Each step says how long it took: the build here, the launcher build and
# Neo4j's start in neo4j.sh, the rest in coopgraph's log. A busy HTTP port
# is reported before Neo4j is started for nothing.
run: build
	@export COOPGRAPH_MODE=$${COOPGRAPH_MODE:-development}; \
	addr=$${COOPGRAPH_ADDR:-:8080}; host=$${addr%:*}; \
	if (exec 3<>/dev/tcp/$${host:-127.0.0.1}/$${addr##*:}) 2>/dev/null; then \
		echo "make: COOPGRAPH_ADDR $$addr is in use (another coopgraph running?): set COOPGRAPH_ADDR to a free address, e.g. COOPGRAPH_ADDR=:8081 make run" >&2; \
		exit 1; \
	fi; \
	if [ -n "$$NEO4J_URI" ]; then \
		exec ./$(BIN) serve -demo; \
	else \
		exec $(NEO4J_SH) with --data '$(NEO4J_DATA)' --port '$(NEO4J_PORT)' --password '$(NEO4J_PASSWORD)' -- ./$(BIN) serve -demo; \
	fi

# Every test, against a Neo4j on a free port with a temporary data directory,
# stopped afterwards whatever the outcome. Packages run one at a time (-p 1)
# because they share the one database Neo4j Community has. testprogress is
# go test with a line as each package starts, a line a minute while one
# runs, and the skipped tests with why (the HSDS ones without ../shared);
# the "ok"/"FAIL" lines are go test's own. The test Neo4j gets a 2 GiB heap
# and 512 MiB of page cache: the suites load generated graphs of thousands
# of stakeholders one after the other, and with 1 GiB its pauses once pushed
# an import past its transaction timeout.
test: check-generated check-web chromium
	@$(call timed,go vet,$(GO) vet ./...)
	@$(call timed,race detector on the request guard / field loader / shared network projections,$(GO) test -race -count=1 -run '^(TestGuard|TestLoad.*|TestSharedGraph)$$' ./internal/api/ ./internal/loader/ ./internal/network/)
	NEO4J_HEAP=$${NEO4J_HEAP:-2g} NEO4J_PAGECACHE=$${NEO4J_PAGECACHE:-512m} \
		$(NEO4J_SH) with -- $(GO) run ./internal/testdb/testprogress -p 1 -count=1 ./...

# Benchmarks against the demo data (see README for the figures).
bench:
	$(NEO4J_SH) with -- $(GO) test -p 1 -count=1 -run '^$$' -bench . -benchtime 200x ./...

# A 60 s load test from wrk processes, authentication on, and the rate
# limiter's fairness demo (see testdata/load/load.sh; needs wrk).
load:
	$(NEO4J_SH) with -- testdata/load/load.sh

# coopgraph side by side with @neo4j/graphql 7 on Apollo Server (the peer,
# bench/peer/server.mjs) and a Go server running one hand-written Cypher
# statement per query (the floor, bench/peer/floor), on one Neo4j with the
# demo data and a generated graph of 20,000 stakeholders: checks that the
# three answer the five queries of bench/peer/queries alike, then measures
# them with wrk in three alternating rounds and prints the tables (also
# written to bench/peer/results/latest.md). About 11 minutes; needs Node 20
# and npm, and installs wrk with apt-get when missing. Flags of the driver
# (bench/peer/run) in BENCH_PEER_FLAGS, e.g. BENCH_PEER_FLAGS="-rounds 1".
bench-peer: build
	@command -v wrk >/dev/null || { \
		echo "make: installing wrk with apt-get for bench-peer"; \
		sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq wrk; }
	@command -v npm >/dev/null || { echo "make: bench-peer needs Node 20 and npm (not found)" >&2; exit 1; }
	@$(call timed,installed the peer (npm ci in bench/peer),(cd bench/peer && npm ci --no-audit --no-fund --loglevel=error >/dev/null))
	@$(call timed,built the floor and the driver,$(GO) build -o bin/bench-peer-floor ./bench/peer/floor && $(GO) build -o bin/bench-peer ./bench/peer/run)
	NEO4J_HEAP=$${NEO4J_HEAP:-2g} NEO4J_PAGECACHE=$${NEO4J_PAGECACHE:-512m} \
		$(NEO4J_SH) with -- bin/bench-peer -coopgraph $(BIN) -floor bin/bench-peer-floor $(BENCH_PEER_FLAGS)

generate:
	$(GO) generate ./...

# Fails when the committed generated code does not match the schema.
check-generated:
	@echo "make: checking that the generated GraphQL code is current (go generate)"
	@before=$$(cat gqlgen.yml schema/*.graphqls graph/*.go graph/*/*.go | sha256sum); \
	$(call timed,generated code checked,$(GO) generate ./...) && \
	after=$$(cat gqlgen.yml schema/*.graphqls graph/*.go graph/*/*.go | sha256sum); \
	if [ "$$before" != "$$after" ]; then \
		echo "generated GraphQL code was stale: 'go generate ./...' changed graph/; commit the result" >&2; \
		exit 1; \
	fi

# The web app: web/dist (committed, embedded by package web) from web/src.
# Needs Node 20 and npm; make run does not, since dist is committed.
web:
	cd web && npm ci --no-audit --no-fund && npm run build

# Fails when the committed web/dist does not match web/src: rebuilds it
# (npm ci, npm run build: deterministic) and compares the hashes.
webhash = (cd web && find dist -type f | LC_ALL=C sort | xargs sha256sum | sha256sum)
check-web:
	@command -v npm >/dev/null || { echo "make: checking the web bundle needs Node 20 and npm (not found)" >&2; exit 1; }
	@echo "make: checking that the web app's bundle is current (npm ci and npm run build in web/)"
	@before=$$( $(webhash) ); \
	$(call timed,web bundle checked,(cd web && npm ci --no-audit --no-fund --loglevel=error >/dev/null && npm run build --silent)) && \
	after=$$( $(webhash) ); \
	if [ "$$before" != "$$after" ]; then \
		echo "web/dist was stale: 'make web' (npm run build in web/) changed it; commit web/dist" >&2; \
		exit 1; \
	fi

# The browser tests (web/browser_test.go) drive Debian's chromium headless;
# CI is a fresh Debian machine, so it is installed when missing.
chromium:
	@command -v chromium >/dev/null || { \
		echo "make: installing chromium with apt-get for the browser tests"; \
		sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium; }

clean:
	rm -rf bin neo4j-launcher/target
