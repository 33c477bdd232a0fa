package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.process.CommandRunner;
import dev.aiopt.junit.internal.profile.CausalProfile;
import dev.aiopt.junit.internal.profile.CozProfile;
import dev.aiopt.junit.internal.profile.CozRunOptions;
import dev.aiopt.junit.internal.profile.CozRunResult;
import dev.aiopt.junit.internal.profile.CozRunner;
import dev.aiopt.junit.internal.profile.FeedbackSummary;
import dev.aiopt.junit.internal.profile.Hotspot;
import dev.aiopt.junit.internal.profile.ProfilerException;
import dev.aiopt.junit.internal.profile.SliceMapping;
import dev.aiopt.junit.internal.profile.ViewerVariant;
import dev.aiopt.junit.internal.runfile.RunFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the causal profiler on a program's benchmark and turns the result into what the loop needs: hotspots
 * in slice coordinates and the moderate prompt summary for profiler tracks; the {@link ScoreStage} reads the
 * profiles for the causal level. Scoring uses throughput progress points only; latency points keep coz's viewer sign convention and
 * are shown, never scored.
 */
final class Profiling {
    /** The viewer's default slider value: a curve needs this many measurements to count. */
    static final int MIN_POINTS = 5;
    private static final int SUMMARY_LINES = 5;
    private static final int FIXED_LINES = 2;
    private static final Pattern TOKEN = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)");

    /** A profiled program: its causal profile, mapped into its own slice. */
    record Profiled(String programId, CausalProfile profile, SliceMapping mapping, String summary, long millis,
            String treePrefix) {
        List<RunFile.Hotspot> hotspots() {
            List<RunFile.Hotspot> out = new ArrayList<>();
            for (Hotspot h : profile.hotspots(mapping)) {
                if (out.size() == 8) {
                    break;
                }
                out.add(new RunFile.Hotspot(h.location().replace(treePrefix, ""), h.progressPoint(),
                        h.sliceLine().isPresent() ? h.sliceLine().getAsInt() : null,
                        h.programSpeedupAt20().isPresent() ? h.programSpeedupAt20().getAsDouble() : null,
                        h.programSpeedupAt50().isPresent() ? h.programSpeedupAt50().getAsDouble() : null,
                        h.impact(), h.points()));
            }
            return out;
        }
    }

    private final ExperimentPlan plan;
    private final boolean enabled;
    private final Duration cap;
    private final List<String> progressPoints;

    Profiling(ExperimentPlan plan) {
        this.plan = plan;
        this.enabled = plan.profiling().enabledFor(plan.fitness().causal());
        this.cap = plan.profiling().duration();
        this.progressPoints = plan.profiling().progressPoints();
    }

    boolean enabled() {
        return enabled;
    }

    String describe() {
        return enabled ? "causal profiling on (" + CozRunner.locate().profiler() + ", " + cap.toSeconds() + " s a program)"
                : "causal profiling off (causal term 0; AI_OPT_RUN_BCOZ=1 turns it on)";
    }

    /**
     * Profiles one program's benchmark from its kit.
     *
     * @throws ProfilerException when coz cannot profile it; the message says which flags to build with
     */
    Profiled profile(CommandRunner commands, String programId, Path kit, String slice, Path scratch, Path outputDir,
            Path treeRoot) {
        long start = System.nanoTime();
        String command = plan.measurement().commands().bench() + plan.profiling().benchArgs().map(a -> " " + a)
                .orElse("");
        List<String> argv = tokens(command.replace("$AIOPT_SCRATCH", scratch.toString())
                .replace("${AIOPT_SCRATCH}", scratch.toString()));
        String file = plan.slice().file();
        CozRunOptions options = CozRunOptions.of(argv, outputDir.resolve(programId + ".coz"))
                .withWorkingDirectory(kit).withDurationCap(cap).withSourceScope("%/" + file)
                .withEnvironment("AIOPT_SCRATCH", scratch.toString());
        SliceMapping mapping = new SliceMapping(file, plan.slice().firstLine(), (int) slice.lines().count());
        // coz spreads a short run over many lines; half the time samples, the rest is spent in --fixed-line runs
        // on the slice lines that drew the most samples, so the evolvable lines get curves of their own.
        createDirectories(outputDir);
        // In the sandbox coz may write its profiles into the run's profiles directory, and nowhere else of it.
        CozRunner runner = CozRunner.locate().withCommands(CommandRunner.using(commands.policy()
                .withWritable(outputDir.toAbsolutePath())));
        CozRunResult sampling = runner.run(options.withDurationCap(cap.dividedBy(2)));
        List<String> inSlice = sampling.profile().rankedBySamples().stream().map(Map.Entry::getKey)
                .filter(location -> mapping.sliceLine(location).isPresent()).limit(FIXED_LINES).toList();
        List<CozProfile> runs = new ArrayList<>(List.of(sampling.profile()));
        if (!inSlice.isEmpty()) {
            runs.add(runner.fixedLineRuns(options, inSlice, cap.dividedBy(2L * inSlice.size())).merged());
        } else {
            // No slice line drew samples yet (a short run may write none): keep sampling instead.
            runs.add(runner.run(options.withDurationCap(cap.dividedBy(2))).profile());
        }
        CausalProfile profile = CozProfile.concat(runs).analyze(ViewerVariant.HEAD, MIN_POINTS);
        for (String point : progressPoints) {
            if (!profile.progressPoints().contains(point)) {
                throw new ProfilerException("progress point '" + point + "' (AI_OPT_BCOZ_PROGRESS_POINTS) is not in "
                        + "the profile of " + programId + ", which has " + profile.progressPoints()
                        + "; compile it in with COZ_PROGRESS_NAMED(\"" + point + "\")");
            }
        }
        // coz names files by their build path, the workspace: show them relative to the tree.
        String summary = FeedbackSummary.of(profile, mapping, slice, SUMMARY_LINES).render()
                .replace(treeRoot.toAbsolutePath() + "/", "");
        return new Profiled(programId, profile, mapping, summary, (System.nanoTime() - start) / 1_000_000,
                treeRoot.toAbsolutePath() + "/");
    }

    /** The profile as the run file shows it; {@code level} and {@code reason} come from the score stage. */
    static RunFile.Causal causal(Profiled profiled, Double level, String reason) {
        return new RunFile.Causal(level, reason, profiled.summary(), profiled.hotspots(), profiled.millis());
    }

    private static void createDirectories(Path dir) {
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static List<String> tokens(String command) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(command);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        return out;
    }
}
