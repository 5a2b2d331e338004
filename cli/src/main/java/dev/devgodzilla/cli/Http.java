package dev.devgodzilla.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devgodzilla.contracts.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Small JSON-over-HTTP calls to the services' REST APIs. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    /** GETs {@code url} as JSON; a non-2xx answer becomes an error carrying the problem detail. */
    static JsonNode getJson(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").GET().build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? null : Json.mapper().readTree(response.body());
            if (response.statusCode() / 100 != 2) {
                String detail = body != null && body.has("detail") ? body.get("detail").asText() : response.body();
                throw new CliException("GET " + url + " answered " + response.statusCode() + ": " + detail);
            }
            return body;
        } catch (IOException e) {
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new CliException("cannot reach " + url + " (" + why + "); is the stack up? try `./dg up`");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }
}
