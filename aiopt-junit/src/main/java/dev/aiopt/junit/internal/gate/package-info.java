/**
 * The CI regression gate behind {@link dev.aiopt.junit.Gate}: builds a candidate and a reference in private
 * workspaces, benchmarks them interleaved (or the candidate against stored runs), and applies
 * {@link dev.aiopt.junit.internal.stats.RegressionGate}, taking more looks while undecided; records the machine's
 * load, steal and governor with every run ({@code MachineState}) and writes {@code gate-verdict.json} and the JUnit
 * report entries ({@code GateReport}).
 *
 * <p>May use: api, config, evaluation, metrics, setup, slice, stats, workspace.
 */
package dev.aiopt.junit.internal.gate;
