package dev.devgodzilla.modelserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes server-sent events to a chunked response, flushing after each event. */
final class SseWriter {

    private final OutputStream out;

    SseWriter(OutputStream out) {
        this.out = out;
    }

    /** An event with a name line ({@code event: name}) and a JSON data line. */
    void event(String name, JsonNode data) throws IOException {
        write("event: " + name + "\ndata: " + data + "\n\n");
    }

    /** A data-only event. */
    void data(JsonNode data) throws IOException {
        write("data: " + data + "\n\n");
    }

    /** A data-only event with literal text, such as {@code [DONE]}. */
    void data(String literal) throws IOException {
        write("data: " + literal + "\n\n");
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
