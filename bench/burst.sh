#!/usr/bin/env bash
# A burst of no-op steps through the four services (separate processes, real Kafka and PostgreSQL, the
# default bubblewrap sandbox): submitted at once by a plain producer, watched by a plain consumer. Prints
# steps lost, attempts run twice, verdicts lost, the drain time and StepRequest -> StepStarted percentiles,
# beside one Kafka round trip and one direct process start measured in the same run.
#
#   ./dg build && bench/burst.sh [steps=300]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -q -o verify -pl e2e-tests -Dit.test=BurstIT -Ddg.burst.steps="${1:-300}" -Dsurefire.skip=true 2>&1 |
  grep -E '^(burst of|  StepRequest|  floor)|FAIL|ERROR' || true
