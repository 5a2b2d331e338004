package dev.devgodzilla.execution.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.devgodzilla.contracts.messages.StepBlocked;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.TokenUsage;

/**
 * What one attempt's agent said at its end: its final message, the tokens and cost it reported (null where
 * it reports none) and its own session id, the handle to resume it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttemptUsage(int attempt, String finalMessage, Long inputTokens, Long outputTokens,
                           Long cachedInputTokens, Double costUsd, String sessionId) {

    public static AttemptUsage of(StepCompleted event) {
        return of(event.attempt(), event.finalMessage(), event.usage(), event.sessionId());
    }

    public static AttemptUsage of(StepBlocked event) {
        return of(event.attempt(), event.finalMessage(), event.usage(), event.sessionId());
    }

    private static AttemptUsage of(int attempt, String message, TokenUsage usage, String sessionId) {
        return usage == null
                ? new AttemptUsage(attempt, message, null, null, null, null, sessionId)
                : new AttemptUsage(attempt, message, usage.inputTokens(), usage.outputTokens(),
                        usage.cachedInputTokens(), usage.costUsd(), sessionId);
    }
}
