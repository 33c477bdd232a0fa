package dev.aiopt.junit.internal.extension;

import dev.aiopt.junit.Track;
import dev.aiopt.junit.internal.config.Configuration;
import dev.aiopt.junit.internal.config.ConfigurationException;
import dev.aiopt.junit.internal.model.Ledger;
import dev.aiopt.junit.internal.model.Model;
import dev.aiopt.junit.internal.model.ModelException;
import dev.aiopt.junit.internal.model.ModelSettings;
import dev.aiopt.junit.internal.model.RecordingModel;
import dev.aiopt.junit.internal.model.ReplayModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Chooses who writes candidates for a track: a live model configured for it (recorded into the run
 * directory), {@code aiopt.model=replay:<dir>} (a recorded run), or the experiment's offline recording, used
 * when {@code aiopt.model=offline} or when nothing is configured for the track, and labelled so wherever it
 * prints. Every model is metered by the run's ledger.
 */
final class ModelSelection {
    private ModelSelection() {
    }

    static Model select(Track track, Configuration config, String offlineResource, Class<?> testClass, Path runDir,
            Ledger ledger, long seed) {
        ModelSettings settings = ModelSettings.forTrack(track, config::find);
        switch (settings.status()) {
            case LIVE:
                return new RecordingModel(settings.open(seed, ledger), runDir);
            case REPLAY:
                return new RecordingModel(settings.open(seed, ledger), runDir);
            case NOT_CONFIGURED:
                if (offlineResource.isEmpty()) {
                    settings.requireConfigured();
                }
                return new RecordingModel(ledger.meter(offline(offlineResource, testClass)), runDir);
            case OFFLINE:
            default:
                if (offlineResource.isEmpty()) {
                    throw new ConfigurationException("aiopt.model=offline, but " + testClass.getSimpleName()
                            + " has no offline recording: set @Experiment(offlineResponses)");
                }
                return new RecordingModel(ledger.meter(offline(offlineResource, testClass)), runDir);
        }
    }

    private static Model offline(String resource, Class<?> testClass) {
        try (InputStream in = testClass.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigurationException("@Experiment(offlineResponses = \"" + resource
                        + "\") is not on the test class path; put it under src/test/resources");
            }
            return ReplayModel.read(resource, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read offline responses " + resource, e);
        } catch (ModelException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }
}
