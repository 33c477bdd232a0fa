package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.evaluation.EvaluationFailure;
import dev.aiopt.junit.internal.evaluation.Evaluator;
import dev.aiopt.junit.internal.profile.ProfilerException;
import dev.aiopt.junit.internal.workspace.Workspace;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The profile stage: profiles a measured program once (its profiling build when one is configured) and keeps
 * the result for the prompts of its children. A profiler that cannot run here switches profiling off for the
 * rest of the run, loudly: the causal term is then 0 everywhere.
 */
final class ProfileStage {
    private final ExperimentPlan plan;
    private final RunState state;
    private final Profiling profiling;
    private final Evaluator evaluator;
    private final Consumer<String> notes;
    private final RunListener listener;
    private final String label;
    private final Map<String, Profiling.Profiled> profiles = new ConcurrentHashMap<>();
    private volatile String unavailable;

    ProfileStage(ExperimentPlan plan, RunState state, Profiling profiling, Consumer<String> notes,
            RunListener listener, String label) {
        this.plan = plan;
        this.state = state;
        this.profiling = profiling;
        this.evaluator = new Evaluator(plan.measurement().commands(), plan.measurement().isolation());
        this.notes = notes;
        this.listener = listener;
        this.label = label;
    }

    boolean enabled() {
        return profiling.enabled();
    }

    Optional<Profiling.Profiled> profile(String id, String slice, String source, Workspace workspace) {
        if (!profiling.enabled() || unavailable != null) {
            return Optional.empty();
        }
        Profiling.Profiled known = profiles.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            Path kit = state.built(id).kit();
            Optional<String> profileBuild = plan.profiling().buildCommand();
            if (profileBuild.isPresent()) {
                kit = evaluator.buildProfileKit(id, workspace, plan.slice().file(), source, profileBuild.get(),
                        plan.run().directory().resolve("programs").resolve(id));
            }
            Profiling.Profiled profiled = profiling.profile(evaluator.runner(), id, kit, slice, workspace.scratch(),
                    plan.run().directory().resolve("profiles"), workspace.root());
            profiles.put(id, profiled);
            listener.line(label + " causal profile of " + id + " (" + profiled.millis() / 1000 + " s):\n"
                    + profiled.summary().indent(4).stripTrailing());
            return Optional.of(profiled);
        } catch (ProfilerException | EvaluationFailure e) {
            unavailable = e.getMessage();
            listener.line(label + " causal profiling switched off for this run: " + e.getMessage());
            notes.accept("profiling unavailable: " + e.getMessage().lines().findFirst().orElse(""));
            return Optional.empty();
        }
    }
}
