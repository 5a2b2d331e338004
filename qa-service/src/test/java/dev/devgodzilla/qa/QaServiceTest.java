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
import dev.devgodzilla.contracts.messages.QaJob;
import dev.devgodzilla.contracts.messages.QaJobResult;
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

/**
 * qa-service against a real broker: completed steps in, QA jobs out to the worker (played here by the test,
 * which answers them), QA results out. The worker's side runs for real in sandbox-worker's QaJobTest.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class QaServiceTest {
    private static KafkaCompanion kafka;
    private static ConsumerTask<String, String> results;
    private static ConsumerTask<String, String> jobs;

    @TempDir
    Path workspace;

    @BeforeAll
    static void connect() {
        kafka = new KafkaCompanion(KafkaTestResource.bootstrapServers());
        results = kafka.consumeStrings().fromTopics(Topics.QA_RESULTS);
        jobs = kafka.consumeStrings().fromTopics(Topics.QA_JOBS);
    }

    @AfterAll
    static void close() {
        results.close();
        jobs.close();
        kafka.close();
    }

    @Test
    void theCheckGoesToTheWorkerThatRanTheAttemptAndNothingRunsHere() throws Exception {
        // a StepCompleted made by hand whose check would leave a mark on this host if it ran here
        Path marker = Path.of(System.getProperty("java.io.tmpdir"), "dg-qa-host-marker-" + UUID.randomUUID());
        String stepId = send(completed(workspace, "touch " + marker + " && echo touched", null));

        QaJob job = awaitJob(stepId);
        assertThat(job.workerId()).isEqualTo("worker-1");
        assertThat(job.command()).isEqualTo("touch " + marker + " && echo touched");
        assertThat(job.workspace()).isEqualTo(workspace.toString());
        assertThat(job.attempt()).isEqualTo(1);
        assertThat(job.timeoutSeconds()).isEqualTo(5);
        answer(job, QaVerdict.PASSED, 0, "exit 0: touch ...\ntouched");

        QaResult result = awaitResult(stepId);
        assertThat(gate(result, "check-command").verdict()).isEqualTo(QaVerdict.PASSED);
        assertThat(gate(result, "check-command").detail()).contains("touched").contains("qa-check.log on worker-1");
        assertThat(marker).doesNotExist();
    }

    @Test
    void aCheckTheWorkerStartedOnCompletionIsAwaitedAndNoJobIsSent() throws Exception {
        String stepId = "step-" + UUID.randomUUID();
        // the id this service derives for the step's check with its timeout (5 s here), as the worker names it
        String started = QaJob.idFor(stepId, 1, "make test", 5);
        send(completed(stepId, workspace, "make test", null).withQaCheckJobId(started));
        Thread.sleep(500);
        answer(new QaJob(QaJob.SCHEMA_VERSION, started, Instant.now(), stepId, 1, "dummy", "worker-1",
                workspace.toString(), "make test", 5), QaVerdict.PASSED, 0, "exit 0: make test");

        QaResult result = awaitResult(stepId);
        assertThat(gate(result, "check-command").verdict()).isEqualTo(QaVerdict.PASSED);
        assertThat(jobs.getRecords().stream().filter(r -> stepId.equals(r.key()))).as("jobs sent").isEmpty();
    }

    @Test
    void passingCheckAndMatchingArtifactPass() throws Exception {
        Path log = Files.writeString(workspace.resolve("agent.log"), "the agent's log\n");
        String stepId = send(completed(workspace, "test -f built.txt", artifact(log, sha256(log))));
        answer(awaitJob(stepId), QaVerdict.PASSED, 0, "exit 0: test -f built.txt");

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
        answer(awaitJob(stepId), QaVerdict.FAILED, 3, "exit 3: echo broken; exit 3\nbroken");

        QaResult result = awaitResult(stepId);
        assertThat(result.verdict()).isEqualTo(QaVerdict.FAILED);
        QaGateResult check = gate(result, "check-command");
        assertThat(check.exitCode()).isEqualTo(3);
        assertThat(check.detail()).contains("broken");
        assertThat(gate(result, "artifacts").verdict()).isEqualTo(QaVerdict.SKIPPED);
    }

    @Test
    void aWorkerThatNeverAnswersIsAnErrorNamingIt() throws Exception {
        String stepId = send(completed(workspace, "true", null));
        awaitJob(stepId);

        QaResult result = awaitResult(stepId);
        assertThat(result.verdict()).isEqualTo(QaVerdict.ERROR);
        assertThat(gate(result, "check-command").detail()).contains("worker worker-1 did not report the check");
    }

    @Test
    void noCheckCommandSendsNoJob() throws Exception {
        String stepId = send(completed(workspace, null, null));

        QaResult result = awaitResult(stepId);
        assertThat(gate(result, "check-command").verdict()).isEqualTo(QaVerdict.SKIPPED);
        assertThat(jobs.getRecords().stream().filter(r -> stepId.equals(r.key()))).isEmpty();
    }

    @Test
    void tamperedArtifactFailsNamingIt() throws Exception {
        Path log = Files.writeString(workspace.resolve("agent.log"), "the agent's log\n");
        String wrong = "0".repeat(64);
        String stepId = send(completed(workspace, "true", artifact(log, wrong)));
        answer(awaitJob(stepId), QaVerdict.PASSED, 0, "exit 0: true");

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
        answer(awaitJob(stepId), QaVerdict.PASSED, 0, "exit 0: true");

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

    @Test
    void malformedJobResultGoesToTheDlq() {
        String key = "bad-answer-" + UUID.randomUUID();
        ConsumerTask<String, String> dlq = kafka.consumeStrings().fromTopics(Topics.dlq(Topics.QA_JOB_RESULTS));
        try {
            kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.QA_JOB_RESULTS, key, "{\"stepId\":"))
                    .awaitCompletion();
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> dlq.getRecords().stream().anyMatch(r -> key.equals(r.key())));
        } finally {
            dlq.close();
        }
    }

    private static QaJob awaitJob(String stepId) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jobs.getRecords().stream().anyMatch(r -> stepId.equals(r.key())));
        return jobs.getRecords().stream().filter(r -> stepId.equals(r.key())).findFirst()
                .map(r -> Json.read(r.value(), QaJob.class)).orElseThrow();
    }

    /** Answers {@code job} as the worker that holds the workspace would. */
    private static void answer(QaJob job, QaVerdict verdict, int exitCode, String detail) {
        Artifact output = new Artifact("qa-check.log", ArtifactKind.LOG, "/artifacts/" + job.stepId() + "/qa-check.log",
                10, "0".repeat(64), Instant.now(), null);
        QaJobResult result = new QaJobResult(QaJobResult.SCHEMA_VERSION, Ids.newEventId(), Instant.now(),
                job.jobId(), job.stepId(), job.attempt(), job.workerId(),
                new QaGateResult("check-command", verdict, exitCode, 7, detail), output);
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.QA_JOB_RESULTS, job.stepId(),
                Json.write(result))).awaitCompletion();
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
                "worker-1", 0, 10, "done", "done", null, null, workspace.toString(), manifest, qaCommand, null);
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
