/**
 * Models that write candidates: an OpenAI-compatible HTTP client ({@link dev.aiopt.junit.internal.model.OpenAiCompatibleModel}
 * for OpenAI's GPT-5 family, vLLM and ollama), the per-track settings read from configuration
 * ({@link dev.aiopt.junit.internal.model.ModelSettings}, {@link dev.aiopt.junit.internal.model.ModelKeys}), weighted ensembles, the
 * cost {@link dev.aiopt.junit.internal.model.Ledger} with hard {@link dev.aiopt.junit.internal.model.Budget}s, record and replay of
 * every exchange, and {@link dev.aiopt.junit.internal.model.Secrets} which keeps API keys out of everything written.
 *
 * <p>Typical use by the evolution loop:
 * <pre>{@code
 * Ledger ledger = Ledger.fromConfig(config);
 * ModelSettings settings = ModelSettings.forTrack(track, config);       // fails early if incomplete
 * Model model = switch (settings.status()) {
 *     case LIVE, REPLAY -> settings.open(runSeed, ledger);
 *     case OFFLINE, NOT_CONFIGURED -> ledger.meter(experimentRecording); // or settings.requireConfigured()
 * };
 * model = new RecordingModel(model, runDirectory);
 * // between candidates: ledger.exhausted().ifPresent(stop cleanly); run.json gets ledger.toJson()
 * }</pre>
 *
 * <p>May use: api, config.
 */
package dev.aiopt.junit.internal.model;
