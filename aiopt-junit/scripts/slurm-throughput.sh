#!/usr/bin/env bash
# Measures the Slurm executor on this machine's local cluster with 1, 2 and 3 nodes: submit-to-start latency
# of a single unit on an idle cluster, and the speed-up of a batch of benchmark units (--exclusive, one per
# node at a time) that sleep instead of computing. Uses a cluster of its own (/tmp/aiopt-slurm-bench, port
# 17017) and stops it at the end. A measurement, not a test; the README quotes its output.
#
# Usage (from anywhere): aiopt-junit/scripts/slurm-throughput.sh [units, default 6] [sleep seconds, default 5]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
units=${1:-6}
sleep_s=${2:-5}
export AIOPT_SLURM_DIR=/tmp/aiopt-slurm-bench AIOPT_SLURM_PORT=17017
./mvnw -q -B -o -pl aiopt-junit test-compile
trap 'aiopt-junit/scripts/local-slurm.sh stop' EXIT
for nodes in 1 2 3; do
  aiopt-junit/scripts/local-slurm.sh stop >/dev/null 2>&1 || true
  aiopt-junit/scripts/local-slurm.sh start "$nodes" >/dev/null
  sleep 4 # the first scheduling pass after a start takes about 3 s; measure a settled cluster
  ./mvnw -q -B -o -pl aiopt-junit exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
    -Dexec.args="-cp %classpath dev.aiopt.junit.internal.executor.SlurmThroughput $AIOPT_SLURM_DIR/slurm.conf nodes$nodes 5 $units $sleep_s"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
done
