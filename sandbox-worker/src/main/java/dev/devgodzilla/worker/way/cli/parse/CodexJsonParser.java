package dev.devgodzilla.worker.way.cli.parse;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.devgodzilla.contracts.messages.TokenUsage;

/**
 * {@code codex exec --json}: the thread id from {@code thread.started}, usage summed over every
 * {@code turn.completed}, the last {@code agent_message} as the answer. Codex exits 0 even when a file
 * change failed or a turn failed, so both count as errors here.
 */
public final class CodexJsonParser implements StreamParser {
    private String threadId;
    private String lastMessage;
    private long input;
    private long output;
    private long cached;
    private final List<String> errors = new ArrayList<>();
    private final List<String> denials = new ArrayList<>();
    private boolean failed;

    @Override
    public void accept(String line) {
        JsonLines.object(line).ifPresent(this::event);
    }

    private void event(JsonNode event) {
        switch (event.path("type").asText()) {
            case "thread.started" -> threadId = JsonLines.text(event, "/thread_id");
            case "turn.completed" -> {
                input += JsonLines.number(event, "/usage/input_tokens");
                output += JsonLines.number(event, "/usage/output_tokens");
                cached += JsonLines.number(event, "/usage/cached_input_tokens");
            }
            case "turn.failed" -> {
                failed = true;
                String message = JsonLines.text(event, "/error/message");
                errors.add("turn failed: " + (message != null ? message : event.path("error").toString()));
            }
            case "item.completed" -> item(event.path("item"));
            default -> {
                // turn.started, item.started/updated and top-level stream notices carry no result
            }
        }
    }

    private void item(JsonNode item) {
        String status = item.path("status").asText();
        switch (item.path("type").asText()) {
            case "agent_message" -> {
                String text = JsonLines.text(item, "/text");
                if (text != null) {
                    lastMessage = text;
                }
            }
            case "file_change" -> {
                if ("failed".equals(status)) {
                    failed = true;
                    List<String> paths = new ArrayList<>();
                    item.path("changes").forEach(c -> paths.add(c.path("path").asText()));
                    errors.add("file change failed: " + String.join(", ", paths));
                }
            }
            case "command_execution" -> {
                if ("declined".equals(status)) {
                    denials.add(item.path("command").asText("command"));
                }
            }
            default -> {
                // error items such as missing model metadata are notices; a real failure ends in turn.failed
            }
        }
    }

    @Override
    public AgentResult result() {
        return new AgentResult(lastMessage, new TokenUsage(input, output, cached, null), threadId, denials, errors,
                failed);
    }
}
