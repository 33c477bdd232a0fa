package dev.aiopt.junit.internal.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * What produced a run's figures, for {@code run.json}. Absent facts are null in Java and left out of the JSON
 * (an unreadable governor, a tree that is neither a git work tree nor hashed). No secrets: model endpoints are kept
 * without user info, query or fragment, and no key is ever read.
 *
 * @param library this library's version and revision
 * @param jvm the JVM that ran the experiment
 * @param build the build command as given and the compiler it names
 * @param machine kernel, CPU, governor and load
 * @param target the target tree and its revision or content hash
 * @param models the model of each track, with its endpoint
 * @param seeds the run's seeds (one per replicate)
 * @param startedAt ISO-8601 instant at which the manifest was collected
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(Library library, Jvm jvm, Build build, Machine machine, Target target, List<Model> models,
        List<Long> seeds, String startedAt) {

    public Manifest {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(jvm, "jvm");
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(target, "target");
        models = List.copyOf(models);
        seeds = List.copyOf(seeds);
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /** A copy with the load average at the end of the run. */
    public Manifest withLoadAtEnd(LoadAverage load) {
        return new Manifest(library, jvm, build, machine.withLoadAtEnd(load), target, models, seeds, startedAt);
    }

    /**
     * @param version the library's version (from its jar), null when run from classes
     * @param revision git commit of the library's sources with {@code -dirty} when modified, null when unknown
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Library(String version, String revision) {
    }

    /**
     * @param version {@code java.version}
     * @param vendor {@code java.vendor}
     * @param vm {@code java.vm.name} and {@code java.vm.version}
     */
    public record Jvm(String version, String vendor, String vm) {
    }

    /**
     * @param command the build command exactly as configured (compiler, flags, sources)
     * @param compiler the compiler it names (first word, or {@code $CXX}), null when it names none
     * @param compilerVersion the first line of {@code compiler --version}, null when it cannot be run
     * @param preparedFlags the flags the target tree was built with as its prepare script ran them (the lines of
     *     {@code <tree>/aiopt-build-flags.txt} that are not comments), null when the tree has no such file
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Build(String command, String compiler, String compilerVersion, String preparedFlags) {
    }

    /**
     * @param kernel the kernel release ({@code uname -r})
     * @param os the operating system name and architecture
     * @param cpuModel the CPU's model name from {@code /proc/cpuinfo}, null when unreadable
     * @param cpus processors available to the JVM
     * @param governor the cpufreq scaling governor of CPU 0, null when unreadable (often in containers and VMs)
     * @param loadAtStart load average when collected
     * @param loadAtEnd load average at the end of the run, null until set
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Machine(String kernel, String os, String cpuModel, int cpus, String governor, LoadAverage loadAtStart,
            LoadAverage loadAtEnd) {
        Machine withLoadAtEnd(LoadAverage load) {
            return new Machine(kernel, os, cpuModel, cpus, governor, loadAtStart, load);
        }
    }

    /**
     * The 1, 5 and 15 minute load averages ({@code /proc/loadavg}).
     *
     * @param one 1-minute average
     * @param five 5-minute average
     * @param fifteen 15-minute average
     */
    public record LoadAverage(double one, double five, double fifteen) {
    }

    /**
     * @param root the tree's absolute path
     * @param revision git commit of the tree, with {@code -dirty} when it has uncommitted changes; null when the tree
     *     is not in a git work tree
     * @param contentSha256 SHA-256 over the tree's files (sorted relative paths and contents), when it is not in git
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(String root, String revision, String contentSha256) {
    }

    /**
     * @param track the track that used the model
     * @param modelId the model id sent to the endpoint
     * @param endpoint the endpoint; kept without user info, query or fragment (they can hold keys); {@code offline
     *     replay} or a recording's file name when no model was asked
     */
    public record Model(String track, String modelId, String endpoint) {
        public Model {
            Objects.requireNonNull(track, "track");
            Objects.requireNonNull(modelId, "modelId");
            endpoint = ManifestCollector.sanitizedEndpoint(Objects.requireNonNull(endpoint, "endpoint"));
        }
    }
}
