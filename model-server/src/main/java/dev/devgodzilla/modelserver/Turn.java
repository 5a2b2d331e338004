package dev.devgodzilla.modelserver;

import java.util.Objects;

/**
 * One scripted model answer: either a single tool call or a final text message.
 * The script is protocol-neutral; each protocol renders a turn in its own wire shape.
 */
public sealed interface Turn permits Turn.ToolCall, Turn.Text {

    /**
     * A call of the tool {@code name}. {@code arguments} is the argument object as JSON text; for
     * free-form tools (OpenAI Responses {@code custom} tools) it is the raw input string instead.
     */
    record ToolCall(String name, String arguments) implements Turn {
        public ToolCall {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arguments, "arguments");
        }
    }

    /** A final assistant message. */
    record Text(String message) implements Turn {
        public Text {
            Objects.requireNonNull(message, "message");
        }
    }

    static Turn toolCall(String name, String jsonArguments) {
        return new ToolCall(name, jsonArguments);
    }

    static Turn text(String message) {
        return new Text(message);
    }
}
