package dev.devgodzilla.worker.way.cli.parse;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.devgodzilla.contracts.messages.TokenUsage;

/**
 * OpenCode's and Kilo's {@code run --format json}: events with a {@code sessionID}; tokens and cost
 * summed over every {@code step_finish}; the last {@code text} part is the answer.
 */
public final class OpenCodeJsonParser implements StreamParser {
    private String sessionId;
    private String lastText;
    private long input;
    private long output;
    private long cached;
    private double cost;
    private boolean costSeen;
    private final List<String> errors = new ArrayList<>();

    @Override
    public void accept(String line) {
        JsonLines.object(line).ifPresent(this::event);
    }

    private void event(JsonNode event) {
        String session = JsonLines.text(event, "/sessionID");
        if (session != null) {
            sessionId = session;
        }
        switch (event.path("type").asText()) {
            case "text" -> {
                String text = JsonLines.text(event, "/part/text");
                if (text != null) {
                    lastText = text;
                }
            }
            case "step_finish" -> {
                JsonNode part = event.path("part");
                input += JsonLines.number(part, "/tokens/input");
                output += JsonLines.number(part, "/tokens/output");
                cached += JsonLines.number(part, "/tokens/cache/read");
                Double stepCost = JsonLines.decimal(part, "/cost");
                if (stepCost != null) {
                    cost += stepCost;
                    costSeen = true;
                }
            }
            case "error" -> {
                String message = JsonLines.text(event, "/error/data/message");
                if (message == null) {
                    message = JsonLines.text(event, "/error/name");
                }
                errors.add(message != null ? message : event.path("error").toString());
            }
            default -> {
                // step_start and tool_use say what happened, not how it ended
            }
        }
    }

    @Override
    public AgentResult result() {
        return new AgentResult(lastText, new TokenUsage(input, output, cached, costSeen ? cost : null), sessionId,
                List.of(), errors, !errors.isEmpty());
    }
}
