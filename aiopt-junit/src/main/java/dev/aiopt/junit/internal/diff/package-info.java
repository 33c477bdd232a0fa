/**
 * Applying model replies to a slice: SEARCH/REPLACE blocks and whole rewrites, with errors that say why a reply
 * did not apply.
 *
 * <p>May use: nothing.
 */
package dev.aiopt.junit.internal.diff;
