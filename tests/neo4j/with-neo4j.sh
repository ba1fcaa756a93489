#!/usr/bin/env bash
# with-neo4j.sh CMD...: start the test Neo4j (tests/neo4j, built by `make neo4j-server`), run CMD
# with NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD set, stop Neo4j whatever CMD's outcome; exit as CMD.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export NEO4J_USER=neo4j NEO4J_PASSWORD="${NEO4J_PASSWORD:-innograph-test}"
log="$(mktemp -t innograph-neo4j.XXXXXX.log)"

# Neo4j reads the coprocess pipe as its stdin and stops when the pipe closes (when this shell exits).
coproc NEO4J { exec java -Xmx2g -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
    innograph.NeoLauncher "$NEO4J_PASSWORD" 2>"$log"; }
neo4j_pid=$NEO4J_PID
stop() { exec {NEO4J[1]}>&- 2>/dev/null; wait "$neo4j_pid" 2>/dev/null; rm -f "$log"; }
trap stop EXIT
trap 'exit 130' INT TERM

if ! IFS= read -r -t 180 -u "${NEO4J[0]}" NEO4J_URI || [[ "$NEO4J_URI" != bolt://* ]]; then
  echo "test Neo4j did not start (tests/neo4j/NeoLauncher):" >&2
  tail -20 "$log" >&2
  exit 1
fi
export NEO4J_URI
echo "test Neo4j at $NEO4J_URI" >&2
"$@"
