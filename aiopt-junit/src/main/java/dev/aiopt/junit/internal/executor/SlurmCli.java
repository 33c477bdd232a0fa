package dev.aiopt.junit.internal.executor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Slurm's command-line tools, as the executor uses them: {@code sbatch --parsable}, one {@code squeue} for all
 * jobs in flight per poll, {@code scancel}, {@code sinfo}, and {@code sacct} (or {@code sacct -c}, which reads
 * the job completion log without a database) for jobs {@code squeue} has forgotten.
 *
 * <p>The tools run with a minimal environment ({@code PATH}, {@code HOME}, {@code SLURM_CONF}) so that nothing
 * of this JVM's environment, API keys least of all, reaches Slurm.
 */
final class SlurmCli {
    private static final long COMMAND_SECONDS = 60;
    private final Optional<Path> slurmConf;

    SlurmCli(Optional<Path> slurmConf) {
        this.slurmConf = slurmConf;
    }

    /** Submits a batch script; returns the job id. */
    String submit(List<String> options, Path script) {
        List<String> argv = new ArrayList<>(List.of("sbatch", "--parsable"));
        argv.addAll(options);
        argv.add(script.toString());
        Output out = run(argv);
        String id = out.stdout.strip().split(";")[0];
        if (out.exit != 0 || !id.matches("[0-9]+(_[0-9]+)?")) {
            throw new SlurmException("sbatch refused " + script + " (exit " + out.exit + "): "
                    + (out.stderr.isBlank() ? out.stdout : out.stderr).strip()
                    + "; check aiopt.slurm.partition/account/qos/memory against `sinfo` and `sacctmgr show assoc`");
        }
        return id;
    }

    /** The states of the given jobs, in one {@code squeue} call; jobs it no longer knows are absent. */
    Map<String, JobState> query(Collection<String> jobIds) {
        Map<String, JobState> states = new HashMap<>();
        if (jobIds.isEmpty()) {
            return states;
        }
        Output out = run(List.of("squeue", "-h", "--states=all", "-j", String.join(",", jobIds),
                "-o", "%i|%T|%N|%r"));
        if (out.exit != 0 && !out.stderr.contains("Invalid job id")) {
            throw new SlurmException("squeue failed (exit " + out.exit + "): " + out.stderr.strip());
        }
        parse(out.stdout, states);
        return states;
    }

    /** What the accounting (or the job completion log) says of jobs {@code squeue} has forgotten. */
    Map<String, JobState> account(Collection<String> jobIds) {
        Map<String, JobState> states = new HashMap<>();
        if (jobIds.isEmpty()) {
            return states;
        }
        String ids = String.join(",", jobIds);
        for (List<String> argv : List.of(
                List.of("sacct", "-n", "-P", "-X", "-j", ids, "-o", "JobID,State,NodeList,Reason"),
                List.of("sacct", "-c", "-n", "-P", "-j", ids, "-o", "JobID,State,NodeList"))) {
            Output out = run(argv);
            if (out.exit == 0) {
                for (String line : out.stdout.split("\n")) {
                    String[] f = line.split("\\|", -1);
                    if (f.length >= 3 && !f[0].isBlank() && !f[0].contains(".")) {
                        String state = f[1].split(" ")[0];
                        states.put(f[0], new JobState(f[0], state, f[2], f.length > 3 ? f[3] : ""));
                    }
                }
                if (!states.isEmpty()) {
                    break;
                }
            }
        }
        return states;
    }

    void cancel(Collection<String> jobIds) {
        if (!jobIds.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of("scancel"));
            argv.addAll(jobIds);
            run(argv); // a job that ended meanwhile makes scancel complain; nothing to do about it
        }
    }

    /** The nodes of a partition (all nodes when none is named). */
    List<String> nodes(Optional<String> partition) {
        List<String> argv = new ArrayList<>(List.of("sinfo", "-h", "-N", "-o", "%N"));
        partition.ifPresent(p -> argv.addAll(List.of("-p", p)));
        Output out = run(argv);
        if (out.exit != 0) {
            throw new SlurmException("sinfo failed (exit " + out.exit + "): " + out.stderr.strip()
                    + "; is SLURM_CONF set and slurmctld up (`scontrol ping`)?");
        }
        return out.stdout.lines().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    static void parse(String squeueOutput, Map<String, JobState> into) {
        for (String line : squeueOutput.split("\n")) {
            String[] f = line.strip().split("\\|", -1);
            if (f.length == 4 && !f[0].isEmpty()) {
                into.put(f[0], new JobState(f[0], f[1], f[2], f[3]));
            }
        }
    }

    private record Output(int exit, String stdout, String stderr) {
    }

    // Not sandboxed: sbatch/squeue/scancel must reach the cluster's controller; the candidate's commands run in
    // the job, where the unit's Isolation sandboxes them on the node.
    private Output run(List<String> argv) {
        ProcessBuilder builder = new ProcessBuilder(argv);
        Map<String, String> env = builder.environment();
        Map<String, String> inherited = Map.copyOf(env);
        env.clear();
        for (String name : List.of("PATH", "HOME", "USER", "LANG")) {
            if (inherited.containsKey(name)) {
                env.put(name, inherited.get(name));
            }
        }
        slurmConf.map(Path::toString).or(() -> Optional.ofNullable(inherited.get("SLURM_CONF")))
                .ifPresent(conf -> env.put("SLURM_CONF", conf));
        try {
            Process process = builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            // Outputs are small (one line per job); read them after the exit.
            if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new SlurmException(argv.get(0) + " did not answer within " + COMMAND_SECONDS
                        + " s; is slurmctld overloaded or down (`scontrol ping`)?");
            }
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Output(process.exitValue(), stdout, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv.get(0) + " (is slurm-client installed? "
                    + "`apt-get install slurm-client` or scripts/local-slurm.sh start)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlurmException("interrupted while running " + argv.get(0));
        }
    }
}
