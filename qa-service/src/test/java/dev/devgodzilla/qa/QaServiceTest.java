package dev.devgodzilla.qa;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;


import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;


import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.Artifact;
import dev.devgodzilla.contracts.messages.ArtifactKind;
import dev.devgodzilla.contracts.messages.ArtifactManifest;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.QaGateResult;
import dev.devgodzilla.contracts.messages.QaResult;
import dev.devgodzilla.contracts.messages.QaVerdict;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepStarted;
import dev.devgodzilla.testkit.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** qa-service against a real broker: completed steps in, QA results out. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class QaServiceTest {
    private static KafkaCompanion kafka;
    private static ConsumerTask<String, String> results;

    @TempDir
    Path workspace;

    @BeforeAll
    static void connect() {
        kafka = new KafkaCompanion(KafkaTestResource.bootstrapServers());
        results = kafka.consumeStrings().fromTopics(Topics.QA_RESULTS);
    }

    @AfterAll
    static void close() {
        results.close();
        kafka.close();
    }

    @Test
    void aCheckCommandFromAMessageRunsOnlyInASandbox() throws Exception {
        // a StepCompleted made by hand whose check would leave a mark on this host if it ran here
        Path marker = Path.of(System.getProperty("java.io.tmpdir"), "dg-qa-host-marker-" + UUID.randomUUID());
        String stepId = send(completed(workspace, "touch " + marker + " && echo touched", null));

        QaResult result = awaitResult(stepId);
        assertThat(gate(result, "check-command").verdict()).isEqualTo(QaVerdict.PASSED);
        assertThat(gate(result, "check-command").detail()).contains("touched");
        assertThat(marker).doesNotExist();
    }

    @Test
    void passingCheckAndMatchingArtifactPass() throws Exception {
        // a workspace with a file, and an artifact with its true size and sha256
        Files.writeString(workspace.resolve("built.txt"), "ok");
        Path log = Files.writeString(workspace.resolve("agent.log"), "the agent's log\n");
        String stepId = send(completed(workspace, "test -f built.txt", artifact(log, sha256(log))));

        QaResult result = awaitResult(stepId);
        assertThat(result.verdict()).isEqualTo(QaVerdict.PASSED);
        assertThat(result.gates()).extracting(QaGateResult::gate, QaGateResult::verdict).containsExactly(
                org.assertj.core.groups.Tuple.tuple("check-command", QaVerdict.PASSED),
                org.assertj.core.groups.Tuple.tuple("artifacts", QaVerdict.PASSED));
        assertThat(result.summary()).contains("PASSED").doesNotContain("\n");
    }

    @Test
    void failingCheckFailsWithItsExitCode() throws Exception {
        String stepId = send(completed(workspace, "echo broken; exit 3", null));

        QaResult result = awaitResult(stepId);
        assertThat(result.verdict()).isEqualTo(QaVerdict.FAILED);
        QaGateResult check = gate(result, "check-command");
        assertThat(check.exitCode()).isEqualTo(3);
        assertThat(check.detail()).contains("broken");
        assertThat(gate(result, "artifacts").verdict()).isEqualTo(QaVerdict.SKIPPED);
    }

    @Test
    void tamperedArtifactFailsNamingIt() throws Exception {
        Path log = Files.writeString(workspace.resolve("agent.log"), "the agent's log\n");
        String wrong = "0".repeat(64);
        String stepId = send(completed(workspace, "true", artifact(log, wrong)));

        QaResult result = awaitResult(stepId);
        assertThat(result.verdict()).isEqualTo(QaVerdict.FAILED);
        assertThat(gate(result, "artifacts").detail()).contains("agent.log").contains("sha256 mismatch");
        assertThat(gate(result, "check-command").verdict()).isEqualTo(QaVerdict.PASSED);
    }

    @Test
    void otherEventsAreIgnored() throws Exception {
        // a started event, then the completion of the same step on the same partition
        String stepId = "step-" + UUID.randomUUID();
        send(stepId, Json.write(new StepStarted(StepEvent.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), stepId, 1,
                "dummy", "worker-1", workspace.toString(), "none")));
        send(stepId, Json.write(completed(stepId, workspace, "true", null)));

        // exactly one result: for the completion
        awaitResult(stepId);
        Thread.sleep(500);
        assertThat(results.getRecords().stream().filter(r -> stepId.equals(r.key()))).hasSize(1);
    }

    @Test
    void malformedRecordGoesToTheDlqWithItsReason() {
        String key = "bad-" + UUID.randomUUID();
        ConsumerTask<String, String> dlq = kafka.consumeStrings().fromTopics(Topics.dlq(Topics.STEP_EVENTS));
        try {
            send(key, "{\"type\":\"completed\",");
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> dlq.getRecords().stream().anyMatch(r -> key.equals(r.key())));
            ConsumerRecord<String, String> record = dlq.getRecords().stream()
                    .filter(r -> key.equals(r.key())).findFirst().orElseThrow();
            Header reason = record.headers().lastHeader("dead-letter-reason");
            assertThat(reason).isNotNull();
            assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("StepEvent");
        } finally {
            dlq.close();
        }
    }

    @Test
    void healthAndMetricsAreUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("dg_qa_duration"));
    }

    private static QaResult awaitResult(String stepId) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> results.getRecords().stream().anyMatch(r -> stepId.equals(r.key())));
        return results.getRecords().stream().filter(r -> stepId.equals(r.key())).findFirst()
                .map(r -> Json.read(r.value(), QaResult.class)).orElseThrow();
    }

    private static QaGateResult gate(QaResult result, String name) {
        return result.gates().stream().filter(g -> g.gate().equals(name)).findFirst().orElseThrow();
    }

    private static StepCompleted completed(Path workspace, String qaCommand, Artifact artifact) {
        return completed("step-" + UUID.randomUUID(), workspace, qaCommand, artifact);
    }

    private static StepCompleted completed(String stepId, Path workspace, String qaCommand, Artifact artifact) {
        ArtifactManifest manifest = artifact == null ? null
                : new ArtifactManifest(stepId, 1, workspace.toString(), List.of(artifact), List.of());
        return new StepCompleted(StepEvent.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), stepId, 1, "dummy",
                "worker-1", 0, 10, "done", "done", null, null, workspace.toString(), manifest, qaCommand);
    }

    private static Artifact artifact(Path file, String sha256) throws Exception {
        return new Artifact(file.getFileName().toString(), ArtifactKind.values()[0], file.toString(),
                Files.size(file), sha256, Instant.now(), null);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static String send(StepCompleted event) {
        send(event.stepId(), Json.write(event));
        return event.stepId();
    }

    private static void send(String key, String value) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.STEP_EVENTS, key, value)).awaitCompletion();
    }
}
