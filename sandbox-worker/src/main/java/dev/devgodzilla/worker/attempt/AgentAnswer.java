package dev.devgodzilla.worker.attempt;

import dev.devgodzilla.contracts.messages.TokenUsage;

/**
 * What an agent's run said at its end, whatever the outcome: its last message, the tokens and cost it
 * reported and its own session id (each null where the agent reports none).
 */
public record AgentAnswer(String message, TokenUsage usage, String sessionId) {
    public static final AgentAnswer NONE = new AgentAnswer(null, null, null);
}
