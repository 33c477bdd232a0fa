#!/usr/bin/env bash
# Private workspaces of a prepared RocksDB tree, and a fast rebuild of db_bench after a change to one file.
#
# Usage:
#   rocksdb-workspace.sh capture TREE
#       Records, from `make -n` in TREE, the exact commands make uses to compile a library source, to update
#       the archive and to link db_bench, into TREE/aiopt-rebuild.env (prepare-rocksdb.sh runs this).
#   rocksdb-workspace.sh create TREE WS [--copy]
#       Makes WS a private copy of TREE with its build outputs and their mtimes. Default: sources and make
#       metadata are real copies; objects, archives and db_bench are hard links (never written in place: the
#       rebuild replaces files by rename), and a GNUmakefile stops `make` in WS because make would write
#       shared objects in place. --copy: a full real copy (cp -a) in which make is allowed. TREE is only read.
#   rocksdb-workspace.sh rebuild WS [SOURCE...]
#       Recompiles SOURCE (default: $AI_OPT_TARGET_FILES or $AI_OPT_TARGET_FILE or
#       db/db_impl/db_impl_write.cc) with make's own flags and relinks db_bench with the new objects ahead of
#       librocksdb.a, so they replace the archive's members (a removed symbol still needed elsewhere pulls the
#       old member in and fails the link with "multiple definition", never silently). The objects are listed
#       in WS/.aiopt-overrides; rocksdb-oracle.sh links them the same way. With ccache when installed
#       (AI_OPT_CCACHE=0 turns it off), with gold when installed (AI_OPT_LINKER=bfd turns it off);
#       AI_OPT_REBUILD_ARCHIVE=1 also replaces the members in WS's own copy of librocksdb.a (slower).
#       Prints the time of each step.
#   rocksdb-workspace.sh hash TREE
#       One SHA-256 over every file's path and content in TREE (to check that a tree was not written).
set -euo pipefail

MAKE_VARS_DEFAULT=(DEBUG_LEVEL=0 DISABLE_WARNING_AS_ERROR=1 PORTABLE=1
  "OPTIMIZE_LEVEL=-O2 -g -gdwarf-4 -gno-variable-location-views -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer")
DEFAULT_TARGET=db/db_impl/db_impl_write.cc
REBUILD_ENV=aiopt-rebuild.env

