package dev.aiopt.junit.internal.process;

/**
 * How much of a command's standard output and error is kept: the first {@code headBytes} and the last
 * {@code tailBytes} of each stream, with a marker saying how much was left out between them. A candidate that
 * prints gigabytes costs its reading time, never the disk or the heap.
 *
 * @param headBytes bytes kept from the start, at least 1 KiB
 * @param tailBytes bytes kept from the end, at least 1 KiB
 */
record OutputCap(int headBytes, int tailBytes) {
    private static final int MIN = 1024;

    public OutputCap {
        if (headBytes < MIN || tailBytes < MIN) {
            throw new IllegalArgumentException("an output cap keeps at least " + MIN + " bytes of head and tail, not "
                    + headBytes + " and " + tailBytes);
        }
    }

    /** 4 MiB of head and 1 MiB of tail: every real build log and benchmark report fits whole. */
    public static OutputCap defaults() {
        return new OutputCap(4 << 20, 1 << 20);
    }
}
