package dev.aiopt.junit.internal.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs Debian's headless Chromium on a local file: the DOM after load, what the page wrote to the console, and
 * a screenshot. With {@code --enable-logging=stderr}, Chromium logs every console message and uncaught error
 * of the page as a {@code CONSOLE} line on stderr, whatever its level; our pages log nothing, so any such
 * line is a problem.
 */
final class HeadlessChromium {
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final Pattern CONSOLE = Pattern.compile(":CONSOLE[:(]");
    private static final long TIMEOUT_SECONDS = 120;

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** The first Chromium on the PATH, if any. */
    static Optional<HeadlessChromium> find() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : NAMES) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(new HeadlessChromium(candidate));
                }
            }
        }
        return Optional.empty();
    }

    /** What one load of a page showed. */
    record Load(String dom, List<String> consoleLines, String stderr) {}

    /** Loads the page and returns its DOM and console lines. */
    Load dumpDom(Path page, Path workDir) throws IOException, InterruptedException {
        return load(workDir, "--dump-dom", page.toUri().toString());
    }

    /** Loads the page in a window {@code width} × {@code height} CSS pixels and returns its DOM and console lines. */
    Load dumpDom(Path page, Path workDir, int width, int height) throws IOException, InterruptedException {
        return load(workDir, "--window-size=" + width + "," + height, "--dump-dom",
                page.toUri().toString());
    }

    private Load load(Path workDir, String... args) throws IOException, InterruptedException {
        Run run = run(workDir, args);
        List<String> console = new ArrayList<>();
        for (String line : run.stderr().split("\n")) {
            if (CONSOLE.matcher(line).find()) {
                console.add(line.trim());
            }
        }
        return new Load(run.stdout(), console, run.stderr());
    }

    /** Writes a PNG screenshot of the page, {@code width} × {@code height} CSS pixels. */
    void screenshot(Path page, Path png, int width, int height, Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        run(workDir, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", page.toUri().toString());
        if (!Files.isRegularFile(png)) {
            throw new IllegalStateException("chromium wrote no screenshot at " + png);
        }
    }

    private record Run(String stdout, String stderr) {}

    private Run run(Path workDir, String... args) throws IOException, InterruptedException {
        Path userData = Files.createTempDirectory(workDir, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--user-data-dir=" + userData,
                "--enable-logging=stderr", "--v=0"));
        command.addAll(List.of(args));
        Path out = workDir.resolve("chromium.stdout");
        Path err = workDir.resolve("chromium.stderr");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("chromium exited with " + process.exitValue() + ": " + command + "\n"
                    + stderr);
        }
        return new Run(Files.readString(out, StandardCharsets.UTF_8), stderr);
    }
}
