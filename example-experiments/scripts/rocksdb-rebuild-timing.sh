#!/usr/bin/env bash
# Measures a candidate's rebuild of db_bench after a change to db/db_impl/db_impl_write.cc: the fast path
# (rocksdb-workspace.sh rebuild: one compile and a link with the new object ahead of the archive) against a bare incremental
# `make db_bench` after `touch db/db_impl/db_impl_write.cc`, each REPEATS times, and checks TREE is unchanged.
#
# Usage: rocksdb-rebuild-timing.sh TREE [REPEATS [WORKDIR]]
#   Every repeat makes a real change (a new comment line), so neither make nor ccache can skip the compile;
#   the fast path runs with AI_OPT_CCACHE=0 for the same reason, plus one ccache-hit rebuild at the end.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WS_SH="$SCRIPT_DIR/rocksdb-workspace.sh"
TREE=$(cd "${1:?usage: rocksdb-rebuild-timing.sh TREE [REPEATS [WORKDIR]]}" && pwd)
REPEATS=${2:-3}
WORK=${3:-$(mktemp -d /tmp/aiopt-rebuild-timing.XXXXXX)}
TARGET=db/db_impl/db_impl_write.cc
vars=(DEBUG_LEVEL=0 DISABLE_WARNING_AS_ERROR=1 PORTABLE=1
  "OPTIMIZE_LEVEL=-O2 -g -gdwarf-4 -gno-variable-location-views -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer")
secs() { echo "$(date +%s.%N) - $1" | bc; }

before=$("$WS_SH" hash "$TREE")
t0=$(date +%s.%N); "$WS_SH" create "$TREE" "$WORK/fast" >/dev/null; create_link=$(secs "$t0")
t0=$(date +%s.%N); "$WS_SH" create "$TREE" "$WORK/make" --copy >/dev/null; create_copy=$(secs "$t0")
printf 'create workspace: hard-link mode %.1f s, full copy %.1f s\n' "$create_link" "$create_copy"

fast=(); bare=()
for i in $(seq 1 "$REPEATS"); do
  echo "// aiopt rebuild timing $i $(date +%s%N)" >>"$WORK/fast/$TARGET"
  t0=$(date +%s.%N); AI_OPT_CCACHE=0 "$WS_SH" rebuild "$WORK/fast" >"$WORK/fast-$i.log" 2>&1; fast+=("$(secs "$t0")")
  echo "// aiopt rebuild timing $i $(date +%s%N)" >>"$WORK/make/$TARGET"
  touch "$WORK/make/$TARGET"
  t0=$(date +%s.%N); (cd "$WORK/make" && make "${vars[@]}" -j2 db_bench) >"$WORK/make-$i.log" 2>&1; bare+=("$(secs "$t0")")
  printf 'repeat %d: fast rebuild %.1f s (%s), make db_bench %.1f s\n' "$i" "${fast[-1]}" \
    "$(grep -E '^(compile|archive|link)' "$WORK/fast-$i.log" | sed -E 's/ [^ ]+\.(cc|a):/:/' | tr '\n' ' ')" "${bare[-1]}"
done
# A candidate seen before (or going back to the baseline): the compile is a ccache hit.
sed -i '$d' "$WORK/fast/$TARGET"
"$WS_SH" rebuild "$WORK/fast" >/dev/null 2>&1  # fills the cache for this text
t0=$(date +%s.%N); "$WS_SH" rebuild "$WORK/fast" >"$WORK/fast-ccache.log" 2>&1; hit=$(secs "$t0")
printf 'fast rebuild with a ccache hit: %.1f s\n' "$hit"
mean() { printf '%s\n' "$@" | awk '{s += $1} END {printf "%.1f", s / NR}'; }
mf=$(mean "${fast[@]}"); mb=$(mean "${bare[@]}")
printf 'mean over %d: fast %s s, make %s s, ratio make/fast %.1f\n' "$REPEATS" "$mf" "$mb" "$(echo "$mb / $mf" | bc -l)"
after=$("$WS_SH" hash "$TREE")
[[ "$before" == "$after" ]] && echo "tree unchanged (sha256 $before)" || { echo "TREE CHANGED: $before -> $after"; exit 1; }
[[ "${KEEP:-0}" == 1 ]] || rm -rf "$WORK"
