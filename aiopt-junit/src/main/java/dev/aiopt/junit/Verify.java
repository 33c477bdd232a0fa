package dev.aiopt.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The correctness oracle, run in the workspace after a successful build and before any benchmark: a non-zero
 * exit fails the candidate (fitness 0) and keeps its output as evidence. A faster program that loses writes is
 * not faster.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Verify {

    /** The verification command, e.g. {@code "./writebench --verify"}. */
    String value();

    /**
     * Hard limit; the whole process group is killed after it. Unset (-1): {@code aiopt.verify.timeoutSeconds}'
     * default, 600.
     */
    int timeoutSeconds() default -1;
}
