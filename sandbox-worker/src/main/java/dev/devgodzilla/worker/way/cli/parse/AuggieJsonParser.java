package dev.devgodzilla.worker.way.cli.parse;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.devgodzilla.contracts.messages.TokenUsage;

/**
 * Auggie's {@code --print --output-format json}: one JSON document at the end of the run, possibly
 * spread over several lines. Its schema is not published, so the usual result fields are tried and
 * the text answer is the fallback when the output is not JSON.
 */
public final class AuggieJsonParser implements StreamParser {
    private static final int MAX_CHARS = 1024 * 1024;
    private final StringBuilder output = new StringBuilder();
    private final PlainTextParser text = new PlainTextParser();

    @Override
    public void accept(String line) {
        text.accept(line);
        if (output.length() < MAX_CHARS) {
            output.append(line).append('\n');
        }
    }

    /** Its one JSON object comes at the end: until then, nothing to read (and reading is costly). */
    @Override
    public TokenUsage usageSoFar() {
        return TokenUsage.NONE;
    }

    @Override
    public AgentResult result() {
        String all = output.toString();
        int start = all.indexOf('{');
        JsonNode json = start < 0 ? null : JsonLines.object(all.substring(start).replace('\n', ' ')).orElse(null);
        if (json == null) {
            return text.result();
        }
        String answer = first(json, "/result", "/response", "/message", "/text");
        String session = first(json, "/session_id", "/sessionId");
        boolean isError = json.path("is_error").asBoolean(false) || json.path("isError").asBoolean(false);
        List<String> errors = new ArrayList<>();
        if (isError) {
            errors.add(answer != null ? answer : "the agent reported an error");
        }
        TokenUsage usage = new TokenUsage(JsonLines.number(json, "/usage/input_tokens"),
                JsonLines.number(json, "/usage/output_tokens"), JsonLines.number(json, "/usage/cache_read_input_tokens"),
                JsonLines.decimal(json, "/total_cost_usd"));
        return new AgentResult(answer, usage, session, List.of(), errors, isError);
    }

    private static String first(JsonNode json, String... pointers) {
        for (String pointer : pointers) {
            String value = JsonLines.text(json, pointer);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
