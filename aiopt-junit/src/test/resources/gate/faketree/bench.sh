#!/bin/sh
# A stand-in benchmark for the gate's tests: prints db_bench's result and histogram lines with figures set by
# the evolve block, plus a small deterministic wobble per run (a counter kept in the working directory), so
# that a test controls exactly how much slower a candidate is. A slice may set WOBBLE (percent, default 1).
# The reference's wobble runs three steps ahead of the candidate's, so that the two runs of an interleaved pair
# differ as real runs do (a paired gate would otherwise see no noise at all).
# EVOLVE-BLOCK-START
OPS=100000
P99=10.0
# EVOLVE-BLOCK-END
n=$(cat runs 2>/dev/null || echo 0)
n=$((n + 1))
echo "$n" > runs
case "$PWD" in
  */reference/*) n=$((n + 3)) ;;
esac
awk -v ops="$OPS" -v p99="$P99" -v n="$n" -v w="${WOBBLE:-1}" 'BEGIN {
  wobble = ((n * 7) % 11 - 5) * w / 500.0
  o = ops * (1 + wobble)
  printf "fillrandom   :      %.3f micros/op %d ops/sec;   10.0 MB/s\n", 1e6 / o, o
  print "Microseconds per write:"
  print "Count: 1000 Average: 5.0000  StdDev: 1.00"
  print "Min: 1  Median: 3.0000  Max: 50"
  printf "Percentiles: P50: 3.00 P75: 4.00 P99: %.2f P99.9: 30.00 P99.99: 40.00\n", p99 * (1 - wobble)
}'
