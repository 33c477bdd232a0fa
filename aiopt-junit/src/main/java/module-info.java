/**
 * aiopt-junit: LLM-driven, profiler-guided optimization of C++ code as JUnit tests. Only the API package,
 * {@code dev.aiopt.junit}, is exported; the extensions are opened to JUnit (which instantiates them) and the
 * packages whose records are JSON to Jackson.
 */
module dev.aiopt.junit {
    requires transitive org.junit.jupiter.api;
    requires org.opentest4j;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.annotation;
    requires com.fasterxml.jackson.core;
    requires okhttp3;
    requires io.github.javadiffutils;
    requires org.apache.commons.rng.api;
    requires org.apache.commons.rng.core;
    requires org.apache.commons.rng.simple;
    requires org.apache.commons.statistics.descriptive;
    requires org.apache.commons.statistics.inference;
    requires org.apache.commons.statistics.distribution;
    requires org.apache.commons.numbers.combinatorics;
    requires java.management;

    exports dev.aiopt.junit;

    opens dev.aiopt.junit.internal.extension to org.junit.platform.commons;
    opens dev.aiopt.junit.internal.gate to org.junit.platform.commons, com.fasterxml.jackson.databind;
    opens dev.aiopt.junit.internal.judge to com.fasterxml.jackson.databind;
    opens dev.aiopt.junit.internal.provenance to com.fasterxml.jackson.databind;
    opens dev.aiopt.junit.internal.config to com.fasterxml.jackson.databind;
    opens dev.aiopt.junit.internal.database to com.fasterxml.jackson.databind;
    opens dev.aiopt.junit.internal.evaluation to com.fasterxml.jackson.databind;
    opens dev.aiopt.junit.internal.evolution to com.fasterxml.jackson.databind;
    opens dev.aiopt.junit.internal.metrics to com.fasterxml.jackson.databind;
    opens dev.aiopt.junit.internal.model to com.fasterxml.jackson.databind;
    opens dev.aiopt.junit.internal.profile to com.fasterxml.jackson.databind;
    opens dev.aiopt.junit.internal.report to com.fasterxml.jackson.databind;
    opens dev.aiopt.junit.internal.runfile to com.fasterxml.jackson.databind;
    opens dev.aiopt.junit.internal.stats to com.fasterxml.jackson.databind;

    // UnitJob finds unit kinds through ServiceLoader (on the class path: META-INF/services).
    uses dev.aiopt.junit.internal.executor.UnitKind;
    provides dev.aiopt.junit.internal.executor.UnitKind with dev.aiopt.junit.internal.executor.CommandUnit,
            dev.aiopt.junit.internal.evaluation.EvaluationUnitKind;
}
