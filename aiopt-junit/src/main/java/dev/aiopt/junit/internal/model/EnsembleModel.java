package dev.aiopt.junit.internal.model;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Several models with weights; each request goes to one of them, chosen by a deterministic function of the
 * run's seed and the request's {@link ReplayKey}, so that parallel calls in any order choose the same models
 * in every run with that seed.
 */
final class EnsembleModel implements Model {
    record Member(Model model, double weight) {
        Member {
            if (!(weight > 0 && Double.isFinite(weight))) {
                throw new IllegalArgumentException("ensemble weights must be > 0: " + weight);
            }
        }
    }

    private final List<Member> members;
    private final double totalWeight;
    private final long seed;

    EnsembleModel(List<Member> members, long seed) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one model");
        }
        this.members = List.copyOf(members);
        this.totalWeight = members.stream().mapToDouble(Member::weight).sum();
        this.seed = seed;
    }

    @Override
    public ModelReply complete(ModelRequest request) {
        return pick(request.key()).complete(request);
    }

    Model pick(ReplayKey key) {
        double target = uniform(seed, key) * totalWeight;
        double cumulative = 0;
        for (Member member : members) {
            cumulative += member.weight();
            if (target < cumulative) {
                return member.model();
            }
        }
        return members.get(members.size() - 1).model();
    }

    /** A number in [0, 1) that depends only on the seed and the key. */
    static double uniform(long seed, ReplayKey key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ByteBuffer.allocate(12).putLong(seed).putInt(key.ordinal()).array());
            sha.update(key.parentSha256().getBytes(StandardCharsets.US_ASCII));
            long bits = ByteBuffer.wrap(sha.digest()).getLong();
            return (bits >>> 11) * 0x1.0p-53;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String describe() {
        return "ensemble of " + members.stream()
                .map(m -> m.model().describe() + String.format(Locale.ROOT, " (weight %.2f)",
                        m.weight() / totalWeight))
                .collect(Collectors.joining(", "));
    }

    @Override
    public boolean offline() {
        return members.stream().allMatch(m -> m.model().offline());
    }
}
