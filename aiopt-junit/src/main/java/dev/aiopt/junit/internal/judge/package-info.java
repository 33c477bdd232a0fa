/**
 * The judgement rules: how a measured candidate's statistics, profiles and guardrails become a verdict and a
 * fitness that agree, and the statistics that answer the four-track question.
 *
 * <p>Entry points: {@link dev.aiopt.junit.internal.judge.Judge} (verdict and fitness of one candidate against its
 * parent; fitness only moves on evidence), {@link dev.aiopt.junit.internal.judge.Fitness} (the exact function,
 * with {@link dev.aiopt.junit.internal.judge.Cap caps}), {@link dev.aiopt.junit.internal.judge.Guardrails}, and
 * {@link dev.aiopt.junit.internal.judge.TrackAnswer} (per-track medians with bootstrap intervals, Holm-corrected
 * Mann-Whitney between tracks, Cliff's delta, the smallest detectable effect and the answer sentence).
 *
 * <p>A leaf: it may use {@code dev.aiopt.junit.internal.stats}, Apache Commons Statistics, Numbers and RNG, and
 * Jackson annotations, nothing else of the project. The score stage calls it; it calls nobody.
 *
 * <p>May use: stats.
 */
package dev.aiopt.junit.internal.judge;
