/**
 * The build/verify/bench stage: an {@link dev.aiopt.junit.internal.evaluation.EvaluationUnit} (N programs plus a
 * measurement plan, plain JSON records) evaluated by an {@link dev.aiopt.junit.internal.evaluation.Evaluation};
 * {@link dev.aiopt.junit.internal.evaluation.LocalEvaluation} runs it in a workspace with the
 * {@link dev.aiopt.junit.internal.evaluation.Evaluator}.
 *
 * <p>May use: executor, metrics, process, sandbox, stats, workspace.
 */
package dev.aiopt.junit.internal.evaluation;
