#!/usr/bin/env bash
# The pipeline's figures beside their physical floor, measured from outside on one clock: its own producer on
# step-requests and consumer on step-events, against the four services as real processes on a real broker and
# database (started for the run). Prints the Kafka round trip and the dummy agent started directly (the floors),
# StepRequest -> StepStarted, -> terminal event and -> QA result one at a time (p50/p90/p99/max and the ratio to the floor),
# a burst with steps/s and the states it ended in, where the CPU went (each service, its sandboxes, the broker,
# PostgreSQL and the host, per step of the burst and per second idle, from /proc), and each service's resident memory.
#
# The stack runs as shipped, without tracing. DG_BENCH_HOPS=1 runs it traced instead and adds where one step's
# time goes, hop by hop, from the spans of the one-at-a-time steps (tracing costs a little in every figure).
# The services run as ./dg up runs them: JVMs with deploy/service-jvm.options, shipped leases and heartbeats
# (not the test suite's short ones). DG_BENCH_JVM_OPTIONS="..." replaces the JVM options for one run.
#
#   ./dg build && bench/pipeline.sh [single=30] [burst=200] [worker capacity=8]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -q -o verify -pl e2e-tests -Dit.test=PipelineBench -Dsurefire.skip=true -Dfailsafe.failIfNoSpecifiedTests=false \
  -Ddg.bench.single="${1:-30}" -Ddg.bench.burst="${2:-200}" -Ddg.bench.capacity="${3:-8}" \
  -Ddg.e2e.tracing="$([[ "${DG_BENCH_HOPS:-0}" == 1 ]] && echo true || echo false)" \
  -Ddg.e2e.shipped=true -Ddg.e2e.jvm-options="${DG_BENCH_JVM_OPTIONS:-}" 2>&1 \
  | grep -E '^(pipeline|figure|floor|StepRequest|burst|resident|hop)|FAIL|ERROR' || true
