package dev.devgodzilla.worker.way.cli.parse;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.devgodzilla.contracts.messages.TokenUsage;

/**
 * Copilot CLI's {@code --output-format json} lines: the last non-empty {@code assistant.message} is the
 * answer and the final {@code result} has the session id and exit code. Its stdout has no token counts;
 * {@link CopilotSessionUsage} reads them from the session log afterwards.
 */
public final class CopilotJsonParser implements StreamParser {
    private String sessionId;
    private String lastMessage;
    private final List<String> errors = new ArrayList<>();
    private boolean failed;

    @Override
    public void accept(String line) {
        JsonLines.object(line).ifPresent(this::event);
    }

    private void event(JsonNode event) {
        String type = event.path("type").asText();
        switch (type) {
            case "assistant.message" -> {
                String content = JsonLines.text(event, "/data/content");
                if (content != null && !content.isBlank()) {
                    lastMessage = content;
                }
            }
            case "session.error" -> {
                String message = JsonLines.text(event, "/data/message");
                errors.add(message != null ? message : event.path("data").toString());
                failed = true;
            }
            case "result" -> {
                sessionId = JsonLines.text(event, "/sessionId");
                long exit = event.path("exitCode").asLong(0);
                if (exit != 0) {
                    failed = true;
                    errors.add("copilot reported exit code " + exit);
                }
            }
            default -> {
                // session.*, turn and tool events describe progress only
            }
        }
    }

    @Override
    public AgentResult result() {
        return new AgentResult(lastMessage, TokenUsage.NONE, sessionId, List.of(), errors, failed);
    }
}
