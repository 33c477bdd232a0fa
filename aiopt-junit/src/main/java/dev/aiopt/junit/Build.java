package dev.aiopt.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How to build a candidate: a shell command run in the workspace copy of the tree ({@code AI_OPT_BUILD_CMD}
 * overrides). A non-zero exit aborts the candidate with the compiler's first errors as the reason.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Build {

    /** The build command, e.g. {@code "make -j2 db_bench"}. */
    String value();

    /**
     * A command that makes the private workspace copy of the tree instead of a plain copy (e.g. hard-linking
     * a large tree's build outputs): it runs with {@code $AIOPT_SOURCE} and must create {@code $AIOPT_TREE}.
     * {@code AI_OPT_WORKSPACE_CMD} overrides. Empty: copy every file.
     */
    String workspace() default "";

    /**
     * Hard limit; the whole process group is killed after it. Unset (-1): {@code aiopt.build.timeoutSeconds}'
     * default, 1800.
     */
    int timeoutSeconds() default -1;
}
