/**
 * Where evaluation units run: this JVM ({@link dev.aiopt.junit.internal.executor.LocalExecutor}) or jobs on a
 * Slurm cluster ({@link dev.aiopt.junit.internal.executor.SlurmExecutor}), behind one seam,
 * {@link dev.aiopt.junit.internal.executor.Executor}: hand it units, get their outcomes back in the units' order.
 *
 * <p>A {@link dev.aiopt.junit.internal.executor.Unit} is self-contained and serialisable: a kind, a JSON input
 * and a time budget, written as {@code unit.json} into a directory both the submitting JVM and the job can
 * read. A job is {@code java -cp <this JVM's classpath> }{@link dev.aiopt.junit.internal.executor.UnitJob}
 * {@code <unit-dir> <attempt>}: the same library code as the local executor, never a second implementation in
 * shell. The job finds the unit's {@link dev.aiopt.junit.internal.executor.UnitKind} through
 * {@link java.util.ServiceLoader}, so a new kind of unit (the evaluation of a candidate) plugs in from the
 * package that defines it, without this package knowing it.
 *
 * <p>Faults are the executor's, not the candidate's: a job that fails, overruns its unit's timeout, is
 * preempted or is lost with its node is retried once on another node and then reported as an infrastructure
 * failure with Slurm's own reason. Each attempt holds a {@link dev.aiopt.junit.internal.executor.Lease} that
 * the submitting JVM renews; a job whose lease lapses ends itself, so a killed JVM leaves no job behind.
 *
 * <p>Packages that define unit kinds (and choose an executor) depend on this one, never the reverse.
 *
 * <p>May use: config, process.
 */
package dev.aiopt.junit.internal.executor;
