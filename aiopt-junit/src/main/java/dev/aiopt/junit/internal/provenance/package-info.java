/**
 * Provenance of a run: what produced its figures (library, JVM, compiler and flags, kernel, CPU, governor, load,
 * target tree revision, models, seeds), as a Jackson-serialisable {@link dev.aiopt.junit.internal.provenance.Manifest}
 * gathered by {@link dev.aiopt.junit.internal.provenance.ManifestCollector}.
 *
 * <p>A leaf: JDK and Jackson annotations only; it runs {@code git} and the compiler's {@code --version} itself with a
 * short timeout so that it needs nothing of the project.
 *
 * <p>May use: nothing.
 */
package dev.aiopt.junit.internal.provenance;
