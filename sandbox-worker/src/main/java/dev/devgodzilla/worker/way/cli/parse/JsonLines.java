package dev.devgodzilla.worker.way.cli.parse;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Turns output lines into JSON events; agents mix in plain lines (warnings, banners), which are skipped. */
public final class JsonLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {
    }

    /** The line as a JSON object, if it is one. */
    public static Optional<JsonNode> object(String line) {
        if (line == null) {
            return Optional.empty();
        }
        String trimmed = line.strip();
        if (!trimmed.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(trimmed);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The text at {@code pointer}, or null when it is missing, null or empty. */
    public static String text(JsonNode node, String pointer) {
        JsonNode value = node.at(pointer);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.asText();
        return text.isEmpty() ? null : text;
    }

    /** The number at {@code pointer}, or 0. */
    public static long number(JsonNode node, String pointer) {
        return node.at(pointer).asLong(0);
    }

    /** The decimal at {@code pointer}, or null when it is missing or not a number. */
    public static Double decimal(JsonNode node, String pointer) {
        JsonNode value = node.at(pointer);
        return value.isNumber() ? value.asDouble() : null;
    }
}
