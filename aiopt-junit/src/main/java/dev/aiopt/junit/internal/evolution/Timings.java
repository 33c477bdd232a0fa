package dev.aiopt.junit.internal.evolution;

/** Where a candidate's time went, in milliseconds. */
record Timings(long modelMs, long applyMs, long buildMs, long verifyMs, long benchMs, long profileMs) {
    static final Timings NONE = new Timings(0, 0, 0, 0, 0, 0);

    Timings plusModel(long ms) {
        return new Timings(modelMs + ms, applyMs, buildMs, verifyMs, benchMs, profileMs);
    }

    Timings plusApply(long ms) {
        return new Timings(modelMs, applyMs + ms, buildMs, verifyMs, benchMs, profileMs);
    }

    Timings withBuild(long build, long verify) {
        return new Timings(modelMs, applyMs, build, verify, benchMs, profileMs);
    }

    Timings withBench(long ms) {
        return new Timings(modelMs, applyMs, buildMs, verifyMs, ms, profileMs);
    }

    Timings withProfile(long ms) {
        return new Timings(modelMs, applyMs, buildMs, verifyMs, benchMs, ms);
    }

    String describe() {
        return String.format("model %.1fs apply %.1fs build %.1fs verify %.1fs bench %.1fs%s", modelMs / 1e3,
                applyMs / 1e3, buildMs / 1e3, verifyMs / 1e3, benchMs / 1e3,
                profileMs > 0 ? String.format(" profile %.1fs", profileMs / 1e3) : "");
    }
}
