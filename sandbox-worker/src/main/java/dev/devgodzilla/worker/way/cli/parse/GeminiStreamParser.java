package dev.devgodzilla.worker.way.cli.parse;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.devgodzilla.contracts.messages.TokenUsage;

/**
 * Gemini CLI's {@code -o stream-json}: the answer is the assistant deltas after the last tool event,
 * tokens come from the {@code result} stats; there is no cost.
 */
public final class GeminiStreamParser implements StreamParser {
    private String sessionId;
    private final StringBuilder text = new StringBuilder();
    private JsonNode result;
    private final List<String> errors = new ArrayList<>();

    @Override
    public void accept(String line) {
        JsonLines.object(line).ifPresent(this::event);
    }

    private void event(JsonNode event) {
        switch (event.path("type").asText()) {
            case "init" -> sessionId = JsonLines.text(event, "/session_id");
            case "tool_use", "tool_result" -> text.setLength(0);
            case "message" -> {
                if ("assistant".equals(event.path("role").asText())) {
                    text.append(event.path("content").asText());
                }
            }
            case "error" -> {
                String message = JsonLines.text(event, "/message");
                errors.add(message != null ? message : event.toString());
            }
            case "result" -> result = event;
            default -> {
                // other events do not change the outcome
            }
        }
    }

    /** The result event's stats, the only usage the stream reports (without building the answer each line). */
    @Override
    public TokenUsage usageSoFar() {
        return result == null ? TokenUsage.NONE : new TokenUsage(JsonLines.number(result, "/stats/input_tokens"),
                JsonLines.number(result, "/stats/output_tokens"), JsonLines.number(result, "/stats/cached"), null);
    }

    @Override
    public AgentResult result() {
        TokenUsage usage = usageSoFar();
        boolean isError = false;
        List<String> allErrors = new ArrayList<>(errors);
        if (result != null) {
            String status = result.path("status").asText("success");
            if (!"success".equals(status)) {
                isError = true;
                String message = JsonLines.text(result, "/error/message");
                allErrors.add("result " + status + (message == null ? "" : ": " + message));
            }
        }
        String answer = text.isEmpty() ? null : text.toString();
        return new AgentResult(answer, usage, sessionId, List.of(), allErrors, isError);
    }
}
