package dev.devgodzilla.contracts.messages;

/** The result of one QA gate. */
public record QaGateResult(String gate, QaVerdict verdict, Integer exitCode, long durationMs, String detail) {
}
