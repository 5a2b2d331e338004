package dev.devgodzilla.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.devgodzilla.contracts.Json;

import java.util.List;

/**
 * Applies {@code key=value} arguments to an agent's API fields: {@code baseUrl=http://...}, a nested key with a
 * dot ({@code credentials.OPENAI_API_KEY=env:MY_KEY}), a JSON value where the text is one
 * ({@code maxAttempts=2}, {@code egress=["a:443"]}), and {@code key=} to drop what the API set for it.
 */
final class ConfigAssignments {
    private ConfigAssignments() {
    }

    static ObjectNode apply(JsonNode fields, List<String> assignments) {
        ObjectNode result = fields instanceof ObjectNode object ? object.deepCopy() : Json.mapper().createObjectNode();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new CliException("'" + assignment + "' is not key=value (e.g. baseUrl=http://127.0.0.1:4010)");
            }
            String key = assignment.substring(0, eq).strip();
            String text = assignment.substring(eq + 1);
            ObjectNode parent = result;
            int dot = key.indexOf('.');
            if (dot > 0) {
                String outer = key.substring(0, dot);
                parent = result.get(outer) instanceof ObjectNode nested ? nested : result.putObject(outer);
                key = key.substring(dot + 1);
            }
            if (text.isEmpty()) {
                parent.remove(key);
            } else {
                parent.set(key, valueOf(text));
            }
        }
        return result;
    }

    private static JsonNode valueOf(String text) {
        try {
            JsonNode parsed = Json.mapper().readTree(text);
            return parsed == null || parsed.isMissingNode() ? TextNode.valueOf(text) : parsed;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }
}
