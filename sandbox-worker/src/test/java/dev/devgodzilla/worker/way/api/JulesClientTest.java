package dev.devgodzilla.worker.way.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.devgodzilla.worker.way.cli.EngineHealth;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;

class JulesClientTest {
    private static final String KEY = "jules-test-key-7c1e9a44b2";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private Vertx vertx;
    private FakeJules fake;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        fake = new FakeJules();
    }

    @AfterEach
    void stop() {
        fake.close();
        vertx.closeAndAwait();
    }

    private JulesClient client(TestJulesConfig config) {
        return new JulesClient(vertx, config, KEY);
    }

    private JulesClient client() {
        return client(TestJulesConfig.of(fake.baseUrl()));
    }

    @Test
    void createsASessionWithTheKeyAndSourceContext() {
        fake.on("POST /sessions", 200, "{\"name\":\"sessions/s1\",\"id\":\"s1\",\"state\":\"QUEUED\"}");

        JulesSession session = client().createSession("Fix the bug", "Step 1",
                new JulesSource("sources/github/acme/shop", "main"), true).await().atMost(WAIT);

        assertThat(session.id()).isEqualTo("s1");
        assertThat(session.state()).isEqualTo("QUEUED");
        FakeJules.Seen request = fake.requests.get(0);
        assertThat(request.apiKey()).isEqualTo(KEY);
        JsonObject body = new JsonObject(request.body());
        assertThat(body.getString("prompt")).isEqualTo("Fix the bug");
        assertThat(body.getBoolean("requirePlanApproval")).isTrue();
        assertThat(body.getString("automationMode")).isEqualTo("AUTO_CREATE_PR");
        assertThat(body.getJsonObject("sourceContext").getString("source")).isEqualTo("sources/github/acme/shop");
        assertThat(body.getJsonObject("sourceContext").getJsonObject("githubRepoContext").getString("startingBranch"))
                .isEqualTo("main");
    }

    @Test
    void retriesA429AndThenSucceeds() {
        fake.on("GET /sessions/s1", 429, "{\"error\":{\"code\":429,\"message\":\"slow down\"}}")
                .on("GET /sessions/s1", 200, "{\"name\":\"sessions/s1\",\"state\":\"IN_PROGRESS\"}");

        JulesSession session = client().getSession("s1").await().atMost(WAIT);

        assertThat(session.id()).isEqualTo("s1");
        assertThat(session.state()).isEqualTo("IN_PROGRESS");
        assertThat(fake.count("GET /sessions/s1")).isEqualTo(2);
    }

    @Test
    void givesUpAfterTheRetriesOn500() {
        fake.on("GET /sessions/s1", 500, "{\"error\":{\"code\":500,\"message\":\"boom\"}}");

        assertThatThrownBy(() -> client().getSession("s1").await().atMost(WAIT))
                .isInstanceOfSatisfying(JulesApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(JulesApiException.Kind.SERVER);
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.getMessage()).contains("HTTP 500").contains("boom");
                });
        assertThat(fake.count("GET /sessions/s1")).isEqualTo(4);
    }

    @Test
    void a401IsAClearAuthErrorAndNotRetried() {
        fake.on("GET /sessions/s1", 401, "{\"error\":{\"code\":401,\"message\":\"API key not valid\"}}");

        assertThatThrownBy(() -> client().getSession("s1").await().atMost(WAIT))
                .isInstanceOfSatisfying(JulesApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(JulesApiException.Kind.AUTH);
                    assertThat(e.getMessage()).contains("JULES_API_KEY").contains("API key not valid");
                });
        assertThat(fake.count("GET /sessions/s1")).isEqualTo(1);
    }

    @Test
    void a404IsNotFound() {
        assertThatThrownBy(() -> client().getSession("gone").await().atMost(WAIT))
                .isInstanceOfSatisfying(JulesApiException.class,
                        e -> assertThat(e.kind()).isEqualTo(JulesApiException.Kind.NOT_FOUND));
    }

    @Test
    void aMissingKeyFailsWithoutARequest() {
        JulesClient noKey = new JulesClient(vertx, TestJulesConfig.of(fake.baseUrl()), (String) null);

        assertThatThrownBy(() -> noKey.getSession("s1").await().atMost(WAIT))
                .isInstanceOfSatisfying(JulesApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(JulesApiException.Kind.AUTH);
                    assertThat(e.getMessage()).contains(JulesClient.API_KEY_PROPERTY);
                });
        assertThat(fake.requests).isEmpty();
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetried() {
        fake.on("GET /sessions/s1", new FakeJules.Reply(200, "{\"id\":\"s1\"}", 1000))
                .on("GET /sessions/s1", 200, "{\"id\":\"s1\",\"state\":\"PLANNING\"}");

        JulesSession session = client(TestJulesConfig.of(fake.baseUrl()).withRequestTimeout(Duration.ofMillis(200)))
                .getSession("s1").await().atMost(WAIT);

        assertThat(session.state()).isEqualTo("PLANNING");
    }

    @Test
    void healthIsUpWhenSourcesAnswer() {
        fake.on("GET /sources", 200, "{\"sources\":[{\"name\":\"sources/github/acme/shop\"}]}");

        EngineHealth health = client().health().await().atMost(WAIT);

        assertThat(health.available()).isTrue();
        assertThat(health.version()).isEqualTo("v1alpha");
        assertThat(health.checkedAt()).isNotNull();
        assertThat(fake.requests.get(0).query()).isEqualTo("pageSize=1");
    }

    @Test
    void healthIsDownWithTheReason() {
        fake.on("GET /sources", 403, "{\"error\":{\"code\":403,\"message\":\"forbidden\"}}");

        EngineHealth health = client().health().await().atMost(WAIT);

        assertThat(health.available()).isFalse();
        assertThat(health.reason()).contains("403").contains("JULES_API_KEY");
        assertThat(fake.count("GET /sources")).isEqualTo(1);
    }

    @Test
    void healthIsDownWhenNothingListens() {
        String base = fake.baseUrl();
        fake.close();

        EngineHealth health = client(TestJulesConfig.of(base)).health().await().atMost(WAIT);

        assertThat(health.available()).isFalse();
        assertThat(health.reason()).contains("not usable");
    }
}
