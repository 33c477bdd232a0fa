package dev.aiopt.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestFactory;

/**
 * The experiment's test factory: return {@link Evolution#generations()}. Generation 0 (the baseline) and each
 * later generation become a dynamic container, every candidate a dynamic test, built lazily from the results
 * of the generation before.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestFactory
public @interface Evolve {
}
