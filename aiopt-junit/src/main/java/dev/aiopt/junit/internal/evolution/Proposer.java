package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.database.Program;
import dev.aiopt.junit.internal.diff.AppliedEdit;
import dev.aiopt.junit.internal.diff.DiffApplier;
import dev.aiopt.junit.internal.diff.DiffException;
import dev.aiopt.junit.internal.diff.Rewrite;
import dev.aiopt.junit.internal.model.MissingAnswerException;
import dev.aiopt.junit.internal.model.ModelException;
import dev.aiopt.junit.internal.model.ModelKeys;
import dev.aiopt.junit.internal.model.ModelReply;
import dev.aiopt.junit.internal.model.ModelRequest;
import dev.aiopt.junit.internal.model.ReplayKey;
import dev.aiopt.junit.internal.prompt.Attempt;
import dev.aiopt.junit.internal.prompt.Prompt;
import dev.aiopt.junit.internal.prompt.PromptBuilder;
import dev.aiopt.junit.internal.prompt.PromptConfig;
import dev.aiopt.junit.internal.prompt.PromptInput;
import dev.aiopt.junit.internal.workspace.Workspace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The propose stage: builds the prompt from the parent, its lineage and earlier attempts, asks the model, and
 * applies the reply to the parent's slice, sending a reply that does not apply back with the reason, up to
 * {@code maxAttempts} requests. A reply that applies but reproduces code the run already has (its parent's, or
 * any program's it can see) is asked again, up to {@code aiopt.duplicateReasks} times while the budget lasts:
 * told which program it repeated and sampled hotter where the model takes a temperature (GPT-5 takes none; the
 * prompt differs all the same). A re-ask keeps its request's replay key with {@link ReplayKey#reask()} set, so
 * offline answers stay addressed as before; a re-ask with no answer leaves the duplicate as it was.
 */
final class Proposer {
    private final ExperimentPlan plan;
    private final RunState state;
    private final ProfileStage profiles;
    /** The note a program's attempts keep when its reply matched only with whitespace tolerance. */
    static final String TOLERANCE = "applied with whitespace tolerance";
    // A re-ask after a reply cut off at its limit doubles the limit, up to this (GPT-5 answers up to 128k tokens;
    // local servers refuse more than their context anyway).
    static final int MAX_REASK_OUTPUT_TOKENS = 65_536;
    // When the endpoint did not say how many tokens the cut-off reply had.
    private static final int UNKNOWN_LIMIT = 4_096;
    /** How much hotter each re-ask after a duplicating reply samples (models that take a temperature). */
    static final double REASK_TEMPERATURE_RAISE = 0.4;

    private final PromptBuilder prompts;
    private final boolean rewrite;
    private final Consumer<String> notes;

    /**
     * @param notes hears what the run should say and record about a request (a prompt shrunk to fit the budget)
     */
    Proposer(ExperimentPlan plan, RunState state, ProfileStage profiles, Consumer<String> notes) {
        this.plan = plan;
        this.state = state;
        this.profiles = profiles;
        this.notes = notes;
        this.rewrite = plan.search().reply() == SearchSettings.Reply.REWRITE;
        PromptConfig config = PromptConfig.defaults()
                .withMode(rewrite ? PromptConfig.Mode.FULL_REWRITE : PromptConfig.Mode.DIFF);
        if (plan.prompt().maxPromptChars().isPresent()) {
            config = config.withLimits(plan.prompt().maxPromptChars().getAsInt(), config.maxArtifactChars());
        }
        this.prompts = new PromptBuilder(config);
    }

    Proposer(ExperimentPlan plan, RunState state, ProfileStage profiles) {
        this(plan, state, profiles, note -> { });
    }

    Proposal propose(Slot s, Workspace workspace) {
        ProgramResult parent = s.parentResult();
        Timings timings = Timings.NONE;
        List<String> rejected = new ArrayList<>();
        OptionalInt outputLimit = OptionalInt.empty();
        for (int attempt = 0; attempt < plan.search().maxAttempts(); attempt++) {
            ReplayKey key = new ReplayKey(parent.sliceSha256(), s.ordinalBase() + attempt);
            ModelRequest request;
            try {
                request = request(s, rejected, List.of(), key, workspace, attempt);
            } catch (IllegalArgumentException e) {
                return Proposal.failed(Status.MODEL_FAILED, "prompt: " + e.getMessage() + " (the prompt token budget is "
                        + ModelKeys.context(plan.track()) + ")", timings, rejected);
            }
            if (outputLimit.isPresent()) {
                request = request.withMaxOutputTokens(outputLimit.getAsInt());
            }
            long t0 = System.nanoTime();
            ModelReply reply;
            try {
                reply = plan.model().model().complete(request);
            } catch (MissingAnswerException e) {
                if (!rejected.isEmpty()) {
                    // An offline re-ask with no answer: the candidate's outcome is still its rejected reply.
                    return Proposal.failed(Status.APPLY_FAILED, "no reply applied in " + attempt
                            + " attempt(s); last: " + rejected.get(rejected.size() - 1) + "; no answer to the re-ask: "
                            + e.getMessage(), timings.plusModel(millisSince(t0)), rejected);
                }
                return Proposal.failed(Status.MODEL_FAILED, "model: " + e.getMessage(),
                        timings.plusModel(millisSince(t0)), rejected);
            } catch (ModelException e) {
                return Proposal.failed(Status.MODEL_FAILED, "model: " + e.getMessage(),
                        timings.plusModel(millisSince(t0)), rejected);
            }
            timings = timings.plusModel(millisSince(t0));
            if (reply.truncated()) {
                // Asked again with twice the room (both calls are in the ledger).
                int hit = reply.tokensOut() > 0 ? (int) Math.min(reply.tokensOut(), MAX_REASK_OUTPUT_TOKENS)
                        : outputLimit.orElse(UNKNOWN_LIMIT);
                outputLimit = OptionalInt.of(Math.min(MAX_REASK_OUTPUT_TOKENS, 2 * hit));
                rejected.add("reply " + (attempt + 1) + ": cut off at the output token limit after "
                        + reply.tokensOut() + " tokens; answer briefly, or raise " + ModelKeys.MAX_TOKENS
                        + " (the next request may use up to " + outputLimit.getAsInt() + " tokens)");
                continue;
            }
            long t1 = System.nanoTime();
            AppliedEdit edit = null;
            try {
                edit = rewrite ? new AppliedEdit(Rewrite.apply(parent.slice(), reply.content()), List.of())
                        : DiffApplier.edit(parent.slice(), reply.content());
            } catch (DiffException e) {
                rejected.add("reply " + (attempt + 1) + ": " + e.getMessage());
            }
            timings = timings.plusApply(millisSince(t1));
            if (edit != null) {
                List<String> kept = new ArrayList<>(rejected);
                if (edit.withTolerance()) {
                    // e.g. "reply 1: block 1 of 1 (reply line 1) applied with whitespace tolerance: ..."
                    kept.add("reply " + (attempt + 1) + ": " + String.join("; ", edit.toleranceNotes()));
                }
                return reaskWhileKnown(s, workspace, key, attempt, rejected, Proposal.of(edit.text(), timings, kept));
            }
        }
        return Proposal.failed(Status.APPLY_FAILED, "no reply applied in " + plan.search().maxAttempts()
                + " attempt(s); last: " + rejected.get(rejected.size() - 1), timings, rejected);
    }

    // The re-asks after a reply whose code the run has already: the first reply with new code wins; when none
    // comes (bound reached, budget spent, no answer, replies that do not apply) the duplicate stands.
    private Proposal reaskWhileKnown(Slot s, Workspace workspace, ReplayKey key, int attempt, List<String> rejected,
            Proposal proposal) {
        String text = proposal.slice();
        Timings timings = proposal.timings();
        List<String> kept = new ArrayList<>(proposal.rejected());
        List<Attempt> repeated = new ArrayList<>();
        int bound = plan.search().duplicateReasks();
        for (int reask = 1; reask <= bound; reask++) {
            Optional<ProgramResult> known = knownCode(s, text);
            if (known.isEmpty()) {
                break;
            }
            String what = known.get().id().equals(s.parentResult().id()) ? "changes nothing (the code of its parent "
                    + known.get().id() + ")" : "reproduces the code of " + known.get().id();
            Optional<String> spent = plan.model().ledger().exhausted().map(e -> e.message());
            if (spent.isPresent()) {
                notes.accept(s.id() + ": the reply " + what + "; not asked again: " + spent.get());
                break;
            }
            notes.accept(String.format(Locale.ROOT, "%s: the reply %s; asking again (re-ask %d of %d,"
                    + " told so, sampled +%.1f hotter where the model takes a temperature)", s.id(), what, reask,
                    bound, REASK_TEMPERATURE_RAISE * reask));
            repeated.add(new Attempt(s.id() + " re-ask " + reask, Attempt.Outcome.DUPLICATE, "", "the reply "
                    + what + ", which the run has already evaluated; propose a different change"));
            kept.add("re-ask " + reask + ": the reply " + what);
            ModelReply reply;
            long t0 = System.nanoTime();
            try {
                ModelRequest request = request(s, rejected, repeated, key.reasked(reask), workspace, attempt)
                        .withTemperatureRaise(Math.min(2.0, REASK_TEMPERATURE_RAISE * reask));
                reply = plan.model().model().complete(request);
            } catch (ModelException | IllegalArgumentException e) {
                timings = timings.plusModel(millisSince(t0));
                kept.add("re-ask " + reask + ": no answer: " + e.getMessage());
                notes.accept(s.id() + ": re-ask " + reask + " got no answer, the duplicate stands: " + e.getMessage());
                break;
            }
            timings = timings.plusModel(millisSince(t0));
            if (reply.truncated()) {
                kept.add("re-ask " + reask + ": cut off at the output token limit after " + reply.tokensOut()
                        + " tokens");
                continue;
            }
            long t1 = System.nanoTime();
            try {
                AppliedEdit edit = rewrite ? new AppliedEdit(Rewrite.apply(s.parentResult().slice(), reply.content()),
                        List.of()) : DiffApplier.edit(s.parentResult().slice(), reply.content());
                text = edit.text();
                if (edit.withTolerance()) {
                    kept.add("re-ask " + reask + ": " + String.join("; ", edit.toleranceNotes()));
                }
            } catch (DiffException e) {
                kept.add("re-ask " + reask + ": " + e.getMessage());
            }
            timings = timings.plusApply(millisSince(t1));
        }
        return Proposal.of(text, timings, kept);
    }

    // The code the run has already, as this candidate may see it deterministically: with candidates evaluated
    // one at a time, every program landed so far; evaluated at once, only those of earlier generations.
    private Optional<ProgramResult> knownCode(Slot s, String text) {
        Optional<ProgramResult> known = state.duplicateOf(Program.sha256(text));
        return plan.search().parallelism() == 1 ? known : known.filter(r -> r.generation() < s.generation());
    }

    static Attempt attempt(ProgramResult r) {
        Attempt.Outcome outcome = switch (r.status()) {
            case IMPROVED -> Attempt.Outcome.IMPROVED;
            case NO_CHANGE, BASELINE -> Attempt.Outcome.NO_SIGNIFICANT_CHANGE;
            case REGRESSED -> Attempt.Outcome.REGRESSED;
            case APPLY_FAILED -> Attempt.Outcome.DIFF_NOT_APPLIED;
            case BUILD_FAILED -> Attempt.Outcome.COMPILE_ERROR;
            case VERIFY_FAILED -> Attempt.Outcome.VERIFICATION_FAILED;
            case RUN_FAILED -> Attempt.Outcome.CRASHED;
            case DUPLICATE -> Attempt.Outcome.DUPLICATE;
            case MODEL_FAILED -> Attempt.Outcome.REJECTED;
            case INFRA_FAILED -> throw new IllegalArgumentException(r.id() + " was never judged (" + r.status()
                    + "): it is no attempt to show the model");
        };
        return new Attempt(r.id(), outcome, r.diff(), r.reason());
    }

    private ModelRequest request(Slot slot, List<String> rejected, List<Attempt> repeated, ReplayKey key,
            Workspace workspace, int attempt) {
        // Earlier attempts on this parent from generations before this one: the same whatever order the
        // candidates of this generation finish in.
        List<Attempt> attempts = new ArrayList<>();
        for (ProgramResult earlier : state.childrenBefore(slot.parentResult().id(), slot.generation())) {
            // What the machinery failed to evaluate says nothing about the code: not shown as a failed attempt.
            if (earlier.status() != Status.INFRA_FAILED) {
                attempts.add(attempt(earlier));
            }
        }
        for (int i = 0; i < rejected.size(); i++) {
            attempts.add(new Attempt(slot.id() + " reply " + (i + 1), Attempt.Outcome.DIFF_NOT_APPLIED, "",
                    rejected.get(i)));
        }
        attempts.addAll(repeated);
        ProgramResult parent = slot.parentResult();
        Program current = Program.of(parent.id(), parent.parentId(), parent.generation(), slot.island(), parent.slice(),
                parent.metrics(), parent.fitness());
        PromptInput input = PromptInput.of(task(), current).withAttempts(attempts)
                .withTopPrograms(slot.topPrograms()).withInspirations(slot.inspirations());
        Optional<ProgramResult> grand = parent.parentId() == null ? Optional.empty() : state.result(parent.parentId());
        if (grand.isPresent() && grand.get().slice() != null && grand.get().metrics() != null) {
            ProgramResult g = grand.get();
            input = input.withCurrentParent(Program.of(g.id(), g.parentId(), g.generation(), slot.island(), g.slice(),
                    g.metrics(), g.fitness()));
        }
        Map<String, String> artifacts = new LinkedHashMap<>();
        if (parent.reason() != null) {
            artifacts.put("evaluation", parent.reason());
        }
        // The model should learn to quote exactly: say that the reply behind the current program needed tolerance.
        parent.attempts().stream().filter(a -> a.contains(TOLERANCE)).reduce((a, b) -> b).ifPresent(note ->
                artifacts.put("how the previous reply was applied", "The reply that produced the current program was "
                        + TOLERANCE + ", not exactly: " + note + ". Copy SEARCH lines exactly as the listing shows"
                        + " them, without the line-number prefix."));
        if (!artifacts.isEmpty()) {
            input = input.withArtifacts(artifacts);
        }
        if (plan.track().profilerFeedback()) {
            Optional<Profiling.Profiled> profiled = profiles.profile(parent.id(), parent.slice(),
                    plan.slice().reassemble(parent.slice()), workspace);
            if (profiled.isPresent()) {
                input = input.withCausalProfile(profiled.get().summary());
            }
        }
        Prompt prompt = prompts.build(input);
        if (prompt.shrunk()) {
            // Unset, the budget is the builder's own limit: name that, not a budget of 0 tokens.
            String budget = plan.prompt().maxPromptTokens().isPresent()
                    ? ModelKeys.context(plan.track()) + " = " + plan.prompt().maxPromptTokens().getAsInt()
                            + " tokens (estimated at " + PromptSettings.CHARS_PER_TOKEN + " characters a token)"
                    : "the default prompt limit of " + prompts.maxChars() + " characters (" + ModelKeys.context(
                            plan.track()) + " unset; set it to the model's context in tokens)";
            notes.accept(slot.id() + " request " + (attempt + 1) + ": prompt shrunk to fit " + budget + ": left out "
                    + String.join(", ", prompt.leftOut()));
        }
        return new ModelRequest(prompt.system(), prompt.user(), key);
    }

    // The goal is the library's; what "without changing what it does" means is the experiment's (aiopt.task).
    private String task() {
        return "Make " + plan.slice().how() + " of " + plan.slice().file() + " faster: higher throughput ("
                + Cascade.THROUGHPUT + ") and lower tail latency (" + Cascade.P99 + ", per benchmark run).\n\n"
                + plan.prompt().task();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
