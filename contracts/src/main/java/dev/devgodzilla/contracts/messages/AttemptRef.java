package dev.devgodzilla.contracts.messages;

/** One attempt of one step. */
public record AttemptRef(String stepId, int attempt) {
}
