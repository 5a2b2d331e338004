package dev.devgodzilla.worker.way.cli.parse;

import java.util.List;

import dev.devgodzilla.contracts.messages.TokenUsage;

/**
 * What an agent's output stream says about its run.
 *
 * @param finalMessage      the agent's last answer, or null when its stream names none
 * @param usage             tokens (and cost, where the agent reports it); never null
 * @param sessionId         the agent's session or thread id, or null
 * @param permissionDenials tools the agent was refused
 * @param errors            error messages the stream carried
 * @param isError           whether the stream says the run failed, whatever the exit code
 */
public record AgentResult(String finalMessage, TokenUsage usage, String sessionId, List<String> permissionDenials,
                          List<String> errors, boolean isError) {

    public AgentResult {
        usage = usage == null ? TokenUsage.NONE : usage;
        permissionDenials = List.copyOf(permissionDenials);
        errors = List.copyOf(errors);
    }

    /** A result with nothing but a final message (or none). */
    public static AgentResult ofMessage(String finalMessage) {
        return new AgentResult(finalMessage, TokenUsage.NONE, null, List.of(), List.of(), false);
    }

    /** The same result with other token counts. */
    public AgentResult withUsage(TokenUsage value) {
        return new AgentResult(finalMessage, value, sessionId, permissionDenials, errors, isError);
    }

    /** A short description of why the stream counts as failed. */
    public String errorSummary() {
        if (!errors.isEmpty()) {
            return String.join("; ", errors);
        }
        if (!permissionDenials.isEmpty()) {
            return "permission denied for " + String.join(", ", permissionDenials);
        }
        return "the agent reported an error";
    }
}
