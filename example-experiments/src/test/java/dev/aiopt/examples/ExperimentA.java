package dev.aiopt.examples;

import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.Evolution;
import dev.aiopt.junit.Evolve;
import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Experiment;
import dev.aiopt.junit.Profile;
import dev.aiopt.junit.Track;
import dev.aiopt.junit.Verify;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;

/**
 * Experiment A of the seeds, WAL/L0 pressure: evolve {@code DBImpl::WriteImpl} of a real RocksDB tree under
 * {@code db_bench fillrandom} with pipelined writes off (else most of WriteImpl never runs) and a small memtable
 * and L0 triggers (else there is no stall to relieve), at 400000 to 650000 writes a thread (200000 stalled 0.2 % of
 * the run; these 15-40 %); which of the three run lengths detects a change soonest is measured before generation 1
 * by the calibration, not fixed here. Prepare the tree once with
 * {@code example-experiments/scripts/prepare-rocksdb.sh DIR} and set {@code AI_OPT_ROCKSDB_PATH}; without it the
 * experiment is skipped with that reason. Every candidate is rebuilt incrementally in a hard-linked workspace
 * (one compile and a relink) and must pass the loses-no-writes oracle (writes with and without sync,
 * {@code kill -9} mid-run, reopen, every acknowledged key checked) before it is benchmarked.
 *
 * <p>Run it: {@code AI_OPT_ROCKSDB_PATH=DIR ./mvnw -B test -pl example-experiments -am -Procksdb
 * -Dtest=ExperimentA -Dsurefire.failIfNoSpecifiedTests=false -Dtrack=baseline}. With no model configured it
 * replays {@code rocksdb/offline-responses.jsonl}, written by {@code scripts/experiment-a-responses.py} for RocksDB
 * 7.8.3: answers for every program a run can measure (each set of three branch hints), 12 requests and a re-ask
 * each, with a change the oracle rejects, one that does not compile, one that changes nothing and one that does
 * not apply among them.
 */
@Tag("rocksdb")
@Experiment(name = "ExperimentA", track = Track.PROFILER, generations = 4, candidatesPerGeneration = 3,
        maxAttempts = 1, offlineResponses = "rocksdb/offline-responses.jsonl",
        task = "Keep every write durable, ordered and readable: a write that DB::Write acknowledged (with or"
                + " without sync) must still be there, with its value and in its order, after the process is killed"
                + " with kill -9 and the database reopened. The oracle writes with and without sync, kills the"
                + " process mid-run, reopens and checks every acknowledged key; a candidate that loses, reorders or"
                + " corrupts a write is rejected however fast it is. Keep WriteImpl's contract with its callers:"
                + " the same Status results and the same callbacks.")
@EvolveBlock(file = "db/db_impl/db_impl_write.cc", function = "DBImpl::WriteImpl")
@Build(value = "$AIOPT_BASEDIR/scripts/rocksdb-workspace.sh rebuild .",
        workspace = "$AIOPT_BASEDIR/scripts/rocksdb-workspace.sh create \"$AIOPT_SOURCE\" \"$AIOPT_TREE\"",
        timeoutSeconds = 1800)
@Verify(value = "AI_OPT_ORACLE_DIR=$AIOPT_SCRATCH $AIOPT_BASEDIR/scripts/rocksdb-oracle.sh run .", timeoutSeconds = 900)
@Bench(value = "fillrandom", command = "./db_bench --benchmarks=fillrandom,stats,levelstats"
        + " --enable_pipelined_write=false --write_buffer_size=2097152 --level0_file_num_compaction_trigger=2"
        + " --level0_slowdown_writes_trigger=4 --level0_stop_writes_trigger=8 --max_background_jobs=1"
        + " --histogram=1 --statistics=1 --db=$AIOPT_SCRATCH/db --wal_dir=$AIOPT_SCRATCH/db",
        args = "--threads=2", lengths = {"--num=400000", "--num=500000", "--num=650000"}, binaries = "db_bench",
        repeats = 5, warmups = 1, timeoutSeconds = 300)
@Profile(benchArgs = "--num=100000000", durationSeconds = 90, progressPoints = "DBImpl::Write")
class ExperimentA {

    @Evolve
    Stream<DynamicNode> evolve(Evolution evolution) {
        return evolution.generations();
    }
}
