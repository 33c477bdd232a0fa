#!/usr/bin/env bash
# Compares the gate's two p99 tests at an equal A/A false-alarm rate (TailTestSimulation in the tests): per-run
# p99 with Mann-Whitney (the gate today) against the p99 of merged latency histograms with a bootstrap (and a
# permutation test) over runs. Runs are a real db_bench histogram's shape scaled by run-to-run noise fitted to
# the recorded repeats. A simulation, not a timed test.
#
# Usage (from anywhere): aiopt-junit/scripts/tail-test-simulation.sh [trials per cell, default 1000] [runs a side, default 10]
# 1000 trials take about 5 minutes on 2 busy cores.
#        aiopt-junit/scripts/tail-test-simulation.sh looks [trials, default 2000]
# prints instead the gate with three looks (repeats until decided) against one look (SequentialGateSimulation).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
./mvnw -q -B -pl aiopt-junit test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/tail-test-classpath.txt
cd aiopt-junit
classpath="target/classes:target/test-classes:$(cat target/tail-test-classpath.txt)"
if [ "${1:-}" = looks ]; then
  exec java -cp "$classpath" dev.aiopt.junit.internal.stats.SequentialGateSimulation "${2:-2000}"
fi
exec java -cp "$classpath" dev.aiopt.junit.internal.stats.TailTestSimulation "${1:-1000}" "${2:-10}"
