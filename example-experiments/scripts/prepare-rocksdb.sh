#!/usr/bin/env bash
# Prepares a RocksDB tree with a coz-ready db_bench for Experiment A.
#
# Usage: prepare-rocksdb.sh [--native] [--add-apt-source] [--dry-run] DIR
#   If AI_OPT_ROCKSDB_PATH is set, that tree is used (it must contain db/db_impl/db_impl_write.cc);
#   otherwise Debian's rocksdb source package is fetched into DIR (apt-get source, bookworm deb-src).
#   Then: build dependencies are installed, a named coz progress point is added to DBImpl::Write (outside
#   the evolvable DBImpl::WriteImpl), and db_bench is built with coz-compatible debug flags.
#   Finally <tree>/aiopt-build-flags.txt records the flags as run (run.json's manifest carries them) and
#   <tree>/aiopt-prepared.env sets AI_OPT_ROCKSDB_PATH, the one variable the README says to export.
#
#   --native          build with -march=native (PORTABLE unset): faster here, but the binaries and objects
#                     then need this CPU's instruction set. Default: PORTABLE=1, no -march=native.
#   --add-apt-source  when no deb-src entry exists, add /etc/apt/sources.list.d/aiopt-deb-src.sources
#                     without asking (otherwise the script asks on a terminal and stops elsewhere).
#   --dry-run         print what would be done (tree, apt source, make variables) and change nothing.
#   A tree built before with other flags (or by an older script, which used -march=native) is cleaned
#   (make clean) and built again: objects of two flag sets must not be linked together.
#
# Idempotent: a second run with everything in place only checks and says so.
# Environment: JOBS (default 2), AI_OPT_ROCKSDB_PATH (optional existing tree).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
JOBS=${JOBS:-2}
NATIVE=0 ADD_APT_SOURCE=0 DRY_RUN=0
while [[ $# -gt 0 && $1 == --* ]]; do
  case $1 in
    --native) NATIVE=1 ;;
    --add-apt-source) ADD_APT_SOURCE=1 ;;
    --dry-run) DRY_RUN=1 ;;
    *) echo "prepare-rocksdb: unknown option $1 (known: --native, --add-apt-source, --dry-run)" >&2; exit 2 ;;
  esac
  shift
done
# coz needs DWARF 4 without location views, and frame pointers. These go into OPTIMIZE_LEVEL because the
# Makefile appends it after its own -g and -O flags (EXTRA_CXXFLAGS comes too early to override them).
OPTIMIZE_LEVEL_FLAGS="-O2 -g -gdwarf-4 -gno-variable-location-views -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer"
# PORTABLE=1 keeps RocksDB's build_detect_platform from adding -march=native; --native leaves it unset.
if [[ $NATIVE == 1 ]]; then MODE=native; PORTABLE_VAR=(); else MODE=portable; PORTABLE_VAR=(PORTABLE=1); fi
MAKE_VARS=(DEBUG_LEVEL=0 DISABLE_WARNING_AS_ERROR=1 "${PORTABLE_VAR[@]}" "OPTIMIZE_LEVEL=$OPTIMIZE_LEVEL_FLAGS")
FLAGS_FILE=aiopt-build-flags.txt
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
  die "usage: prepare-rocksdb.sh [--native] [--add-apt-source] [--dry-run] DIR (or set AI_OPT_ROCKSDB_PATH to an existing RocksDB tree)"
