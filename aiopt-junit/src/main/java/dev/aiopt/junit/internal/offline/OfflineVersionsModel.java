package dev.aiopt.junit.internal.offline;

import dev.aiopt.junit.internal.model.MissingAnswerException;
import dev.aiopt.junit.internal.model.Model;
import dev.aiopt.junit.internal.model.ModelReply;
import dev.aiopt.junit.internal.model.ModelRequest;
import dev.aiopt.junit.internal.model.ReplayKey;
import java.util.List;
import java.util.Optional;

/**
 * Answers a candidate's first request from a directory of {@link OfflineVersions}: the candidate at position
 * <i>k</i> on a parent (request ordinal {@code k × maxAttempts}) gets that parent's <i>k</i>-th file. A re-ask
 * after a rejected reply, and a candidate beyond the files, get a {@link MissingAnswerException} that names the
 * file (or the recording key) that would answer it; so does a re-ask after a reply that reproduced known code
 * ({@link ReplayKey#reask()}), whose candidate then stays the duplicate it was.
 */
final class OfflineVersionsModel implements Model {
    private final OfflineVersions versions;
    private final int maxAttempts;

    OfflineVersionsModel(OfflineVersions versions, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
        }
        this.versions = versions;
        this.maxAttempts = maxAttempts;
    }

    @Override
    public ModelReply complete(ModelRequest request) {
        ReplayKey key = request.key();
        int position = key.ordinal() / maxAttempts;
        int attempt = key.ordinal() % maxAttempts;
        List<OfflineVersions.Answer> answers = versions.answersFor(key.parentSha256());
        Optional<OfflineVersions.Known> parent = versions.known(key.parentSha256());
        String which = "candidate " + (position + 1) + " drawn on " + parent.map(OfflineVersionsModel::describe)
                .orElse("a parent that is neither the baseline nor any version (slice SHA-256 " + key.parentSha256() + ")");
        if (key.reask() > 0) {
            // A file answers a candidate once; which other file a re-ask should get is no choice to make here.
            throw new MissingAnswerException("offline versions " + versions.source() + " answer only a candidate's"
                    + " first request; this is re-ask " + key.reask() + " of " + which + " (key "
                    + MissingAnswerException.json(key) + "), asked because its reply reproduced code the run already"
                    + " had; the candidate stays a duplicate. Give that parent another file instead");
        }
        if (attempt > 0) {
            throw new MissingAnswerException("offline versions " + versions.source() + " answer only a candidate's"
                    + " first request; this is request " + (attempt + 1) + " of " + which + " (key "
                    + MissingAnswerException.json(key) + "), a re-ask after its reply was rejected");
        }
        if (position < answers.size()) {
            OfflineVersions.Answer answer = answers.get(position);
            return new ModelReply(answer.reply(), "offline version " + answer.file(), 0, 0, 0);
        }
        String files = answers.isEmpty() ? "no file applies to it yet"
                : "the files for it, in the order they answer, are " + answers.stream()
                        .map(OfflineVersions.Answer::file).toList();
        String fix = parent.map(p -> "add a file " + versions.source() + "/"
                + (p.name().equals(OfflineVersions.BASELINE) ? "" : p.name() + OfflineVersions.SEPARATOR)
                + "<name>.cc holding the complete new slice (or <name>.diff with SEARCH/REPLACE blocks) that sorts"
                + " after " + (answers.isEmpty() ? "nothing" : answers.get(answers.size() - 1).file()))
                .orElse("no file name can address that parent; a recording line {\"key\":"
                        + MissingAnswerException.json(key) + ",\"response\":{\"content\":\"...\"}} in @Experiment("
                        + "offlineResponses) can");
        throw new MissingAnswerException("offline versions " + versions.source() + " have no answer for " + which
                + " (key " + MissingAnswerException.json(key) + "): " + files + "; " + fix);
    }

    private static String describe(OfflineVersions.Known known) {
        return known.name().equals(OfflineVersions.BASELINE) ? "the baseline"
                : "version '" + known.name() + "' (" + known.file() + ")";
    }

    @Override
    public String describe() {
        return "offline versions in " + versions.source() + " (" + versions.size() + " answers)";
    }

    @Override
    public boolean offline() {
        return true;
    }
}
