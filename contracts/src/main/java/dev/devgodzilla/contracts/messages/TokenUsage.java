package dev.devgodzilla.contracts.messages;

/** Tokens an agent used, and the cost where the agent reports it (null otherwise). */
public record TokenUsage(long inputTokens, long outputTokens, long cachedInputTokens, Double costUsd) {
    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, null);
}
