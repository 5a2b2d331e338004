#!/usr/bin/env bash
# Sandbox start-up overhead: /bin/true directly vs. through the bubblewrap sandbox (WORKSPACE_WRITE, production
# flags), printing median, p90, overhead in ms and the ratio.
#
# From a fresh clone:
#   export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
#   ./mvnw -q -pl sandbox -am install -DskipTests
#   bench/sandbox-overhead.sh [runs=200] [warmup=30]
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME

cp_file=sandbox/target/bench.classpath
if [[ ! -f sandbox/target/classes/dev/devgodzilla/sandbox/bench/OverheadBenchmark.class ]]; then
  ./mvnw -q -pl sandbox compile
fi
if [[ ! -s "$cp_file" ]]; then
  ./mvnw -q -pl sandbox dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$PWD/$cp_file"
fi
exec "$JAVA_HOME/bin/java" -cp "sandbox/target/classes:$(cat "$cp_file")" \
  dev.devgodzilla.sandbox.bench.OverheadBenchmark "${1:-200}" "${2:-30}"
