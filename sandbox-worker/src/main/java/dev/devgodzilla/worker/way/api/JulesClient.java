package dev.devgodzilla.worker.way.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.devgodzilla.worker.way.cli.EngineHealth;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * The Jules REST API over the Vert.x Web Client: every call is asynchronous, carries the API key as
 * {@code X-Goog-Api-Key}, has a response timeout, and is retried with exponential backoff when answered
 * with 429 or 5xx or not answered in time. Other failures become a {@link JulesApiException} saying what
 * went wrong (401/403 name the key's variable).
 */
@ApplicationScoped
public class JulesClient {
    public static final String API_KEY_HEADER = "X-Goog-Api-Key";
    public static final String API_KEY_PROPERTY = "dg.worker.credentials.jules.JULES_API_KEY";

    private final WebClient client;
    private final String baseUrl;
    private final String apiKey;
    private final JulesConfig config;

    @Inject
    public JulesClient(Vertx vertx, JulesConfig config,
                       @ConfigProperty(name = API_KEY_PROPERTY) Optional<String> apiKey) {
        this(vertx, config, apiKey.orElse(null));
    }

    public JulesClient(Vertx vertx, JulesConfig config, String apiKey) {
        this.client = WebClient.create(vertx);
        this.config = config;
        this.baseUrl = config.baseUrl().replaceAll("/+$", "");
        this.apiKey = apiKey;
    }

    /** Starts a session; {@code source} null makes a repoless one. */
    public Uni<JulesSession> createSession(String prompt, String title, JulesSource source,
                                           boolean requirePlanApproval) {
        JsonObject body = new JsonObject().put("prompt", prompt).put("requirePlanApproval", requirePlanApproval);
        if (title != null && !title.isBlank()) {
            body.put("title", title);
        }
        if (source != null) {
            JsonObject context = new JsonObject().put("source", source.source());
            if (source.startingBranch() != null && !source.startingBranch().isBlank()) {
                context.put("githubRepoContext", new JsonObject().put("startingBranch", source.startingBranch()));
            }
            body.put("sourceContext", context);
        }
        config.automationMode().filter(m -> !m.isBlank()).ifPresent(m -> body.put("automationMode", m));
        return call(HttpMethod.POST, "/sessions", Map.of(), body, "create a session").map(JulesSession::from);
    }

    public Uni<JulesSession> getSession(String id) {
        return call(HttpMethod.GET, "/sessions/" + bareId(id), Map.of(), null, "read session " + id)
                .map(JulesSession::from);
    }

    /** One page of a session's activities, oldest first; {@code pageToken} null for the first page. */
    public Uni<JulesActivityPage> listActivities(String id, String pageToken) {
        Map<String, String> query = pageToken == null || pageToken.isBlank()
                ? Map.of("pageSize", "100") : Map.of("pageSize", "100", "pageToken", pageToken);
        return call(HttpMethod.GET, "/sessions/" + bareId(id) + "/activities", query, null,
                "list the activities of session " + id)
                .map(json -> {
                    JsonArray items = json.getJsonArray("activities", new JsonArray());
                    List<JulesActivity> activities = new ArrayList<>(items.size());
                    for (int i = 0; i < items.size(); i++) {
                        activities.add(JulesActivity.from(items.getJsonObject(i)));
                    }
                    String next = json.getString("nextPageToken");
                    return new JulesActivityPage(List.copyOf(activities), next == null || next.isBlank() ? null : next);
                });
    }

    public Uni<Void> sendMessage(String id, String prompt) {
        return call(HttpMethod.POST, "/sessions/" + bareId(id) + ":sendMessage", Map.of(),
                new JsonObject().put("prompt", prompt), "send a message to session " + id).replaceWithVoid();
    }

    public Uni<Void> approvePlan(String id) {
        return call(HttpMethod.POST, "/sessions/" + bareId(id) + ":approvePlan", Map.of(), new JsonObject(),
                "approve the plan of session " + id).replaceWithVoid();
    }

    /** Whether the API answers with this key: one cheap {@code GET /sources?pageSize=1}, never retried. */
    public Uni<EngineHealth> health() {
        long started = System.nanoTime();
        return once(HttpMethod.GET, "/sources", Map.of("pageSize", "1"), null, "list sources")
                .map(json -> EngineHealth.up(version(), elapsedMs(started)))
                .onFailure().recoverWithItem(e -> EngineHealth.down("Jules API at " + baseUrl + " is not usable: "
                        + e.getMessage(), elapsedMs(started)));
    }

    /** The API version the client talks to, the last segment of the base URL ({@code v1alpha}). */
    public String version() {
        return baseUrl.substring(baseUrl.lastIndexOf('/') + 1);
    }

    @PreDestroy
    void close() {
        client.close();
    }

    private Uni<JsonObject> call(HttpMethod method, String path, Map<String, String> query, JsonObject body,
                                 String what) {
        Uni<JsonObject> attempt = once(method, path, query, body, what);
        if (config.maxRetries() <= 0) {
            return attempt;
        }
        return attempt
                .onFailure(JulesApiException::isRetryable)
                .invoke(e -> Log.debugf("Jules: could not %s (%s); retrying", what, e.getMessage()))
                .onFailure(JulesApiException::isRetryable)
                .retry().withBackOff(config.retryBackoff(), config.retryMaxBackoff()).atMost(config.maxRetries());
    }

    /** One request; deferred, so that every retry sends it again. */
    private Uni<JsonObject> once(HttpMethod method, String path, Map<String, String> query, JsonObject body,
                                 String what) {
        return Uni.createFrom().deferred(() -> {
            if (apiKey == null || apiKey.isBlank()) {
                return Uni.createFrom().failure(new JulesApiException(JulesApiException.Kind.AUTH, 0,
                        "Jules: no API key; set JULES_API_KEY (" + API_KEY_PROPERTY + ")"));
            }
            HttpRequest<Buffer> request = client.requestAbs(method, baseUrl + path)
                    .putHeader(API_KEY_HEADER, apiKey)
                    .putHeader("Accept", "application/json")
                    .timeout(Math.max(1, config.requestTimeout().toMillis()));
            query.forEach(request::addQueryParam);
            Uni<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJsonObject(body);
            return sent
                    .onFailure().transform(e -> transportFailure(e, what))
                    .map(response -> answer(response, what));
        });
    }

    private JsonObject answer(HttpResponse<Buffer> response, String what) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            String text = response.bodyAsString();
            if (text == null || text.isBlank()) {
                return new JsonObject();
            }
            try {
                return new JsonObject(text);
            } catch (DecodeException e) {
                throw new JulesApiException(JulesApiException.Kind.SERVER, status,
                        "Jules: could not " + what + ": the answer is not JSON");
            }
        }
        String detail = errorMessage(response);
        String prefix = "Jules: could not " + what + ": HTTP " + status;
        throw switch (status) {
            case 401, 403 -> new JulesApiException(JulesApiException.Kind.AUTH, status, prefix
                    + " - the API key was rejected; check JULES_API_KEY (" + API_KEY_PROPERTY + ")" + detail);
            case 404 -> new JulesApiException(JulesApiException.Kind.NOT_FOUND, status, prefix + " - not found" + detail);
            case 408, 429 -> new JulesApiException(JulesApiException.Kind.RATE_LIMITED, status,
                    prefix + " - rate limited" + detail);
            default -> status >= 500
                    ? new JulesApiException(JulesApiException.Kind.SERVER, status, prefix + " - server error" + detail)
                    : new JulesApiException(JulesApiException.Kind.BAD_REQUEST, status, prefix + detail);
        };
    }

    private static String errorMessage(HttpResponse<Buffer> response) {
        String text = response.bodyAsString();
        if (text == null || text.isBlank()) {
            return "";
        }
        try {
            JsonObject error = new JsonObject(text).getJsonObject("error");
            if (error != null && error.getString("message") != null) {
                return " (" + error.getString("message") + ")";
            }
        } catch (DecodeException | ClassCastException e) {
            // not Google's error shape; quote the start of the body instead
        }
        return " (" + (text.length() > 200 ? text.substring(0, 200) + "..." : text.strip()) + ")";
    }

    private Throwable transportFailure(Throwable e, String what) {
        if (e instanceof JulesApiException) {
            return e;
        }
        String name = e.getClass().getSimpleName();
        boolean timeout = name.contains("Timeout") || String.valueOf(e.getMessage()).contains("timeout period");
        return timeout
                ? new JulesApiException(JulesApiException.Kind.TIMEOUT, "Jules: could not " + what + ": no answer within "
                + config.requestTimeout(), e)
                : new JulesApiException(JulesApiException.Kind.TRANSPORT, "Jules: could not " + what + " at " + baseUrl
                + ": " + e.getMessage(), e);
    }

    private static String bareId(String id) {
        return id.startsWith("sessions/") ? id.substring("sessions/".length()) : id;
    }

    private static long elapsedMs(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }
}
