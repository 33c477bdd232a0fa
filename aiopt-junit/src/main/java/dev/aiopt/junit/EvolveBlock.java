package dev.aiopt.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where the evolvable code is: a file of the target tree and, in it, the slice the model sees. Give
 * {@link #function()} (found by name, robust to comments and strings), or {@link #lines()}, or neither to use
 * the {@code // EVOLVE-BLOCK-START} / {@code // EVOLVE-BLOCK-END} markers. With both, the range must cover
 * exactly that function (line drift between versions is an error that names the lines found).
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface EvolveBlock {

    /**
     * The target tree, copied into a private workspace per run; relative paths resolve against the working
     * directory (the module directory under Maven). Empty: {@code AI_OPT_ROCKSDB_PATH} / {@code -Daiopt.target.root};
     * when that is unset too, the experiment is skipped with the reason.
     */
    String root() default "";

    /** The file holding the slice, relative to the tree ({@code AI_OPT_TARGET_FILE(S)} override it). */
    String file();

    /**
     * A template to slice instead of the tree's file (the seeds' {@code full_source_template.cpp} layout);
     * relative to the working directory. The reassembled source is written to {@link #file()} in the workspace.
     */
    String template() default "";

    /** A 1-based inclusive line range, {@code "370-971"}. */
    String lines() default "";

    /** A qualified function name, {@code "DBImpl::WriteImpl"}. */
    String function() default "";
}