die() { echo "rocksdb-workspace: $*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc; }
check_tree() {
  [[ -d "$1" ]] || die "$1 is not a directory"
  [[ -f "$1/db/db_impl/db_impl_write.cc" && -f "$1/Makefile" ]] \
    || die "$1 is not a RocksDB tree (no db/db_impl/db_impl_write.cc or Makefile)"
}

capture() {
  local tree=$1 target=${2:-$DEFAULT_TARGET}
  check_tree "$tree"
  cd "$tree"
  [[ -f librocksdb.a && -x db_bench ]] || die "$tree has no built db_bench/librocksdb.a; run prepare-rocksdb.sh first"
  local vars=("${MAKE_VARS_DEFAULT[@]}")
  if [[ -n "${AI_OPT_MAKE_VARS:-}" ]]; then eval "vars=($AI_OPT_MAKE_VARS)"; fi
  local out obj=${target%.*}.o
  out=$(make -f Makefile -n V=1 -W "$target" "${vars[@]}" db_bench 2>/dev/null) \
    || die "make -n in $tree failed; is the tree configured for ${vars[*]}?"
  local compile archive link
  compile=$(grep -F -- "-c $target -o $obj" <<<"$out" | head -1 | sed -E 's/^mkdir -p [^&]*&& //')
  archive=$(grep -E '^[^ ]*ar +rs +librocksdb[^ ]*\.a ' <<<"$out" | head -1 || true)
  link=$(grep -E -- ' -o db_bench( |$)' <<<"$out" | head -1)
  [[ -n "$compile" ]] || die "make -n did not show how $target is compiled in $tree"
  [[ -n "$link" ]] || die "make -n did not show how db_bench is linked in $tree"
  local ar_tool library
  ar_tool=$(awk '{print $1}' <<<"${archive:-ar rs librocksdb.a}")
  library=$(awk '{print $3}' <<<"${archive:-ar rs librocksdb.a}")
  {
    echo "# Written by rocksdb-workspace.sh capture from make -n in $tree on $(date -u +%FT%TZ)"
    local placeholders='-c {SRC} -o {OBJ}'
    printf 'COMPILE_TEMPLATE=%q\n' "${compile//"-c $target -o $obj"/$placeholders}"
    printf 'AR_TOOL=%q\n' "$ar_tool"
    printf 'LIBRARY=%q\n' "$library"
    printf 'LINK_TEMPLATE=%q\n' "$(sed -E 's/ -o db_bench( |$)/ -o {OUT}\1/' <<<"$link")"
    # The oracle links like db_bench, with its own objects instead of db_bench's.
    printf 'PROGRAM_LINK_TEMPLATE=%q\n' \
      "$(sed -E 's/^([^ ]+) -L\. .* (-l[^ ]*rocksdb[^ ]*) /\1 -L. {OBJS} \2 /; s/ -o db_bench( |$)/ -o {OUT}\1/' <<<"$link")"
  } >"$REBUILD_ENV"
  echo "captured compile/archive/link commands into $tree/$REBUILD_ENV"
}

create() {
  local src=$1 ws=$2 mode=${3:-link}
  check_tree "$src"
  src=$(cd "$src" && pwd)
  [[ "$mode" == link || "$mode" == --copy ]] || die "unknown option $mode (expected --copy)"
  if [[ -f "$ws/.aiopt-workspace" ]] && grep -qxF "source=$src" "$ws/.aiopt-workspace"; then
    echo "workspace $ws already exists for $src; nothing to do"
    return
  fi
  [[ ! -e "$ws" ]] || [[ -z "$(ls -A "$ws")" ]] || die "$ws exists and is not empty; pick a new directory"
  [[ -f "$src/librocksdb.a" && -x "$src/db_bench" ]] || die "$src has no built db_bench; run prepare-rocksdb.sh first"
  mkdir -p "$ws"
  ws=$(cd "$ws" && pwd)
  case "$ws/" in "$src"/*) die "workspace $ws must not be inside the tree $src" ;; esac
  local t0; t0=$(now)
  if [[ "$mode" == --copy ]]; then
    cp -a "$src/." "$ws/"
  else
    # Real copies of everything but build outputs (tar keeps mtimes), then hard links for the outputs.
    (cd "$src" && tar -cf - --exclude='./*.o' --exclude='*.o' --exclude='*.a' --exclude='./db_bench' .) \
      | (cd "$ws" && tar -xpf -)
    (cd "$src" && find . -type f \( -name '*.o' -o -name '*.a' \) -print0 \
      | xargs -0 -r cp -al --parents -t "$ws")
    (cd "$src" && ln db_bench "$ws/db_bench")
    cat >"$ws/GNUmakefile" <<EOF
# Written by rocksdb-workspace.sh: this workspace shares object files with $src through hard links, and make
# would write them in place (changing that tree). Rebuild with: rocksdb-workspace.sh rebuild $ws
# or create the workspace with --copy to use make here.
\$(error this workspace shares build outputs with $src by hard links; use 'rocksdb-workspace.sh rebuild $ws', or a --copy workspace for make)
EOF
  fi
  printf 'source=%s\nmode=%s\n' "$src" "$mode" >"$ws/.aiopt-workspace"
  printf 'workspace %s created from %s (%s) in %.1f s\n' "$ws" "$src" "${mode#--}" "$(elapsed "$t0")"
}

# gold links the 230 MB debug db_bench about twice as fast as the default bfd linker.
linker_flag() {
  if [[ "${AI_OPT_LINKER:-gold}" == gold ]] && command -v ld.gold >/dev/null; then echo "-fuse-ld=gold"; fi
}

rebuild() {
  local ws=$1; shift
  check_tree "$ws"
  cd "$ws"
  ws=$(pwd)
  local targets=("$@")
  if [[ ${#targets[@]} -eq 0 ]]; then
    IFS=',' read -r -a targets <<<"${AI_OPT_TARGET_FILES:-${AI_OPT_TARGET_FILE:-$DEFAULT_TARGET}}"
  fi
  [[ -f "$REBUILD_ENV" ]] || capture "$ws" >/dev/null
  # shellcheck disable=SC1090
  source "./$REBUILD_ENV"
  local cc_prefix=""
  if [[ "${AI_OPT_CCACHE:-1}" != 0 ]] && command -v ccache >/dev/null; then
    # Same candidate text in another workspace is a hit: the directory is not part of the key.
    export CCACHE_NOHASHDIR=true CCACHE_BASEDIR=$ws
    cc_prefix="ccache "
  fi
  # Debug info names the source tree, like every object the workspace shares with it: coz and perf then
  # report one set of paths whichever workspace built a candidate (and ccache can share hits between them).
  local origin
  origin=$(sed -n 's/^source=//p' .aiopt-workspace 2>/dev/null)
  local prefix_map="-fdebug-prefix-map=$ws=${origin:-$ws}"
  local t_all t0 objs=()
  t_all=$(now)
  for src in "${targets[@]}"; do
    [[ -f "$src" ]] || die "target $src does not exist in $ws"
    local obj=${src%.*}.o cmd
    cmd=${COMPILE_TEMPLATE//"{SRC}"/$src}
    cmd="${cmd//"{OBJ}"/$obj.aiopt-tmp} $prefix_map"
    t0=$(now)
    if ! eval "$cc_prefix$cmd"; then
      rm -f "$obj.aiopt-tmp"
      die "compiling $src failed"
    fi
    mv -f "$obj.aiopt-tmp" "$obj"   # rename: a hard-linked object of the source tree is never written
    printf 'compile %s: %.1f s\n' "$src" "$(elapsed "$t0")"
    objs+=("$obj")
  done
  local o
  for o in "${objs[@]}"; do
    grep -qxF "$o" .aiopt-overrides 2>/dev/null || echo "$o" >>.aiopt-overrides
  done
  if [[ "${AI_OPT_REBUILD_ARCHIVE:-0}" == 1 ]]; then
    t0=$(now)
    if [[ "$(stat -c %h "$LIBRARY")" != 1 ]]; then
      cp -a "$LIBRARY" "$LIBRARY.aiopt-tmp" && mv -f "$LIBRARY.aiopt-tmp" "$LIBRARY"   # never update a shared archive
    fi
    for o in "${objs[@]}"; do
      local n; n=$(ar t "$LIBRARY" | grep -cxF "$(basename "$o")" || true)
      [[ "$n" == 1 ]] || die "$LIBRARY has $n members named $(basename "$o"); leave AI_OPT_REBUILD_ARCHIVE unset"
    done
    "$AR_TOOL" rs "$LIBRARY" "${objs[@]}" || die "updating $LIBRARY failed"
    printf 'archive %s: %.1f s\n' "$LIBRARY" "$(elapsed "$t0")"
  fi
  t0=$(now)
  local bench_objs link
  bench_objs=$(sed -E 's/^[^ ]+ -L\. (.*) -l[^ ]*rocksdb[^ ]* .*$/\1/' <<<"$LINK_TEMPLATE")
  link=${PROGRAM_LINK_TEMPLATE//"{OBJS}"/$bench_objs $(tr '\n' ' ' <.aiopt-overrides)}
  link="${link//"{OUT}"/db_bench.aiopt-tmp} $(linker_flag)"
  if ! eval "$link"; then
    rm -f db_bench.aiopt-tmp
    die "linking db_bench failed"
  fi
  mv -f db_bench.aiopt-tmp db_bench
  printf 'link db_bench: %.1f s\n' "$(elapsed "$t0")"
  printf 'rebuild done in %.1f s\n' "$(elapsed "$t_all")"
}

hash_tree() {
  [[ -d "$1" ]] || die "$1 is not a directory"
  (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | awk '{print $1}')
}

cmd=${1:-}
shift || true
case "$cmd" in
  capture) [[ $# -ge 1 ]] || die "usage: rocksdb-workspace.sh capture TREE"; capture "$@" ;;
  create) [[ $# -ge 2 ]] || die "usage: rocksdb-workspace.sh create TREE WS [--copy]"; create "$@" ;;
  rebuild) [[ $# -ge 1 ]] || die "usage: rocksdb-workspace.sh rebuild WS [SOURCE...]"; rebuild "$@" ;;
  hash) [[ $# -eq 1 ]] || die "usage: rocksdb-workspace.sh hash TREE"; hash_tree "$1" ;;
  *) die "usage: rocksdb-workspace.sh capture|create|rebuild|hash ... (see the header of this script)" ;;
esac
