package dev.aiopt.junit.internal.metrics;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A C++ test program built with the real g++ and run as a real process; output decoded as CommandRunner does. */
record NativeProgram(Path binary) {

    record Output(String stdout, String stderr) {
    }

    static NativeProgram build(Path source, Path dir, String... libraries) throws IOException, InterruptedException {
        assumeTrue(onPath("g++"), "g++ is not installed (apt-get install g++)");
        Path binary = dir.resolve(source.getFileName().toString().replace(".cc", ""));
        List<String> command = new ArrayList<>(List.of("g++", "-std=c++17", "-O2", source.toString(), "-o",
                binary.toString()));
        command.addAll(List.of(libraries));
        Output built = run(command, dir);
        if (!Files.isExecutable(binary)) {
            throw new AssertionError("g++ failed on " + source + ": " + built.stderr());
        }
        return new NativeProgram(binary);
    }

    Output run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        return run(command, dir);
    }

    /** Runs {@code script} with {@code sh -c}: for outputs no benchmark should print. */
    static Output shell(String script, Path dir) throws IOException, InterruptedException {
        return run(List.of("sh", "-c", script), dir);
    }

    static boolean onPath(String tool) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    private static Output run(List<String> command, Path dir) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 120 s");
        }
        return new Output(new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
                new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
    }
}
