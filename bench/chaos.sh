#!/usr/bin/env bash
# Chaos through the four services: steps of 1-3 s on three workers while a random worker's JVM is
# SIGKILLed and started again every 3-6 s. Prints steps lost, attempts run twice, verdicts lost and
# sandbox processes left after their worker died.
#
#   ./dg build && bench/chaos.sh [steps=100] [seconds=90]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -q -o verify -pl e2e-tests -Dit.test=ChaosIT -Ddg.chaos.steps="${1:-100}" -Ddg.chaos.seconds="${2:-90}" \
  -Dsurefire.skip=true 2>&1 | grep -E '^chaos:|FAIL|ERROR' || true
