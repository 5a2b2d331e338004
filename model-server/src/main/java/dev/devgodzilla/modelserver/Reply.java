package dev.devgodzilla.modelserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * What the server answers to one model call: the turn, the model name to echo, token usage and
 * the request it answers (some protocols shape the answer after the tool definitions).
 */
record Reply(Turn turn, String model, Usage usage, JsonNode request) {

    /** The text the answer carries: the message, or the tool arguments. */
    static String answerText(Turn turn) {
        return switch (turn) {
            case Turn.Text text -> text.message();
            case Turn.ToolCall call -> call.name() + call.arguments();
        };
    }

    static String id(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}
