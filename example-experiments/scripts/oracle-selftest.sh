#!/usr/bin/env bash
# Shows that the loses-no-writes oracle catches deliberately broken DBImpl::WriteImpl candidates:
# the unchanged tree must PASS, every patch in src/test/resources/rocksdb/broken/*.patch must FAIL, and the
# prepared tree must be byte-identical afterwards (every candidate lives in its own workspace).
#
# Usage: oracle-selftest.sh [TREE [WORKDIR]]
#   TREE defaults to $AI_OPT_ROCKSDB_PATH; WORKDIR (for the workspaces) to a new directory under /tmp,
#   removed at the end unless KEEP=1.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PATCH_DIR=$(cd "$SCRIPT_DIR/../src/test/resources/rocksdb/broken" && pwd)
TREE=${1:-${AI_OPT_ROCKSDB_PATH:-}}
[[ -n "$TREE" ]] || { echo "oracle-selftest: give a prepared tree or set AI_OPT_ROCKSDB_PATH" >&2; exit 2; }
TREE=$(cd "$TREE" && pwd)
WORK=${2:-$(mktemp -d /tmp/aiopt-oracle-selftest.XXXXXX)}
mkdir -p "$WORK"
WS_SH="$SCRIPT_DIR/rocksdb-workspace.sh"
ORACLE_SH="$SCRIPT_DIR/rocksdb-oracle.sh"

echo "==> hashing $TREE"
before=$("$WS_SH" hash "$TREE")
results=()
unexpected=0

candidate() {  # name patch-or-empty expected-exit
  local name=$1 patch=$2 expected=$3 ws="$WORK/$1" rc=0
  echo "==> candidate $name"
  "$WS_SH" create "$TREE" "$ws"
  if [[ -n "$patch" ]]; then
    patch -s -p1 -d "$ws" <"$patch"
  fi
  "$WS_SH" rebuild "$ws"
  AI_OPT_ORACLE_DIR="$ws/oracle-dbs" "$ORACLE_SH" run "$ws" >"$ws/oracle.out" 2>"$ws/oracle.err" || rc=$?
  cat "$ws/oracle.out"
  local verdict
  verdict=$([[ $rc == 0 ]] && echo PASS || { [[ $rc == 1 ]] && echo FAIL || echo "ERROR($rc)"; })
  if [[ "$rc" == "$expected" ]]; then
    results+=("ok   $name: oracle $verdict as expected")
  else
    results+=("BAD  $name: oracle $verdict, expected $([[ $expected == 0 ]] && echo PASS || echo FAIL)")
    unexpected=$((unexpected + 1))
  fi
}

candidate baseline "" 0
for p in "$PATCH_DIR"/*.patch; do
  candidate "broken-$(basename "$p" .patch)" "$p" 1
done

after=$("$WS_SH" hash "$TREE")
echo "==> summary"
printf '%s\n' "${results[@]}"
if [[ "$before" == "$after" ]]; then
  echo "ok   $TREE unchanged (sha256 of all files $before)"
else
  echo "BAD  $TREE changed: sha256 $before before, $after after"
  unexpected=$((unexpected + 1))
fi
[[ "${KEEP:-0}" == 1 ]] || rm -rf "$WORK"
if [[ $unexpected == 0 ]]; then echo "SELFTEST PASS"; else echo "SELFTEST FAIL ($unexpected unexpected)"; exit 1; fi
