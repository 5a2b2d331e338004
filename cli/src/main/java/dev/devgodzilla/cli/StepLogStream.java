package dev.devgodzilla.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devgodzilla.contracts.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Follows a step through execution-service's {@code GET /steps/{id}/logs} event stream: prints its output and
 * each change of state as they come, and returns the state it ended in (null when {@code timeout} passed first).
 */
final class StepLogStream {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Endpoints endpoints;
    private final PrintStream out;

    StepLogStream(Endpoints endpoints, PrintStream out) {
        this.endpoints = endpoints;
        this.out = out;
    }

    String follow(String stepId, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoints.executionUrl + "/steps/" + stepId
                + "/logs")).header("Accept", "text/event-stream").timeout(timeout);
        if (endpoints.token != null && !endpoints.token.isBlank()) {
            request.header("Authorization", "Bearer " + endpoints.token.strip());
        }
        Instant started = Instant.now();
        try {
            HttpResponse<java.io.InputStream> response = CLIENT.send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                throw new CliException("GET /steps/" + stepId + "/logs answered " + response.statusCode() + ": "
                        + detail(body));
            }
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
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

    private static String detail(String body) {
        try {
            JsonNode problem = Json.read(body, JsonNode.class);
            return problem.path("detail").asText(body);
        } catch (RuntimeException e) {
            return body;
        }
    }
}
