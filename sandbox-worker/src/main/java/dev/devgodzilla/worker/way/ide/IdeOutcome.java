package dev.devgodzilla.worker.way.ide;

import java.nio.file.Path;

/**
 * How an IDE step ended, as reported to the worker.
 *
 * @param status      DONE, BLOCKED or FAILED
 * @param summary     what the agent said it did, or why the step failed (also the time-out reason)
 * @param question    what a blocked agent asks, else null
 * @param source      {@code result-file}, {@code api} or {@code timeout}
 * @param durationMs  time from tracking to the outcome
 */
public record IdeOutcome(String stepId, int attempt, String agentId, IdeStatus status, String summary,
                         String question, Path commandFile, String source, long durationMs) {
}
