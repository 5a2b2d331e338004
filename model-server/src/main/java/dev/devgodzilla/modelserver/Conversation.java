package dev.devgodzilla.modelserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The scripted answers of one agent run: the n-th scripted model call is answered with the n-th
 * turn; calls beyond the script get the last text turn again.
 */
public record Conversation(List<Turn> turns) {

    public Conversation {
        turns = List.copyOf(turns);
        if (turns.isEmpty()) {
            throw new IllegalArgumentException("a conversation needs at least one turn");
        }
    }

    public static Conversation of(Turn... turns) {
        return new Conversation(List.of(turns));
    }

    /** The turn answering the scripted call with the given zero-based index. */
    public Turn turn(int index) {
        return index < turns.size() ? turns.get(index) : lastText();
    }

    /** The last text turn, used for calls past the end of the script and for side calls. */
    public Turn.Text lastText() {
        for (int i = turns.size() - 1; i >= 0; i--) {
            if (turns.get(i) instanceof Turn.Text text) {
                return text;
            }
        }
        return new Turn.Text("Done.");
    }

    /**
     * Reads a conversation from a JSON array of {@code {"tool": name, "arguments": {...}}} and
     * {@code {"text": message}} objects ({@code arguments} may also be a string).
     */
    public static Conversation fromJson(String json) {
        try {
            List<Turn> turns = new ArrayList<>();
            for (JsonNode entry : Json.MAPPER.readTree(json)) {
                if (entry.has("tool")) {
                    JsonNode arguments = entry.path("arguments");
                    turns.add(Turn.toolCall(entry.get("tool").asText(),
                            arguments.isTextual() ? arguments.asText() : arguments.toString()));
                } else {
                    turns.add(Turn.text(entry.path("text").asText()));
                }
            }
            return new Conversation(turns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
