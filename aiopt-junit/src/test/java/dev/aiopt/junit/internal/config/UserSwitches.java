package dev.aiopt.junit.internal.config;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Makes the library's own tests immune to the switches a user gives an experiment run: Maven hands
 * {@code -Dtrack=profiler} or {@code -Daiopt.resume=latest} on the command line to every module's forked JVM,
 * and the fixtures these tests run in-process would resolve them like any experiment. Removed once, when the
 * outer launcher session opens (registered in {@code META-INF/services}); tests that need a switch set it
 * themselves, and the properties that configure the tests themselves are kept.
 */
public final class UserSwitches implements LauncherSessionListener {
    /** Properties read by the tests, not by the library: CI sets them. */
    static final Set<String> TEST_PROPERTIES = Set.of("aiopt.report.check", "aiopt.report.requireChromium",
            "aiopt.helperDir");

    private static final AtomicBoolean CLEARED = new AtomicBoolean();
    private static volatile Set<String> removed = Set.of();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        // EngineTestKit runs inside a test open sessions of their own: only the first (outer) one clears.
        if (CLEARED.compareAndSet(false, true)) {
            removed = clear();
        }
    }

    /** Removes {@code track} and every {@code aiopt.*} system property except {@link #TEST_PROPERTIES}. */
    static Set<String> clear() {
        Set<String> names = new TreeSet<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if ((name.equals("track") || name.startsWith("aiopt.")) && !TEST_PROPERTIES.contains(name)) {
                names.add(name);
                System.clearProperty(name);
            }
        }
        if (!names.isEmpty()) {
            System.out.println("[aiopt tests] ignoring the user's switches " + names
                    + ": the library's tests pin their own configuration");
        }
        return Set.copyOf(names);
    }

    /** The switches removed when this JVM's first session opened. */
    static Set<String> removed() {
        return removed;
    }
}
