package dev.devgodzilla.contracts.messages;

/** The outcome of a QA gate or of all gates of a step. */
public enum QaVerdict {
    PASSED, FAILED, SKIPPED, ERROR
}
