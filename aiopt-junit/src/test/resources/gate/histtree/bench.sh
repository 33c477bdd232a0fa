#!/bin/sh
# A stand-in benchmark for the gate's merged-histogram p99 test: prints aiopt-metric lines, its throughput and a
# latency histogram of 1000 deterministic samples whose tail scales with SCALE, plus a small wobble per run (a
# counter kept in the working directory), so that a test controls exactly how much slower the tail is.
# EVOLVE-BLOCK-START
OPS=100000
SCALE=1.0
# EVOLVE-BLOCK-END
n=$(cat runs 2>/dev/null || echo 0)
n=$((n + 1))
echo "$n" > runs
awk -v ops="$OPS" -v s="$SCALE" -v n="$n" 'BEGIN {
  wobble = ((n * 7) % 11 - 5) / 500.0
  printf "aiopt-metric ops_per_sec=%.1f unit=ops/s\n", ops * (1 + wobble)
  split("1 1.5 2 3 4 5 6 8 10 12 15 20 22.5 25 27.5 30 35 40 50", edge, " ")
  for (b = 1; b <= 20; b++) count[b] = 0
  for (i = 1; i <= 1000; i++) {
    x = s * (1 + 20 * (i / 1000) ^ 8) * (1 + wobble)
    b = 1
    while (b <= 19 && x > edge[b]) b++
    count[b]++
  }
  line = "aiopt-metric write_us=histogram unit=us buckets="
  for (b = 1; b <= 19; b++) line = line edge[b] ":" count[b] ","
  print line "inf:" count[20]
}'
