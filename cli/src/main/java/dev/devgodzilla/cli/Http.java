package dev.devgodzilla.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devgodzilla.contracts.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Small JSON-over-HTTP calls to the services' REST APIs, with the stack's API token when there is one. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String token;

    Http(String token) {
        this.token = token == null || token.isBlank() ? null : token.strip();
    }

    /** GETs {@code url} as JSON; a non-2xx answer becomes an error carrying the problem detail. */
    JsonNode get(String url) {
        return send(request(url).GET().build());
    }

    /** GETs {@code url} as JSON, or null when the resource does not exist (404). */
    JsonNode find(String url) {
        return send(request(url).GET().build(), true);
    }

    /** DELETEs {@code url}, with {@code If-Match} when {@code ifMatch} is not null. */
    void delete(String url, String ifMatch) {
        HttpRequest.Builder builder = request(url).DELETE();
        send(ifMatch == null ? builder.build() : builder.header("If-Match", ifMatch).build());
    }

    /**
     * GETs {@code url} as a stream of {@code accept} (e.g. {@code text/event-stream}) for up to {@code timeout};
     * a non-2xx answer becomes an error carrying the problem detail, as for every other call.
     */
    java.io.InputStream stream(String url, String accept, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = request(url).setHeader("Accept", accept).timeout(timeout).GET().build();
        HttpResponse<java.io.InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 != 2) {
            String body = new String(response.body().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            throw failure(request, response.statusCode(), body);
        }
        return response.body();
    }

    /** POSTs {@code json} (or nothing) to {@code url}; a non-2xx answer becomes an error carrying the detail. */
    JsonNode post(String url, String json) {
        HttpRequest.BodyPublisher body = json == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
        return send(request(url).header("Content-Type", "application/json").POST(body).build());
    }

    /** DELETEs {@code url}; a non-2xx answer becomes an error carrying the detail. */
    JsonNode delete(String url) {
        return send(request(url).DELETE().build());
    }

    /** PUTs {@code json} to {@code url}, with {@code If-Match} when {@code ifMatch} is not null. */
    JsonNode put(String url, String json, String ifMatch) {
        HttpRequest.Builder builder = request(url).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
        return send(ifMatch == null ? builder.build() : builder.header("If-Match", ifMatch).build());
    }

    /**
     * PUTs {@code json} as the change of the version {@code read} showed ({@code If-Match: "v<version>"}): a change
     * someone made in between is refused (412) rather than overwritten.
     */
    JsonNode putOverVersionRead(String url, JsonNode read, String json) {
        return put(url, json, "\"v" + read.path("version").asLong() + "\"");
    }

    private HttpRequest.Builder request(String url) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private static JsonNode send(HttpRequest request) {
        return send(request, false);
    }

    /** What a non-2xx answer means, with the problem's detail and, for a 401, how to send a token. */
    private static CliException failure(HttpRequest request, int status, String body) {
        String detail = body;
        try {
            JsonNode problem = body.isBlank() ? null : Json.mapper().readTree(body);
            if (problem != null && problem.has("detail")) {
                detail = problem.get("detail").asText();
            }
        } catch (IOException notJson) {
            // the body as it came
        }
        String hint = status == 401 ? " (set DG_API_TOKEN or --token)" : "";
        return new CliException(request.method() + " " + request.uri() + " answered " + status + ": " + detail + hint);
    }

    private static JsonNode send(HttpRequest request, boolean absentIsNull) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (absentIsNull && response.statusCode() == 404) {
                return null;
            }
            if (response.statusCode() / 100 != 2) {
                throw failure(request, response.statusCode(), response.body());
            }
            return response.body().isBlank() ? null : Json.mapper().readTree(response.body());
        } catch (IOException e) {
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new CliException("cannot reach " + request.uri() + " (" + why + "); is the stack up? try `./dg up`");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }
}
