package dev.devgodzilla.worker.attempt;

import dev.devgodzilla.contracts.messages.StepCompleted;

/** What starts as an attempt completes here, before its completion is sent: the step's own QA check. */
public interface CheckOnCompletion {
    /** A check that never starts. */
    CheckOnCompletion NONE = completed -> null;

    /**
     * Starts the check of {@code completed} (the attempt's sandbox has closed), returning its QA job id, which the
     * completion then names; null where none starts.
     */
    String start(StepCompleted completed);
}
