/**
 * Turns a model's reply into a new slice: SEARCH/REPLACE blocks ({@link dev.aiopt.junit.internal.diff.DiffParser},
 * {@link dev.aiopt.junit.internal.diff.DiffApplier}) or a full rewrite ({@link dev.aiopt.junit.internal.diff.Rewrite}).
 * Every reply is hostile input: nothing is applied unless it matches whole lines of the slice unambiguously, and
 * every refusal says what differs. The evolution loop calls it.
 *
 * <p>May use: nothing.
 */
package dev.aiopt.junit.internal.diff;
