#!/bin/sh
# `make run STORE=neo4j`: graphcrm on a local Neo4j, for a try. Starts the embedded Neo4j of
# start.sh on data/neo4j (kept between runs) and Bolt port NEO4J_PORT (default 7687), loads the
# demo accounts into it, makes a demo key, and serves the API on HOST PORT (the arguments).
# Neo4j is shut down cleanly when the server stops (Ctrl-C).
set -eu
cd "$(dirname "$0")/../.."
host=${1:-127.0.0.1}
port=${2:-8000}
data=${NEO4J_DATA:-data/neo4j}
mkdir -p "$data"
log="$data-launcher.log"
sh scripts/neo4j/start.sh "$data" "${NEO4J_PORT:-7687}" "${NEO4J_PAGE_CACHE_MB:-256}" >"$log" 2>&1 &
neo4j=$!
trap 'kill "$neo4j" 2>/dev/null || true; wait "$neo4j" 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM
until grep -q 'bolt://' "$log"; do
  if ! kill -0 "$neo4j" 2>/dev/null; then
    echo "Neo4j did not start; its log is $log:" >&2
    tail -20 "$log" >&2
    exit 1
  fi
  sleep 0.5
done
uri=$(grep -m1 -o 'bolt://[^[:space:]]*' "$log")
echo "Neo4j at $uri, data in $data"
GRAPHCRM_STORE=$uri
GRAPHCRM_ACCESS_DB=${GRAPHCRM_ACCESS_DB:-data/neo4j-access.db}
export GRAPHCRM_STORE GRAPHCRM_ACCESS_DB
.venv/bin/graphcrm demo
.venv/bin/graphcrm demo-key --out data/demo-key.txt
.venv/bin/graphcrm serve --host "$host" --port "$port"
