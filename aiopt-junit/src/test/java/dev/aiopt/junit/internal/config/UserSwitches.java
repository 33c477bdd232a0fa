package dev.aiopt.junit.internal.config;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Makes the library's own tests immune to the switches a user gives an experiment run: Maven hands
 * {@code -Dtrack=profiler} or {@code -Daiopt.resume=latest} on the command line to every module's forked JVM,
 * and the fixtures these tests run in-process would resolve them like any experiment. Removed once, when the
 * outer launcher session opens (registered in {@code META-INF/services}); tests that need a switch set it
 * themselves. The properties that configure the tests themselves are removed too (the library would refuse
 * them as unknown keys) and read with {@link #testProperty}.
 */
public final class UserSwitches implements LauncherSessionListener {
    /** Properties read by the tests, not by the library: CI sets them. */
    static final Set<String> TEST_PROPERTIES = Set.of("aiopt.report.check", "aiopt.report.requireChromium");
    /** Read by the library itself outside the configuration layers (the helper binary's directory). */
    static final Set<String> KEPT = Set.of("aiopt.helperDir");

    private static final AtomicBoolean CLEARED = new AtomicBoolean();
    private static final Map<String, String> TEST_VALUES = new ConcurrentHashMap<>();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        // EngineTestKit runs inside a test open sessions of their own: only the first (outer) one clears.
        if (CLEARED.compareAndSet(false, true)) {
            clear();
        }
    }

    /** A test's own setting ({@link #TEST_PROPERTIES}) as the command line gave it, or null. */
    public static String testProperty(String name) {
        if (!TEST_PROPERTIES.contains(name)) {
            throw new IllegalArgumentException(name + " is not a test property: " + TEST_PROPERTIES);
        }
        return TEST_VALUES.getOrDefault(name, System.getProperty(name));
    }

    /**
     * Removes {@code track} and every {@code aiopt.*} system property but {@link #KEPT}, remembering the
     * {@link #TEST_PROPERTIES}; returns the names of the user's switches it removed.
     */
    static Set<String> clear() {
        Set<String> names = new TreeSet<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if ((name.equals("track") || name.startsWith("aiopt.")) && !KEPT.contains(name)) {
                String value = System.clearProperty(name);
                if (TEST_PROPERTIES.contains(name)) {
                    TEST_VALUES.put(name, value);
                } else {
                    names.add(name);
                }
            }
        }
        if (!names.isEmpty()) {
            System.out.println("[aiopt tests] ignoring the user's switches " + names
                    + ": the library's tests pin their own configuration");
        }
        return Set.copyOf(names);
    }
}
