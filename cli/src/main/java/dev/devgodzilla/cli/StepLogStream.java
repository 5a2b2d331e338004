package dev.devgodzilla.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devgodzilla.contracts.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Follows a step through execution-service's {@code GET /steps/{id}/logs} event stream: prints its output and
 * each change of state as they come, and returns the state it ended in (null when {@code timeout} passed first).
 */
final class StepLogStream {
    private final Endpoints endpoints;
    private final PrintStream out;

    StepLogStream(Endpoints endpoints, PrintStream out) {
        this.endpoints = endpoints;
        this.out = out;
    }

    String follow(String stepId, Duration timeout) {
        Instant started = Instant.now();
        try {
            java.io.InputStream body = endpoints.http().stream(endpoints.executionUrl + "/steps/" + stepId + "/logs",
                    "text/event-stream", timeout);
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String event = "message";
                StringBuilder data = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        String ended = dispatch(event, data.toString(), started);
                        if (ended != null) {
                            return ended;
                        }
                        event = "message";
                        data.setLength(0);
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
                    }
                }
            }
            return null;
        } catch (java.net.http.HttpTimeoutException e) {
            return null;
        } catch (IOException e) {
            throw new CliException("cannot follow step " + stepId + " at " + endpoints.executionUrl + " ("
                    + e.getMessage() + "); is the stack up? try `./dg up`");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    /** Prints one event; returns the final state on the {@code end} event, else null. */
    private String dispatch(String event, String data, Instant started) {
        if (data.isEmpty()) {
            return null;
        }
        JsonNode node = Json.read(data, JsonNode.class);
        String at = String.format("[+%6.2fs] ", Duration.between(started, Instant.now()).toMillis() / 1000.0);
        switch (event) {
            case "log" -> out.print(node.path("text").asText().lines()
                    .map(l -> at + "  | " + l + "\n").reduce("", String::concat));
            case "state" -> out.println(at + node.path("state").asText() + " (attempt "
                    + node.path("attempt").asInt() + ")");
            case "end" -> {
                return node.path("state").asText();
            }
            default -> {
            }
        }
        return null;
    }
}
