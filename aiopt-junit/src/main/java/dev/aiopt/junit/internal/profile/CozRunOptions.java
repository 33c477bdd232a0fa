package dev.aiopt.junit.internal.profile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How to run one benchmark under coz: the command (whose progress points are compiled in with
 * {@code COZ_PROGRESS_NAMED}), where to write the profile (deleted before the run, since coz appends), a duration
 * cap after which the whole process group is stopped (coz has written its experiments by then), and coz's scope
 * and fixed-line options. Immutable; use {@link #of} and the {@code with...} methods.
 *
 * @param command the benchmark command and its arguments
 * @param workingDirectory where the command runs
 * @param outputFile the profile file coz writes ({@code -o})
 * @param durationCap stop the run after this long
 * @param sourceScopes {@code --source-scope} patterns ({@code %} is coz's wildcard); empty means coz's default
 * @param binaryScopes {@code --binary-scope} patterns; empty means coz's default ({@code MAIN})
 * @param fixedLine {@code --fixed-line file:line}: run every experiment on this line
 * @param fixedSpeedup {@code --fixed-speedup} 0..100
 * @param environment extra environment variables for the benchmark
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record CozRunOptions(List<String> command, Path workingDirectory, Path outputFile, Duration durationCap,
        List<String> sourceScopes, List<String> binaryScopes, Optional<String> fixedLine, OptionalInt fixedSpeedup,
        Map<String, String> environment) {

    public CozRunOptions {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a benchmark command is required");
        }
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(outputFile, "outputFile");
        Objects.requireNonNull(durationCap, "durationCap");
        if (durationCap.isNegative() || durationCap.isZero()) {
            throw new IllegalArgumentException("durationCap must be positive: " + durationCap);
        }
        sourceScopes = List.copyOf(sourceScopes);
        binaryScopes = List.copyOf(binaryScopes);
        Objects.requireNonNull(fixedLine, "fixedLine");
        fixedLine.ifPresent(line -> {
            if (!CozLocation.parse(line).isSourceLine()) {
                throw new IllegalArgumentException("fixedLine must be file:line, found \"" + line + "\"");
            }
        });
        Objects.requireNonNull(fixedSpeedup, "fixedSpeedup");
        if (fixedSpeedup.isPresent() && (fixedSpeedup.getAsInt() < 0 || fixedSpeedup.getAsInt() > 100)) {
            throw new IllegalArgumentException("fixedSpeedup must be 0..100: " + fixedSpeedup.getAsInt());
        }
        environment = Map.copyOf(environment);
    }

    /** Options with coz's defaults, a 60 s cap, running in the output file's directory. */
    public static CozRunOptions of(List<String> command, Path outputFile) {
        Path dir = outputFile.toAbsolutePath().getParent();
        return new CozRunOptions(command, dir, outputFile.toAbsolutePath(), Duration.ofSeconds(60), List.of(),
                List.of(), Optional.empty(), OptionalInt.empty(), Map.of());
    }

    /** These options with the benchmark running in {@code dir}. */
    public CozRunOptions withWorkingDirectory(Path dir) {
        return new CozRunOptions(command, dir, outputFile, durationCap, sourceScopes, binaryScopes, fixedLine,
                fixedSpeedup, environment);
    }

    /** These options writing the profile to {@code file} (deleted before each run). */
    public CozRunOptions withOutputFile(Path file) {
        return new CozRunOptions(command, workingDirectory, file.toAbsolutePath(), durationCap, sourceScopes,
                binaryScopes, fixedLine, fixedSpeedup, environment);
    }

    /** These options with the run stopped after {@code cap}. */
    public CozRunOptions withDurationCap(Duration cap) {
        return new CozRunOptions(command, workingDirectory, outputFile, cap, sourceScopes, binaryScopes, fixedLine,
                fixedSpeedup, environment);
    }

    /** Adds a {@code --source-scope} pattern, for example {@code %/db/db_impl/db_impl_write.cc}. */
    public CozRunOptions withSourceScope(String pattern) {
        List<String> scopes = new ArrayList<>(sourceScopes);
        scopes.add(pattern);
        return new CozRunOptions(command, workingDirectory, outputFile, durationCap, scopes, binaryScopes, fixedLine,
                fixedSpeedup, environment);
    }

    /** Adds a {@code --binary-scope} pattern ({@code MAIN} is the executable, {@code %} a wildcard). */
    public CozRunOptions withBinaryScope(String pattern) {
        List<String> scopes = new ArrayList<>(binaryScopes);
        scopes.add(pattern);
        return new CozRunOptions(command, workingDirectory, outputFile, durationCap, sourceScopes, scopes, fixedLine,
                fixedSpeedup, environment);
    }

    /** These options with every experiment on {@code fileLine} ({@code --fixed-line}). */
    public CozRunOptions withFixedLine(String fileLine) {
        return new CozRunOptions(command, workingDirectory, outputFile, durationCap, sourceScopes, binaryScopes,
                Optional.of(fileLine), fixedSpeedup, environment);
    }

    /** These options with every experiment at {@code percent} line speedup ({@code --fixed-speedup}). */
    public CozRunOptions withFixedSpeedup(int percent) {
        return new CozRunOptions(command, workingDirectory, outputFile, durationCap, sourceScopes, binaryScopes,
                fixedLine, OptionalInt.of(percent), environment);
    }

    /** These options with one more environment variable for the benchmark. */
    public CozRunOptions withEnvironment(String name, String value) {
        Map<String, String> env = new HashMap<>(environment);
        env.put(name, value);
        return new CozRunOptions(command, workingDirectory, outputFile, durationCap, sourceScopes, binaryScopes,
                fixedLine, fixedSpeedup, env);
    }

    /** The {@code coz run} arguments after the binary name. */
    List<String> cozArguments() {
        List<String> args = new ArrayList<>(List.of("run"));
        sourceScopes.forEach(s -> args.addAll(List.of("--source-scope", s)));
        binaryScopes.forEach(b -> args.addAll(List.of("--binary-scope", b)));
        fixedLine.ifPresent(l -> args.addAll(List.of("--fixed-line", l)));
        fixedSpeedup.ifPresent(s -> args.addAll(List.of("--fixed-speedup", Integer.toString(s))));
        args.addAll(List.of("-o", outputFile.toString(), "---"));
        args.addAll(command);
        return args;
    }
}
