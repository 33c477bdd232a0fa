package dev.aiopt.junit.internal.process;

import java.util.ArrayList;
import java.util.List;

/** Reads, from how a command ended and what it printed, what the sandbox or a limit refused it. */
final class Refusals {
    private static final int EXIT_FILE_SIZE = 128 + 25;

    private Refusals() {
    }

    static List<String> find(int exit, String output, long refusedForks, CommandPolicy policy) {
        List<String> found = new ArrayList<>();
        ProcessLimits limits = policy.limits();
        if (refusedForks > 0) {
            found.add("the process limit of " + limits.maxProcesses() + " refused " + refusedForks + " forks");
        } else if (output.contains("fork: Resource temporarily unavailable")
                || output.contains("fork: retry: Resource temporarily unavailable")) {
            found.add("the process limit of " + limits.maxProcesses() + " refused forks");
        }
        if (exit == EXIT_FILE_SIZE || output.contains("File too large")) {
            found.add("a file grew past the file-size limit of " + limits.maxFileBytes() + " bytes (SIGXFSZ)");
        }
        if (policy.sandbox().enabled()) {
            if (output.contains("Read-only file system")) {
                found.add("the sandbox refused a write outside the workspace and scratch (read-only file system)");
            }
            if (output.contains("Network is unreachable") || output.contains("Connection refused")
                    || output.contains("Could not resolve host") || output.contains("Temporary failure in name resolution")) {
                found.add("the sandbox has no network: a connection was refused");
            }
            for (java.nio.file.Path home : policy.sandbox().hiddenHomes()) {
                if (output.contains(home + "/") && output.contains("No such file or directory")) {
                    found.add("the sandbox hides the user's home " + home + ": a read there found nothing");
                    break;
                }
            }
        }
        if (exit == 126 && output.contains("aiopt-launch:")) {
            found.add("could not be started with its limits: " + output.substring(output.indexOf("aiopt-launch:"))
                    .lines().findFirst().orElse(""));
        }
        return found;
    }
}
