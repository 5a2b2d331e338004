package dev.devgodzilla.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.StepRequest;

/**
 * The dashboard and the alerts read meters that exist: after one step has gone through, every {@code dg_*}
 * metric named in {@code deploy/k8s/dashboards/devgodzilla.json} and {@code deploy/k8s/alerts.yaml} is exported
 * by one of the four services, under that name, histogram buckets included. A renamed meter or a query with a
 * misspelt one fails here, not on an empty panel in production.
 */
@ExtendWith(LocalStackExtension.class)
class MetricsIT {
    private static final Pattern LAYER_METRIC = Pattern.compile("\\bdg_[a-z0-9_]+");
    /**
     * Meters made with their first occurrence, each of something a quiet run does not do; their tags name
     * what happened (a topic, an agent), so no zero can be exported for them beforehand.
     */
    private static final Map<String, String> MADE_WITH_FIRST_OCCURRENCE = Map.of(
            "dg_outbox_dead_total", "a first outbox row set aside for good",
            "dg_step_lease_expired_total", "a first lease that runs out",
            "dg_agent_tokens_total", "a first agent run that reports tokens (the dummy agent reports none)",
            "dg_agent_cost_usd_total", "a first agent run that reports a cost");

    private static LocalStack stack;
    private static BusClient bus;

    @BeforeAll
    static void connect(LocalStack localStack) throws Exception {
        stack = localStack;
        stack.ensureAWorker();
        bus = new BusClient(stack.kafka.bootstrapServers(), List.of(Topics.STEP_EVENTS));
    }

    @AfterAll
    static void close() throws InterruptedException {
        bus.close();
    }

    @Test
    void everyLayerMetricTheDashboardAndAlertsReadIsExported() throws Exception {
        String stepId = PipelineIT.newStepId();
        bus.publish(StepRequest.of(stepId, "dummy", "print measured").withQaCommand("true"));
        await().atMost(Duration.ofSeconds(90)).until(() -> "QA_PASSED".equals(stack.state(stepId)));

        Set<String> read = new TreeSet<>();
        read.addAll(namesIn(stack.root.resolve("deploy/k8s/dashboards/devgodzilla.json")));
        read.addAll(namesIn(stack.root.resolve("deploy/k8s/alerts.yaml")));
        assertThat(read).as("dg_* metrics the dashboard and alerts read").hasSizeGreaterThan(15)
                .containsAll(MADE_WITH_FIRST_OCCURRENCE.keySet());

        // every worker: the step ran on one of them, and only that one has its attempt meters
        List<ServiceProcess> services = new ArrayList<>(List.of(stack.registry, stack.execution, stack.qa));
        services.addAll(stack.aliveWorkers());
        // the gauges read from the database refresh every few seconds
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Set<String> exported = new TreeSet<>();
            for (ServiceProcess service : services) {
                exported.addAll(exportedNames(service));
            }
            Set<String> missing = new TreeSet<>(read);
            missing.removeAll(exported);
            // a timer named bare (in a description) is exported as its _count, _sum, _max and _bucket
            missing.removeIf(name -> exported.contains(name + "_count"));
            missing.removeAll(MADE_WITH_FIRST_OCCURRENCE.keySet());
            assertThat(missing).as("read by the dashboard or alerts, exported by no service").isEmpty();
        });
    }

    private static Set<String> namesIn(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher matcher = LAYER_METRIC.matcher(Files.readString(file));
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    /** The sample names of a service's Prometheus page: {@code dg_step_duration_seconds_bucket} and the like. */
    private static Set<String> exportedNames(ServiceProcess service) {
        Set<String> names = new TreeSet<>();
        String page = given().baseUri(service.baseUrl()).get("/q/metrics").then().statusCode(200)
                .extract().asString();
        for (String line : page.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }
}
