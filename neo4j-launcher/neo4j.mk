# Local Neo4j for development; include from the top-level Makefile (run make from the repo root).
#   make neo4j        start Neo4j in the background, data in ./data/neo4j, prints the bolt URI
#   make neo4j-stop   stop it (committed data stays in ./data/neo4j)
# Overridable: NEO4J_PORT (7687), NEO4J_PASSWORD (coopgraph-dev, at least 8 characters),
# NEO4J_DATA, and the script's NEO4J_HEAP / NEO4J_PAGECACHE.
# For tests against a throw-away instance: $(NEO4J_SH) with -- go test ./...
NEO4J_SH := neo4j-launcher/neo4j.sh
NEO4J_DATA ?= data/neo4j
NEO4J_PORT ?= 7687
NEO4J_PASSWORD ?= coopgraph-dev

.PHONY: neo4j neo4j-stop neo4j-build

neo4j-build:
	@$(NEO4J_SH) build

neo4j:
	@$(NEO4J_SH) start --data '$(NEO4J_DATA)' --port '$(NEO4J_PORT)' --password '$(NEO4J_PASSWORD)'

neo4j-stop:
	@$(NEO4J_SH) stop --data '$(NEO4J_DATA)'
