/**
 * The program database: islands of programs with features, parent sampling, inspirations, migration, packed
 * storage and snapshots.
 *
 * <p>May use: nothing.
 */
package dev.aiopt.junit.internal.database;
