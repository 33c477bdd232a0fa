package dev.aiopt.junit.internal.executor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The batch script of one attempt: the allowlisted environment, then {@code exec java ... UnitJob}. It holds
 * no logic of its own; what the job does is {@link UnitJob}'s, the same code the local executor runs.
 */
final class JobScript {
    private JobScript() {
    }

    static String render(SlurmSettings settings, Path unitDirectory, int attempt) {
        Map<String, String> env = System.getenv();
        Set<String> names = new LinkedHashSet<>(SlurmSettings.BASE_ENVIRONMENT);
        names.addAll(settings.environment());
        StringBuilder script = new StringBuilder("#!/bin/bash\n")
                .append("# aiopt: attempt ").append(attempt).append(" of the unit in ").append(unitDirectory)
                .append("\n# Submitted with --export=NONE: the job sees only these variables of the submitter.\n");
        for (String name : names) {
            String value = env.get(name);
            if (value != null) {
                script.append("export ").append(name).append('=').append(quote(value)).append('\n');
            }
        }
        settings.scratch().ifPresent(s -> script.append("export AIOPT_SCRATCH=").append(quote(s)).append('\n'));
        List<String> argv = new ArrayList<>();
        argv.add(settings.java().toString());
        argv.addAll(settings.jvmOptions());
        argv.addAll(List.of("-cp", settings.classpath(), UnitJob.class.getName(), unitDirectory.toString(),
                String.valueOf(attempt), String.valueOf(settings.leaseTimeout().toMillis())));
        script.append("exec");
        argv.forEach(a -> script.append(' ').append(quote(a)));
        return script.append('\n').toString();
    }

    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
