#!/usr/bin/env python3
"""Writes src/test/resources/rocksdb/offline-responses.jsonl: the recorded model answers that ExperimentA replays
(-Daiopt.model=offline, or no model configured) against DBImpl::WriteImpl of Debian's RocksDB 7.8.3 as
prepare-rocksdb.sh prepares it. Keys are (SHA-256 of the parent slice, request ordinal), the record/replay format
of aiopt-junit. Usage: experiment-a-responses.py TREE  (run from example-experiments/)."""
import hashlib, json, sys

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

SKIP_WAL = ("    if (!two_write_queues_) {\n      if (status.ok() && !write_options.disableWAL) {\n",
            "    if (!two_write_queues_) {\n      if (status.ok() && !write_options.disableWAL && write_options.sync) {\n")
TRACER = ("  if (tracer_) {\n    InstrumentedMutexLock lock(&trace_mutex_);\n",
          "  if (__builtin_expect(static_cast<bool>(tracer_), 0)) {\n    InstrumentedMutexLock lock(&trace_mutex_);\n")
SAME = ("  if (write_options.sync && write_options.disableWAL) {\n",) * 2

def answer(parent, change, why):
    search, replace = change
    assert parent.count(search) == 1, "search text must match once: " + search
    return why + "\n\n" + block(search, replace), parent.replace(search, replace)

out = []
def add(parent, ordinal, change, why):
    content, child = answer(parent, change, why)
    out.append({"key": {"parent": sha(parent), "ordinal": ordinal},
                "response": {"content": content, "model": "offline-replay"}})
    return child

tracer_child = None
for ordinal, (change, why) in enumerate([
        (SKIP_WAL, "Unsynced writes need not go to the WAL: the memtable already holds them."),
        (TRACER, "Tracing is almost always off: tell the compiler so the hot path falls through."),
        (SAME, "The sync/disableWAL check is already minimal; keep it."),
        (SKIP_WAL, "Skip the WAL write for unsynced writes to cut write amplification.")]):
    child = add(baseline, ordinal, change, why)
    if change is TRACER:
        tracer_child = child
for ordinal, (change, why) in enumerate([
        (SAME, "The sync/disableWAL check is already minimal; keep it."),
        (SKIP_WAL, "Unsynced writes need not go to the WAL: the memtable already holds them."),
        (SAME, "Nothing further to gain here."),
        (SKIP_WAL, "Skip the WAL write for unsynced writes.")]):
    add(tracer_child, ordinal, change, why)

with open("src/test/resources/rocksdb/offline-responses.jsonl", "w") as f:
    for o in out:
        f.write(json.dumps(o) + "\n")
print(f"WriteImpl at lines {start + 1}-{end + 1}; wrote {len(out)} responses")
