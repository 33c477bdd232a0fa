package dev.aiopt.junit.internal.prompt;

import java.util.Objects;

/**
 * An earlier attempt to improve the current program (or its lineage), shown to the model so that it does not
 * repeat it: what was changed and what came of it.
 *
 * @param id the candidate's id
 * @param outcome what happened
 * @param diff the change as the model wrote it (edit blocks) or as a unified diff; may be empty
 * @param detail the reason or evidence: compile error excerpt, verification output, the statistics of a
 *     regression or improvement (ratio, confidence interval, p-value); may be empty
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record Attempt(String id, Outcome outcome, String diff, String detail) {

    /** What came of an attempt. */
    public enum Outcome {
        IMPROVED("improved significantly"),
        NO_SIGNIFICANT_CHANGE("no significant change"),
        REGRESSED("regressed"),
        DIFF_NOT_APPLIED("the edit blocks did not apply"),
        COMPILE_ERROR("did not compile"),
        VERIFICATION_FAILED("failed verification"),
        CRASHED("crashed or timed out"),
        DUPLICATE("duplicate of an earlier program"),
        REJECTED("rejected");

        private final String description;

        Outcome(String description) {
            this.description = description;
        }

        /** How the prompt describes it. */
        public String description() {
            return description;
        }
    }

    public Attempt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(outcome, "outcome of attempt " + id);
        diff = diff == null ? "" : diff;
        detail = detail == null ? "" : detail;
    }
}
