package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.database.Program;
import dev.aiopt.junit.internal.diff.DiffApplier;
import dev.aiopt.junit.internal.diff.DiffException;
import dev.aiopt.junit.internal.diff.Rewrite;
import dev.aiopt.junit.internal.model.ModelException;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The propose stage: builds the prompt from the parent, its lineage and earlier attempts, asks the model, and
 * applies the reply to the parent's slice, sending a reply that does not apply back with the reason, up to
 * {@code maxAttempts} requests.
 */
final class Proposer {
    private final ExperimentPlan plan;
    private final RunState state;
    private final ProfileStage profiles;
    private final PromptBuilder prompts;
    private final boolean rewrite;

    Proposer(ExperimentPlan plan, RunState state, ProfileStage profiles) {
        this.plan = plan;
        this.state = state;
        this.profiles = profiles;
        this.rewrite = plan.search().reply() == SearchSettings.Reply.REWRITE;
        this.prompts = new PromptBuilder(PromptConfig.defaults()
                .withMode(rewrite ? PromptConfig.Mode.FULL_REWRITE : PromptConfig.Mode.DIFF));
    }

    Proposal propose(Slot s, Workspace workspace) {
        ProgramResult parent = s.parentResult();
        Timings timings = Timings.NONE;
        List<String> rejected = new ArrayList<>();
        for (int attempt = 0; attempt < plan.search().maxAttempts(); attempt++) {
            ReplayKey key = new ReplayKey(parent.sliceSha256(), s.ordinalBase() + attempt);
            ModelRequest request = request(s, rejected, key, workspace);
            long t0 = System.nanoTime();
            ModelReply reply;
            try {
                reply = plan.model().model().complete(request);
            } catch (ModelException e) {
                return Proposal.failed(Status.MODEL_FAILED, "model: " + e.getMessage(),
                        timings.plusModel(millisSince(t0)), rejected);
            }
            timings = timings.plusModel(millisSince(t0));
            long t1 = System.nanoTime();
            String slice = null;
            try {
                slice = rewrite ? Rewrite.apply(parent.slice(), reply.content())
                        : DiffApplier.apply(parent.slice(), reply.content());
            } catch (DiffException e) {
                rejected.add("reply " + (attempt + 1) + ": " + e.getMessage());
            }
            timings = timings.plusApply(millisSince(t1));
            if (slice != null) {
                return Proposal.of(slice, timings, rejected);
            }
        }
        return Proposal.failed(Status.APPLY_FAILED, "no reply applied in " + plan.search().maxAttempts()
                + " attempt(s); last: " + rejected.get(rejected.size() - 1), timings, rejected);
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
        };
        return new Attempt(r.id(), outcome, r.diff(), r.reason());
    }

    private ModelRequest request(Slot slot, List<String> rejected, ReplayKey key,
            Workspace workspace) {
        // Earlier attempts on this parent from generations before this one: the same whatever order the
        // candidates of this generation finish in.
        List<Attempt> attempts = new ArrayList<>();
        for (ProgramResult earlier : state.childrenBefore(slot.parentResult().id(), slot.generation())) {
            attempts.add(attempt(earlier));
        }
        for (int i = 0; i < rejected.size(); i++) {
            attempts.add(new Attempt(slot.id() + " reply " + (i + 1), Attempt.Outcome.DIFF_NOT_APPLIED, "",
                    rejected.get(i)));
        }
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
        if (parent.reason() != null) {
            input = input.withArtifacts(Map.of("evaluation", parent.reason()));
        }
        if (plan.track().profilerFeedback()) {
            Optional<Profiling.Profiled> profiled = profiles.profile(parent.id(), parent.slice(),
                    plan.slice().reassemble(parent.slice()), workspace);
            if (profiled.isPresent()) {
                input = input.withCausalProfile(profiled.get().summary());
            }
        }
        Prompt prompt = prompts.build(input);
        return new ModelRequest(prompt.system(), prompt.user(), key);
    }

    private String task() {
        return "Make " + plan.slice().how() + " of " + plan.slice().file() + " faster: higher throughput ("
                + Cascade.THROUGHPUT + ") and lower tail latency (" + Cascade.P99
                + ", per benchmark run), without changing what it does. Every acknowledged write must stay durable,"
                + " ordered and readable: a verification oracle rejects any program that loses, reorders or corrupts"
                + " writes, also across a crash.";
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
