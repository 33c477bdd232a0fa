#!/usr/bin/env bash
# Builds and runs the loses-no-writes oracle (src/test/cpp/rocksdb-oracle/oracle.cc) against a prepared RocksDB
# tree or workspace: compiled with make's own flags, linked like db_bench (the objects a candidate rebuilt,
# listed in .aiopt-overrides, ahead of librocksdb.a), so it exercises the candidate's DBImpl::WriteImpl.
#
# Usage:
#   rocksdb-oracle.sh build TREE          builds TREE/aiopt-oracle/oracle (only what is out of date)
#   rocksdb-oracle.sh run TREE [ARGS...]  builds, then runs the oracle (default: all scenarios) in a scratch
#                                         directory under ${AI_OPT_ORACLE_DIR:-/tmp}; exit 0 = PASS, 1 = FAIL
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ORACLE_SRC=$(cd "$SCRIPT_DIR/../src/test/cpp/rocksdb-oracle" && pwd)/oracle.cc
die() { echo "rocksdb-oracle: $*" >&2; exit 2; }
now() { date +%s.%N; }

build() {
  local tree=$1
  [[ -f "$tree/db/db_impl/db_impl_write.cc" ]] || die "$tree is not a RocksDB tree (no db/db_impl/db_impl_write.cc)"
  [[ -f "$tree/librocksdb.a" ]] || die "$tree has no librocksdb.a; run prepare-rocksdb.sh first"
  [[ -f "$ORACLE_SRC" ]] || die "oracle source $ORACLE_SRC is missing"
  cd "$tree"
  [[ -f aiopt-rebuild.env ]] || "$SCRIPT_DIR/rocksdb-workspace.sh" capture "$tree" >/dev/null
  # shellcheck disable=SC1091
  source ./aiopt-rebuild.env
  mkdir -p aiopt-oracle
  local t0
  if [[ ! -f aiopt-oracle/oracle.o || "$ORACLE_SRC" -nt aiopt-oracle/oracle.o ]]; then
    t0=$(now)
    local cmd=${COMPILE_TEMPLATE//"{SRC}"/$ORACLE_SRC}
    cmd=${cmd//"{OBJ}"/aiopt-oracle/oracle.o.tmp}
    local cc_prefix=""
    command -v ccache >/dev/null && [[ "${AI_OPT_CCACHE:-1}" != 0 ]] && cc_prefix="ccache "
    CCACHE_NOHASHDIR=true eval "$cc_prefix$cmd" || die "compiling $ORACLE_SRC failed"
    mv -f aiopt-oracle/oracle.o.tmp aiopt-oracle/oracle.o
    printf 'oracle: compiled in %.1f s\n' "$(echo "$(now) - $t0" | bc)" >&2
  fi
  # Objects a candidate rebuilt (rocksdb-workspace.sh rebuild) go ahead of the archive, as for db_bench.
  local overrides=() o stale=0
  [[ -f .aiopt-overrides ]] && mapfile -t overrides <.aiopt-overrides
  [[ ! -x aiopt-oracle/oracle || aiopt-oracle/oracle.o -nt aiopt-oracle/oracle || "$LIBRARY" -nt aiopt-oracle/oracle ]] && stale=1
  for o in "${overrides[@]}"; do [[ "$o" -nt aiopt-oracle/oracle ]] && stale=1; done
  if [[ $stale == 1 ]]; then
    t0=$(now)
    local link=${PROGRAM_LINK_TEMPLATE//"{OBJS}"/aiopt-oracle/oracle.o ${overrides[*]}}
    local gold=""
    [[ "${AI_OPT_LINKER:-gold}" == gold ]] && command -v ld.gold >/dev/null && gold="-fuse-ld=gold"
    eval "${link//"{OUT}"/aiopt-oracle/oracle.tmp} $gold" || die "linking the oracle failed"
    mv -f aiopt-oracle/oracle.tmp aiopt-oracle/oracle
    printf 'oracle: linked in %.1f s\n' "$(echo "$(now) - $t0" | bc)" >&2
  fi
}

cmd=${1:-}
shift || true
case "$cmd" in
  build) [[ $# -eq 1 ]] || die "usage: rocksdb-oracle.sh build TREE"; build "$(cd "$1" && pwd)" ;;
  run)
    [[ $# -ge 1 ]] || die "usage: rocksdb-oracle.sh run TREE [ARGS...]"
    tree=$(cd "$1" && pwd); shift
    (build "$tree")
    scratch=${AI_OPT_ORACLE_DIR:-/tmp}
    mkdir -p "$scratch"
    exec "$tree/aiopt-oracle/oracle" "$@" --dir "$scratch"
    ;;
  *) die "usage: rocksdb-oracle.sh build|run TREE [ARGS...]" ;;
esac
