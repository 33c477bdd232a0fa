package dev.aiopt.junit.extension;

import dev.aiopt.junit.Track;
import dev.aiopt.junit.config.ConfigurationException;
import dev.aiopt.junit.config.Configuration;
import dev.aiopt.junit.config.Keys;
import dev.aiopt.junit.model.Model;
import dev.aiopt.junit.model.ModelException;
import dev.aiopt.junit.model.RecordingModel;
import dev.aiopt.junit.model.ReplayModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Chooses who writes candidates for a track: {@code aiopt.model=replay:<dir>} replays a recorded run; a model
 * configured for the track is called live; otherwise the experiment's offline recording is replayed and
 * labelled so. Every live exchange is recorded in the run directory.
 */
final class ModelSelection {
    private ModelSelection() {
    }

    static Model select(Track track, Configuration config, String offlineResource, Class<?> testClass, Path runDir) {
        String override = config.find(Keys.MODEL).orElse("");
        if (override.startsWith("replay:")) {
            return ReplayModel.fromPath(Path.of(override.substring("replay:".length())));
        }
        if (!override.isEmpty() && !override.equals("offline")) {
            throw new ConfigurationException("aiopt.model = '" + override
                    + "' is not understood; use replay:<run dir> or offline (live models are configured per track)");
        }
        if (!override.equals("offline")) {
            Model live = LiveModels.forTrack(track, config);
            if (live != null) {
                return new RecordingModel(live, runDir);
            }
        }
        if (offlineResource.isEmpty()) {
            throw new ConfigurationException("track " + track.id() + " has no model configured and "
                    + testClass.getSimpleName() + " has no offline recording; " + LiveModels.howToConfigure(track));
        }
        try (InputStream in = testClass.getClassLoader().getResourceAsStream(offlineResource)) {
            if (in == null) {
                throw new ConfigurationException("@Experiment(offlineResponses = \"" + offlineResource
                        + "\") is not on the test class path; put it under src/test/resources");
            }
            return ReplayModel.read(offlineResource, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read offline responses " + offlineResource, e);
        } catch (ModelException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }
}
