/**
 * Private copies of the target tree, in which candidates are written, built and benchmarked.
 *
 * <p>May use: process.
 */
package dev.aiopt.junit.internal.workspace;
