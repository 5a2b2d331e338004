package dev.devgodzilla.modelserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request the server received, kept so tests can assert on it and discover what an agent sends.
 *
 * @param method HTTP method
 * @param path request path without the query
 * @param query raw query string or an empty string
 * @param headers request headers, names in lower case (multiple values joined with ", ")
 * @param body request body as text (after gzip/deflate decoding)
 * @param protocol protocol the path belongs to
 * @param scripted whether the call consumed a turn of the conversation
 * @param turnIndex index of the turn answered, or -1 when not a scripted call
 */
public record RecordedRequest(
        String method,
        String path,
        String query,
        Map<String, String> headers,
        String body,
        Protocol protocol,
        boolean scripted,
        int turnIndex) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body parsed as JSON, or a missing node when it is not JSON. */
    public JsonNode json() {
        try {
            JsonNode node = body.isBlank() ? null : JSON.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (Exception e) {
            return MissingNode.getInstance();
        }
    }

    /** Whether this request asked the model for an answer (as opposed to a model list or telemetry). */
    public boolean isModelCall() {
        return protocol != Protocol.OTHER;
    }

    /** Names of the tools offered to the model in this request, whatever the protocol. */
    public Set<String> toolNames() {
        return toolNames(json());
    }

    static Set<String> toolNames(JsonNode body) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode tool : body.path("tools")) {
            if (tool.hasNonNull("name")) {
                names.add(tool.get("name").asText());
            }
            if (tool.path("function").hasNonNull("name")) {
                names.add(tool.path("function").get("name").asText());
            }
            for (JsonNode declaration : tool.path("functionDeclarations")) {
                names.add(declaration.path("name").asText());
            }
            for (JsonNode declaration : tool.path("function_declarations")) {
                names.add(declaration.path("name").asText());
            }
        }
        return names;
    }

    /** The tool definition named {@code name} in this request, or a missing node. */
    public JsonNode tool(String name) {
        return tool(json(), name);
    }

    static JsonNode tool(JsonNode body, String name) {
        List<JsonNode> candidates = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            candidates.add(tool);
            candidates.add(tool.path("function"));
            tool.path("functionDeclarations").forEach(candidates::add);
            tool.path("function_declarations").forEach(candidates::add);
        }
        return candidates.stream()
                .filter(candidate -> name.equals(candidate.path("name").asText(null)))
                .findFirst()
                .orElse(MissingNode.getInstance());
    }
}
