package dev.aiopt.junit.internal.gate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiopt.junit.internal.stats.Comparison;
import dev.aiopt.junit.internal.stats.DetectableRegression;
import dev.aiopt.junit.internal.stats.GateVerdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a gate run leaves behind besides its assertion: {@code gate-verdict.json} in the run directory (outcome,
 * per-metric ratio, interval, p-value, detectable regression, runs per look, the machine's state), and the
 * JUnit report entries ({@code aiopt.gate.*}) that surefire's XML and IDEs show.
 */
final class GateReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GateReport() {
    }

    /** The report entries of one verdict, in a stable order. */
    static Map<String, String> entries(GateVerdict verdict, MachineState machine) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("aiopt.gate.outcome", verdict.outcome());
        entries.put("aiopt.gate.throughput", ratio(verdict.throughput()) + " (" + verdict.throughputTest() + ")");
        entries.put("aiopt.gate.throughput.detectable", verdict.throughputDetectable().summary());
        if (verdict.p99Detectable() == null) {
            entries.put("aiopt.gate.p99", "not compared: " + verdict.p99Test().description());
        } else {
            entries.put("aiopt.gate.p99", ratio(verdict.p99()) + " (" + verdict.p99TestDescription() + ")");
            entries.put("aiopt.gate.p99.detectable", verdict.p99Detectable().summary());
        }
        entries.put("aiopt.gate.runs", verdict.looks().summary());
        if (machine != null) {
            entries.put("aiopt.gate.machine", (machine.busy() ? machine.busyReason() + "; " : "") + machine.describe());
        }
        return entries;
    }

    static void write(Path file, String name, GateVerdict verdict, MachineState machine) {
        ObjectNode root = JSON.createObjectNode();
        root.put("gate", name);
        root.put("outcome", verdict.outcome());
        root.set("throughput", metric(verdict.throughput(), verdict.throughputDetectable(), verdict.throughputFailed(),
                verdict.throughputTest()));
        if (verdict.p99Detectable() != null) {
            root.set("p99", metric(verdict.p99(), verdict.p99Detectable(), verdict.p99Failed(),
                    verdict.p99TestDescription()));
        }
        root.put("p99_test", verdict.p99Test().name());
        root.put("pairing", verdict.pairing().name());
        root.set("runs_per_look", JSON.valueToTree(verdict.looks().runsPerLook()));
        root.put("planned_looks", verdict.looks().plannedLooks());
        root.put("alpha_per_look", verdict.looks().alphaPerLook());
        ObjectNode state = root.putObject("machine");
        state.put("load_at_start", machine.loadAtStart());
        state.put("load_at_end", machine.loadAtEnd());
        state.put("cores", machine.cores());
        state.put("governor", machine.governor());
        if (!Double.isNaN(machine.stealFraction())) {
            state.put("steal_fraction", machine.stealFraction());
        }
        state.put("busy", machine.busy());
        root.put("message", verdict.message());
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the gate's verdict to " + file.toAbsolutePath(), e);
        }
    }

    private static ObjectNode metric(Comparison comparison, DetectableRegression detectable, boolean failed,
            String test) {
        ObjectNode node = JSON.createObjectNode();
        node.put("test", test);
        node.put("ratio", comparison.ratio());
        node.put("low", comparison.low());
        node.put("high", comparison.high());
        node.put("p_value", comparison.pValue());
        node.put("failed", failed);
        node.put("limit", detectable.limit());
        node.put("detectable_ratio", detectable.ratio());
        node.put("detectable_power", detectable.power());
        node.put("log_spread", detectable.logSpread());
        node.put("inconclusive", detectable.inconclusive());
        if (detectable.runsForLimit() != DetectableRegression.NEVER) {
            node.put("runs_for_limit", detectable.runsForLimit());
        }
        return node;
    }

    private static String ratio(Comparison c) {
        return String.format(Locale.ROOT, "x%.3f [%.3f, %.3f]", c.ratio(), c.low(), c.high());
    }
}