fi
has_deb_src() { grep -rqsE '^(Types:.*deb-src|deb-src .*bookworm)' /etc/apt/sources.list /etc/apt/sources.list.d/; }
if [[ $DRY_RUN == 1 ]]; then
  echo "prepare-rocksdb --dry-run: nothing is changed"
  echo "    tree: ${AI_OPT_ROCKSDB_PATH:-the Debian rocksdb source, fetched into ${1:-?}}"
  if [[ -z "${AI_OPT_ROCKSDB_PATH:-}" ]] && ! has_deb_src; then
    echo "    apt: no deb-src entry; would add /etc/apt/sources.list.d/aiopt-deb-src.sources $( ((ADD_APT_SOURCE)) \
      && echo '(--add-apt-source)' || echo 'after asking (or with --add-apt-source)')"
  else
    echo "    apt: no source entry to add"
  fi
  echo "    build ($MODE): make ${MAKE_VARS[*]} -j$JOBS db_bench"
  echo "    writes: <tree>/$FLAGS_FILE, <tree>/aiopt-prepared.env (AI_OPT_ROCKSDB_PATH only)"
  exit 0
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
    if ! has_deb_src; then
      if [[ $ADD_APT_SOURCE != 1 ]]; then
        if [[ -t 0 ]]; then
          read -r -p "    No deb-src entry: add /etc/apt/sources.list.d/aiopt-deb-src.sources (bookworm) and run apt-get update? [y/N] " answer
          [[ $answer == [yY]* ]] || die "no deb-src entry and not allowed to add one; add one yourself, pass --add-apt-source, or set AI_OPT_ROCKSDB_PATH to a tree"
        else
          die "no deb-src entry for bookworm; rerun with --add-apt-source to let this script add /etc/apt/sources.list.d/aiopt-deb-src.sources, or set AI_OPT_ROCKSDB_PATH to a tree"
        fi
      fi
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
built_mode=$(sed -n 's/^mode: //p' "$FLAGS_FILE" 2>/dev/null || true)
if [[ -e db_bench || -f librocksdb.a ]] && [[ "${built_mode:-native}" != "$MODE" ]]; then
  # An older script built with -march=native and wrote no flags file: "native" when unknown.
  echo "    the tree was built ${built_mode:-by an older script (-march=native)}, $MODE wanted: make clean, full rebuild"
  make clean >"$TREE/aiopt-clean.log" 2>&1 || die "make clean failed; see $TREE/aiopt-clean.log"
  rm -f aiopt-rebuild.env "$FLAGS_FILE"
fi
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
  AI_OPT_MAKE_VARS="$(printf '%q ' "${MAKE_VARS[@]}")" "$SCRIPT_DIR/rocksdb-workspace.sh" capture "$TREE" >/dev/null
  step_end "captured make's compile/archive/link commands into aiopt-rebuild.env"
fi
step_start "oracle"
"$SCRIPT_DIR/rocksdb-oracle.sh" build "$TREE"
step_end "$TREE/aiopt-oracle/oracle is up to date"

# ---- 6. the flags as run, for the provenance manifest ----------------------------------------------------
# shellcheck source=/dev/null
compile=$( . ./aiopt-rebuild.env && echo "$COMPILE_TEMPLATE" )
{
  echo "# Written by prepare-rocksdb.sh on $(date -u +%FT%TZ); run.json's manifest (build.preparedFlags) carries"
  echo "# the lines below. The compile line is make's own for db_impl_write.cc, as captured in aiopt-rebuild.env."
  echo "mode: $MODE"
  echo "make: ${MAKE_VARS[*]}"
  echo "compile: $compile"
} >"$FLAGS_FILE"
if [[ $MODE == portable ]] && grep -q -- '-march=native' <<<"$compile"; then
  die "PORTABLE=1 was asked for, but make still compiles with -march=native: $compile"
fi
echo "==> flags recorded in $TREE/$FLAGS_FILE ($MODE$(grep -q -- '-march=native' <<<"$compile" && echo ', -march=native'))"

# ---- 7. the environment for Experiment A -------------------------------------------------------------------
# Only what the README says to export: ExperimentA's annotations carry the build, the oracle and the db_bench
# arguments, and an exported AI_OPT_BUILD_CMD / AI_OPT_BENCH_CMD / AI_OPT_BENCH_ARGS would override them.
cat >"$TREE/aiopt-prepared.env.tmp" <<EOF
# Written by prepare-rocksdb.sh on $(date -u +%FT%TZ). Use: set -a; . $TREE/aiopt-prepared.env; set +a
# It sets only AI_OPT_ROCKSDB_PATH; the build, oracle and db_bench arguments are ExperimentA's annotations.
AI_OPT_ROCKSDB_PATH=$TREE
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
