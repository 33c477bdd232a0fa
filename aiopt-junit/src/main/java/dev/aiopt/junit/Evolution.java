package dev.aiopt.junit;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;

/**
 * One run of an experiment, injected into the {@link Evolve} method. Its stream is lazy: generation N+1 is
 * planned only after generation N's candidates have run.
 */
public interface Evolution {

    /** The generations as dynamic containers, followed by the threshold checks. */
    Stream<DynamicNode> generations();
}
