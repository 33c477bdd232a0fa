package dev.aiopt.examples.rocksdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs this module's shell scripts as real processes and captures what they print. */
final class Scripts {
  static final Path DIR = Path.of("scripts").toAbsolutePath();

  record Result(int exitCode, String stdout, String stderr) {}

  static Result run(Map<String, String> env, long timeoutSeconds, String script, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(DIR.resolve(script).toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("AI_OPT_ROCKSDB_PATH");
    builder.environment().putAll(env);
    Path out = Files.createTempFile("aiopt-script", ".out");
    Path err = Files.createTempFile("aiopt-script", ".err");
    try {
      Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(script + " did not finish within " + timeoutSeconds + " s");
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private Scripts() {}
}
