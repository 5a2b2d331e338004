package dev.devgodzilla.modelserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small JSON helpers shared by the wire formats. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Parses JSON tool arguments; text that is not a JSON object is wrapped as {@code {"input": text}}. */
    static ObjectNode argumentsObject(String arguments) {
        try {
            JsonNode node = MAPPER.readTree(arguments);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (Exception e) {
            // fall through to wrapping
        }
        ObjectNode wrapped = object();
        wrapped.put("input", arguments);
        return wrapped;
    }
}
