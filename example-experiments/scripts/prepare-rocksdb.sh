#!/usr/bin/env bash
# Prepares a RocksDB tree with a coz-ready db_bench for Experiment A.
#
# Usage: prepare-rocksdb.sh DIR
#   If AI_OPT_ROCKSDB_PATH is set, that tree is used (it must contain db/db_impl/db_impl_write.cc);
#   otherwise Debian's rocksdb source package is fetched into DIR (apt-get source, bookworm deb-src).
#   Then: build dependencies are installed, a named coz progress point is added to DBImpl::Write (outside
#   the evolvable DBImpl::WriteImpl), and db_bench is built with coz-compatible debug flags.
#   Finally <tree>/aiopt-prepared.env is written with the AI_OPT_* values to use.
#
# Idempotent: a second run with everything in place only checks and says so.
# Environment: JOBS (default 2), AI_OPT_ROCKSDB_PATH (optional existing tree).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
JOBS=${JOBS:-2}
# coz needs DWARF 4 without location views, and frame pointers. These go into OPTIMIZE_LEVEL because the
# Makefile appends it after its own -g and -O flags (EXTRA_CXXFLAGS comes too early to override them).
OPTIMIZE_LEVEL_FLAGS="-O2 -g -gdwarf-4 -gno-variable-location-views -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer"
MAKE_VARS=(DEBUG_LEVEL=0 DISABLE_WARNING_AS_ERROR=1 "OPTIMIZE_LEVEL=$OPTIMIZE_LEVEL_FLAGS")
BUILD_DEPS=(libgflags-dev libsnappy-dev zlib1g-dev libbz2-dev liblz4-dev libzstd-dev coz-profiler ccache dpkg-dev)
COZ_MARKER="aiopt: coz progress point"

TOTAL_START=$(date +%s)
step_start() { STEP_NAME=$1; STEP_T0=$(date +%s.%N); echo "==> $STEP_NAME"; }
step_end() {
  local t1; t1=$(date +%s.%N)
  printf '    %s: %s (%.1f s)\n' "$STEP_NAME" "$1" "$(echo "$t1 - $STEP_T0" | bc)"
}
die() { echo "prepare-rocksdb: $*" >&2; exit 1; }

