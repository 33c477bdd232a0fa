package dev.aiopt.junit.internal.evolution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A run directory's lock, {@code run.lock}, held by the session that runs (or resumes) it until it closes: a second
 * session cannot resume the same directory at once, and {@link OldRuns} never deletes a run in use. An OS file
 * lock, so a killed session's lock goes with its process.
 */
final class RunLock implements AutoCloseable {
    static final String FILE_NAME = "run.lock";
    /** Run directories this JVM opened: never pruned by it, closed or not (a tournament reads them at the end). */
    private static final Set<Path> OPENED = ConcurrentHashMap.newKeySet();

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code runDirectory}.
     *
     * @throws IllegalStateException when another session holds it
     */
    static RunLock acquire(Path runDirectory) {
        Optional<RunLock> lock = tryAcquire(runDirectory);
        if (lock.isEmpty()) {
            throw new IllegalStateException("run directory " + runDirectory.toAbsolutePath() + " is in use by another"
                    + " session (it holds " + FILE_NAME + "): wait for it to end, or resume another run");
        }
        OPENED.add(runDirectory.toAbsolutePath().normalize());
        return lock.get();
    }

    /** The lock of {@code runDirectory}, or empty when another session (or this JVM) holds it. */
    static Optional<RunLock> tryAcquire(Path runDirectory) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(runDirectory.resolve(FILE_NAME), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new RunLock(channel, lock));
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            return Optional.empty();
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + runDirectory.resolve(FILE_NAME), e);
        }
    }

    /** Whether this JVM opened {@code runDirectory} for a run. */
    static boolean openedHere(Path runDirectory) {
        return OPENED.contains(runDirectory.toAbsolutePath().normalize());
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing held any more
            }
        }
    }
}
