#!/usr/bin/env bash
# Runs Experiment A's db_bench command REPEATS times on a prepared tree and reports wall time, ops/sec, write
# P99 and stall per run, and the coefficient of variation (CV) of ops/sec and P99 over the runs.
#
# Usage: rocksdb-bench-noise.sh TREE [REPEATS [OUTDIR]]
#   REPEATS defaults to 8. Raw stdout/stderr of each run go to OUTDIR (default: a new /tmp directory).
#   BENCH_ARGS overrides the db_bench arguments (default: EXPERIMENT_A_ARGS below, ExperimentA's @Bench
#   command and args without --db/--wal_dir, at the run length LENGTH, default --num=500000, one of
#   EXPERIMENT_A_LENGTHS, its @Bench(lengths); DbBenchArgumentsTest keeps them equal).
set -euo pipefail

EXPERIMENT_A_ARGS="--benchmarks=fillrandom,stats,levelstats --enable_pipelined_write=false --write_buffer_size=2097152 --level0_file_num_compaction_trigger=2 --level0_slowdown_writes_trigger=4 --level0_stop_writes_trigger=8 --max_background_jobs=1 --histogram=1 --statistics=1 --threads=2"
EXPERIMENT_A_LENGTHS="--num=400000 --num=500000 --num=650000"

TREE=$(cd "${1:?usage: rocksdb-bench-noise.sh TREE [REPEATS [OUTDIR]]}" && pwd)
REPEATS=${2:-8}
OUT=${3:-$(mktemp -d /tmp/aiopt-bench-noise.XXXXXX)}
mkdir -p "$OUT"
[[ -x "$TREE/db_bench" ]] || { echo "rocksdb-bench-noise: $TREE/db_bench missing; run prepare-rocksdb.sh" >&2; exit 2; }
BENCH_ARGS=${BENCH_ARGS:-$EXPERIMENT_A_ARGS ${LENGTH:---num=500000}}
# Each run gets a fresh DB directory (a --db or --wal_dir given in BENCH_ARGS is replaced).
BENCH_ARGS=$(sed -E 's#--(db|wal_dir)=[^ ]*##g' <<<"$BENCH_ARGS")
echo "db_bench $BENCH_ARGS --db=<fresh dir>"
printf '%-4s %8s %10s %9s %9s %8s %6s\n' run wall_s ops_sec micros_op p99_us stall% L0
for i in $(seq 1 "$REPEATS"); do
  db=$(mktemp -d /tmp/aiopt-dbbench.XXXXXX)
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086
  (cd "$TREE" && ./db_bench $BENCH_ARGS --db="$db" --wal_dir="$db") >"$OUT/run$i.stdout.txt" 2>"$OUT/run$i.stderr.txt"
  wall=$(echo "$(date +%s.%N) - $t0" | bc)
  rm -rf "$db"
  awk -v run="$i" -v wall="$wall" '
    /^fillrandom +:/ { mop = $3; ops = $5 }
    /^Microseconds per write:/ { inwrite = 1 }
    inwrite && /^Percentiles:/ { for (f = 1; f <= NF; f++) if ($f == "P99:") p99 = $(f + 1); inwrite = 0 }
    /^Cumulative stall:/ { stall = $5 }
    /^ +L0 +[0-9]+\/[0-9]+/ { split($2, a, "/"); l0 = a[1] }
    END { printf "%-4s %8.2f %10s %9s %9s %8s %6s\n", run, wall, ops, mop, p99, stall, l0 }' "$OUT/run$i.stdout.txt"
done | tee "$OUT/summary.txt"
awk 'NR > 0 { n++; w += $2; o += $3; oo += $3 * $3; p += $5; pp += $5 * $5 }
  END {
    mo = o / n; mp = p / n
    so = sqrt((oo - n * mo * mo) / (n - 1)); sp = sqrt((pp - n * mp * mp) / (n - 1))
    printf "n=%d  wall mean %.2f s  ops/sec mean %.0f CV %.1f%%  P99 mean %.2f us CV %.1f%%\n", n, w / n, mo, 100 * so / mo, mp, 100 * sp / mp
  }' "$OUT/summary.txt" | tee -a "$OUT/summary.txt"
# What a candidate-vs-reference comparison sees when the two run back to back: the ratio within pairs of
# adjacent runs (1/2, 3/4, ...) of the same binary. Its spread is the noise an interleaved comparison fights.
awk '$1 ~ /^[0-9]+$/ { ops[$1] = $3; p99[$1] = $5; n = $1 }
  END {
    for (i = 1; i + 1 <= n; i += 2) { k++; r = ops[i] / ops[i + 1]; s += r; ss += r * r; q = p99[i] / p99[i + 1]; t += q; tt += q * q }
    if (k < 2) exit
    m = s / k; sd = sqrt((ss - k * m * m) / (k - 1)); mq = t / k; sq = sqrt((tt - k * mq * mq) / (k - 1))
    printf "adjacent pairs=%d  ops/sec ratio mean %.3f sd %.3f  P99 ratio mean %.3f sd %.3f\n", k, m, sd, mq, sq
  }' "$OUT/summary.txt" | tee -a "$OUT/summary.txt"
echo "raw outputs in $OUT"
