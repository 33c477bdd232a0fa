/**
 * Configuration resolved from layers (annotations, {@code junit-platform.properties}, environment, system
 * properties) against one explicit {@link dev.aiopt.junit.internal.config.KeyCatalogue}; every key has its
 * default in its {@link dev.aiopt.junit.internal.config.KeySpec}.
 *
 * <p>May use: nothing.
 */
package dev.aiopt.junit.internal.config;
