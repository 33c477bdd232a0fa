package dev.aiopt.junit.internal.model;

import java.util.concurrent.atomic.AtomicInteger;

/** Answers every request with fixed token counts; counts calls. */
final class FakeModel implements Model {
    final String name;
    final long tokensIn;
    final long tokensOut;
    final AtomicInteger calls = new AtomicInteger();

    FakeModel(String name, long tokensIn, long tokensOut) {
        this.name = name;
        this.tokensIn = tokensIn;
        this.tokensOut = tokensOut;
    }

    @Override
    public ModelReply complete(ModelRequest request) {
        calls.incrementAndGet();
        return new ModelReply("answer from " + name + " to " + request.key(), name, tokensIn, tokensOut, 1);
    }

    @Override
    public String describe() {
        return name + " (fake)";
    }
}
