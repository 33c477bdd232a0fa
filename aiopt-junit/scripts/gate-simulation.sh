#!/usr/bin/env bash
# Prints the regression gate's quality under noise fitted to real db_bench runs: A/A false-alarm rate and
# power against 3/5/10% throughput and 5/10/20% p99 regressions, per noise scenario and runs per side, and
# the sequential candidate-vs-parent decision of the evolution loop. A simulation, not a timed test.
#
# Usage (from anywhere): aiopt-junit/scripts/gate-simulation.sh [trials-per-cell, default 2000] [seed]
# 4000 trials take a few minutes on 2 cores.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
args="${1:-2000} ${2:-20261124}"
exec ./mvnw -q -B -pl aiopt-junit test-compile exec:java -Dexec.args="$args"
