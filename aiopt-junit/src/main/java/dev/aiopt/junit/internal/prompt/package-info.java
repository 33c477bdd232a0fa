/**
 * Prompts for the model: the current program, its lineage, earlier attempts, inspirations and profiles, from
 * templates.
 *
 * <p>May use: database.
 */
package dev.aiopt.junit.internal.prompt;
