/**
 * Locating the evolvable slice of a C++ file (markers, a line range or a function) and reassembling the file
 * around a new slice.
 *
 * <p>May use: nothing.
 */
package dev.aiopt.junit.internal.slice;
