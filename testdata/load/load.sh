#!/usr/bin/env bash
# Load test of the API with authentication on (make load). Run it with
# NEO4J_URI set (make load starts a Neo4j for it). It needs wrk.
#
# 1. Mix: four operations at once, each from its own wrk process with its
#    own API key, for $DURATION seconds; wrk reports each one's requests/s
#    and latency percentiles.
# 2. Fairness: with a rate limit of $LIMIT requests/s per identity, identity
#    B sends about 10 requests/s alone, then again while identity A sends as
#    fast as it can; A gets RATE_LIMITED, B's latency should not change.
# 3. Analytics: the Pazardzhik district's matrix, the CSII's referral paths
#    and the demo's communities, each alone for 30 seconds.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "load.sh: needs wrk (apt-get install wrk)" >&2; exit 1; }
: "${NEO4J_URI:?load.sh: set NEO4J_URI (make load starts a Neo4j)}"
DURATION=${DURATION:-60}
LIMIT=${LIMIT:-20}
ADDR=127.0.0.1:${PORT:-8091}
OUT=${OUT:-$(mktemp -d /tmp/coopgraph-load.XXXXXX)}
go build -o "$OUT/coopgraph" .
export COOPGRAPH_MODE=production COOPGRAPH_API_KEYS=true COOPGRAPH_ADDR=$ADDR COOPGRAPH_LOG_LEVEL=warn
"$OUT/coopgraph" seed -demo 2>/dev/null
key() { "$OUT/coopgraph" apikey create -name "load $1" -role "$2" 2>/dev/null; }

# script NAME KEY QUERY [DELAY_MS] writes a wrk script posting QUERY.
script() {
	python3 - "$OUT/$1.lua" "$2" "$3" "${4:-}" <<'PY'
import json, sys
path, key, query, delay = sys.argv[1:]
with open(path, "w") as f:
    f.write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n')
    f.write(f'wrk.headers["Authorization"] = "Bearer {key}"\n')
    f.write("wrk.body = [==[" + json.dumps({"query": query}) + "]==]\n")
    if delay:
        f.write(f"function delay() return {delay} end\n")
    # Count answers that are not 200 (429 for RATE_LIMITED).
    f.write('refused = 0\nfunction response(status) if status ~= 200 then refused = refused + 1 end end\n')
PY
}
serve() {
	"$OUT/coopgraph" serve >"$OUT/serve-$1.log" 2>&1 &
	SRV=$!
	for _ in $(seq 50); do curl -sf "http://$ADDR/readyz" >/dev/null && return; sleep 0.2; done
	echo "load.sh: the server did not start; see $OUT/serve-$1.log" >&2; exit 1
}
stop() { kill -TERM "$SRV"; wait "$SRV" || true; }
run() { wrk -t1 -c"$2" -d"$3"s --latency -s "$OUT/$1.lua" "http://$ADDR/graphql" >"$OUT/$4.txt"; }
summary() {
	printf '%-24s' "$1"
	awk '/Requests\/sec/ {rps=$2} / 50%/ {p50=$2} / 99%/ {p99=$2} /Non-2xx/ {n=$5}
	     END {printf "%8s req/s  p50 %9s  p99 %9s  non-200 %s\n", rps, p50, p99, (n==""?0:n)}' "$OUT/$1.txt"
}

script list "$(key list ANALYST)" 'query List { stakeholders(first: 20, filter: {territoryId: "tr-pazardzhik-district"}) { totalCount nodes { id name kind territory { name } } } }'
script nested "$(key nested ANALYST)" 'query Nested { stakeholders(first: 50) { nodes { id name territory { name parent { name } } services { name category { name } } partnerships { role partnership { name } } } } }'
script search "$(key search VIEWER)" 'query Search { search(text: "социални услуги", first: 10) { type id name score } }'
script record "$(key record ANALYST)" 'query Record { stakeholder(id: "st-csii") { name email territory { name } services { name coverage { name } } referralsOut { to { name } } } }'

echo "== mix: 4 operations at once, ${DURATION}s, 4 connections each, API keys, $(nproc) cores"
COOPGRAPH_RATE_LIMIT=0 serve mix
pids=()
for op in list nested search record; do run $op 4 "$DURATION" $op & pids+=($!); done
wait "${pids[@]}" # not a bare wait: the server is a child too
stop
for op in list nested search record; do summary $op; done

echo "== fairness: rate limit $LIMIT/s per identity; B paces itself at about 10/s"
script b "$(key B ANALYST)" 'query List { stakeholders(first: 20, filter: {territoryId: "tr-pazardzhik-district"}) { totalCount nodes { id name kind territory { name } } } }' 100
script a "$(key A ANALYST)" 'query List { stakeholders(first: 20, filter: {territoryId: "tr-pazardzhik-district"}) { totalCount nodes { id name kind territory { name } } } }'
COOPGRAPH_RATE_LIMIT=$LIMIT COOPGRAPH_RATE_BURST=$LIMIT serve fair
run b 1 20 b-alone
run a 8 20 a-hammering &
a=$!
run b 1 20 b-with-a
wait $a
stop
summary b-alone; summary a-hammering; summary b-with-a
echo "== analytics: one at a time, 30 s each, 4 connections, demo data"
script matrix "$(key matrix ANALYST)" 'query Matrix { supplyDemandMatrix(scopeId: "tr-pazardzhik-district") { rows { territory { id } cells { demand supply gap coverage } total { demand supply gap } } total { demand supply gap } } }'
script paths "$(key paths ANALYST)" 'query Paths { referralPaths(input: {fromStakeholderId: "st-csii", categoryId: "cat-crisis-accommodation"}) { paths { provider { id } hops distanceKm score } unreachableProviders { provider { id } } } }'
script communities "$(key communities ANALYST)" 'query Communities { communities(relations: [PARTNERSHIP, EVENT]) { modularity communities { size members { id } } } }'
COOPGRAPH_RATE_LIMIT=0 serve analytics
for op in matrix paths communities; do run $op 4 30 $op; done
stop
for op in matrix paths communities; do summary $op; done
echo "(raw wrk output in $OUT)"
