#!/usr/bin/env python3
"""Writes src/test/resources/rocksdb/offline-responses.jsonl: the recorded model answers that ExperimentA replays
(-Daiopt.model=offline, or no model configured) against DBImpl::WriteImpl of RocksDB 7.8.3 (Debian's source
package as prepare-rocksdb.sh prepares it; its db_impl_write.cc is upstream's v7.8.3, slice SHA-256 74d735f8...).
Keys are (SHA-256 of the parent slice, request ordinal[, reask]), the record/replay format of aiopt-junit.

Which programs become parents depends on measured fitness, so the answers cover every program a run can
measure: each is a set of the three oracle-safe edits below (branch hints on rarely taken branches: the same
code whatever order they were applied in), and each of the 8 sets answers 12 requests (4 generations of 3
candidates all drawn on it) plus one re-ask per request (aiopt.duplicateReasks = 1). The mix per parent: the
edits it lacks, then one that loses unsynced writes (the oracle rejects it), one that does not compile, one that
changes nothing (a duplicate: asked again), one whose SEARCH matches nothing; then the same again, which gives
duplicates of earlier children (asked again too). A re-ask is answered with an edit the request's own answer was
not, else with a combined reply of every edit the parent lacks.

Usage: experiment-a-responses.py TREE  (run from example-experiments/; TREE holds db/db_impl/db_impl_write.cc)."""
import hashlib, itertools, json, sys

tree = sys.argv[1]
lines = open(f"{tree}/db/db_impl/db_impl_write.cc", encoding="utf-8").read().split("\n")
start = next(i for i, l in enumerate(lines) if l.startswith("Status DBImpl::WriteImpl("))
depth, end, opened = 0, None, False
for i in range(start, len(lines)):
    code = lines[i].split("//")[0]
    for c in code:
        if c == "{": depth += 1; opened = True
        elif c == "}": depth -= 1
    if opened and depth == 0:
        end = i; break
baseline = "\n".join(lines[start:end + 1]) + "\n"

def sha(text): return hashlib.sha256(text.encode()).hexdigest()
def block(search, replace): return f"<<<<<<< SEARCH\n{search}=======\n{replace}>>>>>>> REPLACE\n"

# The oracle-safe edits: each only tells the compiler which way a rare branch goes.
GOOD = {
    "T": (("  if (tracer_) {\n    InstrumentedMutexLock lock(&trace_mutex_);\n",
           "  if (__builtin_expect(static_cast<bool>(tracer_), 0)) {\n    InstrumentedMutexLock lock(&trace_mutex_);\n"),
          "Tracing is almost always off: tell the compiler so the hot path falls through."),
    "L": (("    if (tracer_) {\n      InstrumentedMutexLock lock(&trace_mutex_);\n"
           "      if (tracer_ && tracer_->IsWriteOrderPreserved()) {\n",
           "    if (__builtin_expect(static_cast<bool>(tracer_), 0)) {\n      InstrumentedMutexLock lock(&trace_mutex_);\n"
           "      if (tracer_ && tracer_->IsWriteOrderPreserved()) {\n"),
          "The group leader checks the tracer too; the same hint keeps its trace block out of the hot path."),
    "D": (("    if (write_options.disableWAL) {\n      has_unpersisted_data_.store(true, std::memory_order_relaxed);\n",
           "    if (__builtin_expect(write_options.disableWAL, 0)) {\n"
           "      has_unpersisted_data_.store(true, std::memory_order_relaxed);\n"),
          "Writes under this workload keep the WAL on: mark the disableWAL branch unlikely."),
}
# Realistic failures: the oracle catches the first, the compiler the second; the third changes nothing; the last
# quotes code that is not there.
SKIP_WAL = (("    if (!two_write_queues_) {\n      if (status.ok() && !write_options.disableWAL) {\n",
             "    if (!two_write_queues_) {\n      if (status.ok() && !write_options.disableWAL && write_options.sync) {\n"),
            "Unsynced writes need not go to the WAL: the memtable already holds them.")
NO_BUILD = (("        total_byte_size = WriteBatchInternal::AppendedByteSize(\n",
             "        total_byte_size = WriteBatchInternal::AppendedByteSizeFast(\n"),
            "Use the unchecked byte-size helper in the leader's loop.")
SAME = (("  if (write_options.sync && write_options.disableWAL) {\n",) * 2,
        "The sync/disableWAL check is already minimal; keep it.")
NO_MATCH = "Skip the slowdown check for no_slowdown writers.\n\n" + block(
    "  bool skip_slowdown = write_options.no_slowdown;\n",
    "  const bool skip_slowdown = write_options.no_slowdown;\n")

def edited(text, change):
    search, replace = change
    assert text.count(search) == 1, "search text must match once: " + search
    return text.replace(search, replace)

def program(edits):
    text = baseline
    for e in sorted(edits):
        text = edited(text, GOOD[e][0])
    return text

def reply(parent, answer):
    if isinstance(answer, str):
        return answer
    changes, why = answer
    if isinstance(changes[0], tuple):  # a combined reply: several blocks
        for c in changes:
            assert parent.count(c[0]) == 1
        return why + "\n\n" + "".join(block(*c) for c in changes)
    assert parent.count(changes[0]) == 1, "search text must match once: " + changes[0]
    return why + "\n\n" + block(*changes)

REQUESTS = 12
out = []
for size in range(4):
    for edits in itertools.combinations(sorted(GOOD), size):
        parent = program(edits)
        lacking = [e for e in sorted(GOOD) if e not in edits]
        cycle = [GOOD[e] for e in lacking] + [SKIP_WAL, NO_BUILD, SAME, NO_MATCH]
        answers = [cycle[i % len(cycle)] for i in range(REQUESTS)]
        for ordinal, answer in enumerate(answers):
            out.append({"key": {"parent": sha(parent), "ordinal": ordinal},
                        "response": {"content": reply(parent, answer), "model": "offline-replay"}})
            others = [GOOD[e] for e in lacking if GOOD[e] is not answer]
            if len(others) > 1:
                again = (tuple(o[0] for o in others), "Different from before: every hint at once.")
            elif others:
                again = others[0]
            else:
                again = NO_BUILD if answer is not NO_BUILD else SKIP_WAL
            out.append({"key": {"parent": sha(parent), "ordinal": ordinal, "reask": 1},
                        "response": {"content": reply(parent, again), "model": "offline-replay"}})

with open("src/test/resources/rocksdb/offline-responses.jsonl", "w") as f:
    for o in out:
        f.write(json.dumps(o) + "\n")
print(f"WriteImpl at lines {start + 1}-{end + 1}, baseline slice {sha(baseline)}; wrote {len(out)} responses "
      f"for {len(out) // (2 * REQUESTS)} parents")
