package dev.devgodzilla.execution.domain;

import dev.devgodzilla.contracts.messages.TokenUsage;

/** What attempts spent: tokens (input and output), cost in US dollars, and the time they ran. */
public record Spent(long tokens, double costUsd, long millis) {

    /** What one attempt spent: {@code usage} as its agent reported it (null: none), over {@code millis}. */
    public static Spent of(TokenUsage usage, long millis) {
        return usage == null ? new Spent(0, 0, Math.max(0, millis))
                : new Spent(usage.inputTokens() + usage.outputTokens(), usage.costUsd() == null ? 0 : usage.costUsd(),
                        Math.max(0, millis));
    }
}