if [[ $# -ne 1 && -z "${AI_OPT_ROCKSDB_PATH:-}" ]]; then
  die "usage: prepare-rocksdb.sh DIR (or set AI_OPT_ROCKSDB_PATH to an existing RocksDB tree)"
fi
command -v bc >/dev/null || apt-get install -y -q bc >/dev/null

# ---- 1. the tree ----------------------------------------------------------------------------------------
step_start "source tree"
if [[ -n "${AI_OPT_ROCKSDB_PATH:-}" ]]; then
  TREE=$(cd "$AI_OPT_ROCKSDB_PATH" 2>/dev/null && pwd) \
    || die "AI_OPT_ROCKSDB_PATH=$AI_OPT_ROCKSDB_PATH is not a directory; point it at a RocksDB source tree"
  [[ -f "$TREE/db/db_impl/db_impl_write.cc" ]] \
    || die "AI_OPT_ROCKSDB_PATH=$TREE is not a RocksDB tree (no db/db_impl/db_impl_write.cc); point it at the top of a RocksDB checkout"
  step_end "using AI_OPT_ROCKSDB_PATH=$TREE"
else
  DIR=$1
  mkdir -p "$DIR"
  DIR=$(cd "$DIR" && pwd)
  existing=$(ls -d "$DIR"/rocksdb-*/ 2>/dev/null | head -1 || true)
  if [[ -n "$existing" && -f "$existing/db/db_impl/db_impl_write.cc" ]]; then
    TREE=${existing%/}
    step_end "already fetched: $TREE"
  else
    if ! grep -rqsE '^(Types:.*deb-src|deb-src .*bookworm)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
      echo "    adding a deb-src entry for bookworm (/etc/apt/sources.list.d/aiopt-deb-src.sources)"
      cat >/etc/apt/sources.list.d/aiopt-deb-src.sources <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
      apt-get update -q >/dev/null
    fi
    command -v dpkg-source >/dev/null || apt-get install -y -q dpkg-dev >/dev/null
    (cd "$DIR" && apt-get source -q rocksdb >"$DIR/apt-get-source.log" 2>&1) \
      || die "apt-get source rocksdb failed; see $DIR/apt-get-source.log"
    TREE=$(ls -d "$DIR"/rocksdb-*/ | head -1); TREE=${TREE%/}
    [[ -f "$TREE/db/db_impl/db_impl_write.cc" ]] || die "fetched $TREE but it has no db/db_impl/db_impl_write.cc"
    step_end "fetched Debian source into $TREE"
  fi
fi

# ---- 2. build dependencies ------------------------------------------------------------------------------
step_start "build dependencies"
missing=()
for p in "${BUILD_DEPS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  step_end "all installed"
else
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
  step_end "installed ${missing[*]}"
fi

# ---- 3. coz progress point in DBImpl::Write (outside DBImpl::WriteImpl) ---------------------------------
step_start "coz progress point"
TARGET="$TREE/db/db_impl/db_impl_write.cc"
if grep -q "$COZ_MARKER" "$TARGET"; then
  step_end "already present"
else
  perl -0pi -e '
    my $inc = "// '"$COZ_MARKER"' (added by prepare-rocksdb.sh, outside DBImpl::WriteImpl)\n"
            . "#if defined(__has_include)\n#if __has_include(<coz.h>)\n#include <coz.h>\n#endif\n#endif\n"
            . "#ifndef COZ_PROGRESS_NAMED\n#define COZ_PROGRESS_NAMED(name)\n#endif\n";
    s{(#include "db/db_impl/db_impl.h"\n)}{$1$inc} or die "no #include of db_impl.h found\n";
    s{(Status DBImpl::Write\(const WriteOptions& write_options, WriteBatch\* my_batch\) \{.*?WriteImpl\(.*?\);\n)}
     {$1    COZ_PROGRESS_NAMED("DBImpl::Write");  // '"$COZ_MARKER"'\n}s
      or die "DBImpl::Write calling WriteImpl not found\n";
  ' "$TARGET" || die "could not add the coz progress point to $TARGET"
  step_end "added COZ_PROGRESS_NAMED(\"DBImpl::Write\") after the WriteImpl call in DBImpl::Write"
fi

# ---- 4. build db_bench ----------------------------------------------------------------------------------
step_start "build db_bench"
cd "$TREE"
if [[ -x db_bench && -f librocksdb.a ]] && make -q "${MAKE_VARS[@]}" db_bench >/dev/null 2>&1; then
  step_end "db_bench up to date"
else
  log="$TREE/aiopt-build.log"
  echo "    make ${MAKE_VARS[*]} -j$JOBS db_bench  (log: $log)"
  if ! make "${MAKE_VARS[@]}" -j"$JOBS" db_bench >"$log" 2>&1; then
    tail -30 "$log" >&2
    die "building db_bench failed; full log in $log"
  fi
  step_end "built $TREE/db_bench"
fi
dwarf=$(readelf --debug-dump=info db_bench 2>/dev/null | grep -m1 -o 'Version:[[:space:]]*[0-9]*' | grep -o '[0-9]*$' || true)
[[ "$dwarf" == 4 ]] || die "db_bench has DWARF version '${dwarf:-none}', coz needs 4; remove the objects and rerun"
[[ $(nm -C db_bench | grep -c "DBImpl::WriteImpl(") -gt 0 ]] || die "db_bench has no DBImpl::WriteImpl symbol"
echo "    db_bench: DWARF version $dwarf, coz progress point $(grep -c "$COZ_MARKER" "$TARGET" >/dev/null && echo present)"

# ---- 5. fast-rebuild commands and the oracle -------------------------------------------------------------
step_start "fast-rebuild commands"
if [[ -f aiopt-rebuild.env ]]; then
  step_end "already captured (aiopt-rebuild.env)"
else
  "$SCRIPT_DIR/rocksdb-workspace.sh" capture "$TREE" >/dev/null
  step_end "captured make's compile/archive/link commands into aiopt-rebuild.env"
fi
step_start "oracle"
"$SCRIPT_DIR/rocksdb-oracle.sh" build "$TREE"
step_end "$TREE/aiopt-oracle/oracle is up to date"

# ---- 6. the values for Experiment A ---------------------------------------------------------------------
BENCH_ARGS="--benchmarks=fillrandom,stats,levelstats --enable_pipelined_write=false --write_buffer_size=2097152 --level0_file_num_compaction_trigger=2 --level0_slowdown_writes_trigger=4 --level0_stop_writes_trigger=8 --max_background_jobs=1 --threads=2 --num=500000 --histogram=1 --statistics=1"
cat >"$TREE/aiopt-prepared.env.tmp" <<EOF
# Written by prepare-rocksdb.sh on $(date -u +%FT%TZ). Shell syntax: set -a; . $TREE/aiopt-prepared.env; set +a
# The commands run with a workspace (or the tree) as working directory.
AI_OPT_ROCKSDB_PATH=$TREE
AI_OPT_TARGET_FILE=db/db_impl/db_impl_write.cc
AI_OPT_FUNCTION=DBImpl::WriteImpl
AI_OPT_MAKE_VARS='${MAKE_VARS[*]:0:2} OPTIMIZE_LEVEL="$OPTIMIZE_LEVEL_FLAGS"'
AI_OPT_BUILD_CMD='$SCRIPT_DIR/rocksdb-workspace.sh rebuild .'
AI_OPT_BUILD_CMD_MAKE='make DEBUG_LEVEL=0 DISABLE_WARNING_AS_ERROR=1 OPTIMIZE_LEVEL="$OPTIMIZE_LEVEL_FLAGS" -j$JOBS db_bench'
AI_OPT_BENCH_BIN=./db_bench
AI_OPT_BENCH_ARGS='$BENCH_ARGS'
# BENCH_ARGS has no --db: parallel runs must not share one. BENCH_CMD gives each run a fresh directory.
AI_OPT_BENCH_CMD='d=\$(mktemp -d /tmp/aiopt-dbbench.XXXXXX) && ./db_bench $BENCH_ARGS --db=\$d --wal_dir=\$d; rc=\$?; rm -rf "\$d"; exit \$rc'
AI_OPT_ORACLE_CMD='$SCRIPT_DIR/rocksdb-oracle.sh run .'
EOF
if [[ -f "$TREE/aiopt-prepared.env" ]] && diff -q <(tail -n +2 "$TREE/aiopt-prepared.env") \
    <(tail -n +2 "$TREE/aiopt-prepared.env.tmp") >/dev/null; then
  rm -f "$TREE/aiopt-prepared.env.tmp"
  echo "==> $TREE/aiopt-prepared.env is up to date"
else
  mv -f "$TREE/aiopt-prepared.env.tmp" "$TREE/aiopt-prepared.env"
  echo "==> wrote $TREE/aiopt-prepared.env"
fi
echo "==> prepare-rocksdb done in $(( $(date +%s) - TOTAL_START )) s: $TREE"
