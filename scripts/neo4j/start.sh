#!/bin/sh
# Start graphcrm's embedded Neo4j Community (see Launcher.java): build it first if needed
# (the first build fetches Neo4j's jars from Maven Central into ~/.m2; later builds reuse them),
# then run it in the foreground. It prints bolt://127.0.0.1:PORT once it accepts connections.
#
#   sh scripts/neo4j/start.sh [--stop-on-stdin-eof] DATA_DIR [PORT] [PAGE_CACHE_MB]
#
# NEO4J_HEAP (default 1g) caps the JVM heap; JAVA (default: java on PATH) picks the JVM.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -s "$here/target/classpath.txt" ] || [ ! -d "$here/target/classes" ] \
   || [ -n "$(find "$here/pom.xml" "$here/src" -newer "$here/target/classpath.txt" -type f)" ]; then
  (cd "$here" && mvn -q -B -Dstyle.color=never package) >&2
  touch "$here/target/classpath.txt"  # the plugin leaves an unchanged file as it was
fi
heap=${NEO4J_HEAP:-1g}
exec "${JAVA:-java}" -Xms256m "-Xmx$heap" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
  -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" graphcrm.neo4j.Launcher "$@"
