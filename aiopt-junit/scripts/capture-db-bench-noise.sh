#!/usr/bin/env bash
# Captures run-to-run noise of db_bench fillrandom on this machine: N identical runs of each configuration,
# interleaved (pipelined on, pipelined off, pipelined on, ...), one CSV row per run with ops/sec and the
# write-latency percentiles. This is how aiopt-junit/src/test/resources/stats/db_bench_repeats.csv was made;
# GateSimulation fits its noise model to that file.
#
# Usage: capture-db-bench-noise.sh [runs-per-config] > db_bench_repeats.csv
# Needs: db_bench (Debian: apt-get install rocksdb-tools).
set -euo pipefail
runs=${1:-15}
command -v db_bench >/dev/null || { echo "db_bench not found: apt-get install rocksdb-tools" >&2; exit 2; }
echo "run,config,ops_per_sec,p50_micros,p99_micros,p999_micros"
for ((i = 1; i <= runs; i++)); do
  for config in pipelined unpipelined; do
    pipelined=true; [[ $config == unpipelined ]] && pipelined=false
    dir=$(mktemp -d)
    out=$(db_bench --benchmarks=fillrandom --num=200000 --threads=2 --histogram \
      --enable_pipelined_write=$pipelined --db="$dir" 2>/dev/null)
    rm -rf "$dir"
    ops=$(awk '/^fillrandom/ { for (f = 1; f <= NF; f++) if ($(f + 1) == "ops/sec") print $f }' <<<"$out")
    pct=$(awk '/^Microseconds per write:/ { grab = 1 } grab && /^Percentiles:/ { print $3, $7, $9; exit }' <<<"$out")
    read -r p50 p99 p999 <<<"$pct"
    echo "$i,$config,$ops,$p50,$p99,$p999"
  done
done
