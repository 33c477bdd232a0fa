package dev.aiopt.junit.internal.extension;

import dev.aiopt.junit.Track;
import dev.aiopt.junit.internal.config.Configuration;
import dev.aiopt.junit.internal.config.ConfigurationException;
import dev.aiopt.junit.internal.model.Ledger;
import dev.aiopt.junit.internal.model.Model;
import dev.aiopt.junit.internal.model.ModelException;
import dev.aiopt.junit.internal.model.ModelSettings;
import dev.aiopt.junit.internal.model.RecordingModel;
import dev.aiopt.junit.internal.offline.OfflineAnswers;
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

    static Model select(Track track, Configuration config, Offline offline, Path runDir, Ledger ledger,
            long seed) {
        ModelSettings settings = ModelSettings.forTrack(track, config::find);
        switch (settings.status()) {
            case LIVE:
                return new RecordingModel(settings.open(seed, ledger), runDir);
            case REPLAY:
                return new RecordingModel(settings.open(seed, ledger), runDir);
            case NOT_CONFIGURED:
                if (!offline.answers().present()) {
                    settings.requireConfigured();
                }
                return new RecordingModel(ledger.meter(open(offline)), runDir);
            case OFFLINE:
            default:
                if (!offline.answers().present()) {
                    throw new ConfigurationException("aiopt.model=offline, but " + offline.testClass().getSimpleName()
                            + " has no offline answers: set @Experiment(offlineVersions) or (offlineResponses)");
                }
                return new RecordingModel(ledger.meter(open(offline)), runDir);
        }
    }

    /** The experiment's offline answers and what they are opened against. */
    record Offline(OfflineAnswers answers, Class<?> testClass, String baselineSlice, int maxAttempts) {
    }

    private static Model open(Offline offline) {
        try {
            return offline.answers().open(offline.testClass().getClassLoader(), offline.baselineSlice(), offline.maxAttempts());
        } catch (ModelException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }
}
