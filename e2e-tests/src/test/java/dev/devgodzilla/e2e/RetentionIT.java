package dev.devgodzilla.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.Artifact;
import dev.devgodzilla.contracts.messages.ArtifactKind;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.testkit.TestApiTokens;

/**
 * What a step leaves on its worker's disk is bounded: a log over its limit is cut with a marker and the
 * manifest says so, a finished step's workspace is removed on request, and the retention sweep removes the
 * artifacts nothing touched for the retention, measuring what is left.
 */
@ExtendWith(LocalStackExtension.class)
class RetentionIT {
    private static final String WORKER = "retention-worker";

    @Test
    void aLogOverItsLimitIsCutAndMarkedTheWorkspaceGoesOnRequestAndOldArtifactsGoByThemselves(LocalStack stack)
            throws Exception {
        try (BusClient bus = new BusClient(stack.kafka.bootstrapServers(), List.of(Topics.STEP_EVENTS))) {
            ServiceProcess worker = stack.startWorker(WORKER, Map.of("DG_WORKER_MAX_LOG_BYTES", "2000",
                    "DG_WORKER_RETENTION", "25s", "DG_WORKER_RETENTION_SWEEP", "2s"));
            stack.keepOnlyWorkers(List.of(WORKER));
            String stepId = PipelineIT.newStepId();
            // about 14 kB of output
            bus.publish(StepRequest.of(stepId, "dummy", "sh seq 1 3000").withQaCommand("true"));
            await().atMost(Duration.ofSeconds(90)).until(() -> "QA_PASSED".equals(stack.state(stepId)));

            StepCompleted completed = bus.stepEvents(stepId, StepCompleted.class).getFirst();
            Artifact log = completed.artifacts().artifacts().stream().filter(a -> a.kind() == ArtifactKind.LOG)
                    .findFirst().orElseThrow();
            assertThat(log.metadata()).containsEntry("cut", "true").containsEntry("limitBytes", "2000");
            assertThat(Long.parseLong(log.metadata().get("notKeptBytes"))).isGreaterThan(10_000);
            List<String> lines = Files.readAllLines(Path.of(log.path()));
            assertThat(lines.getLast()).startsWith("[log cut at 2000 bytes");
            assertThat(log.sizeBytes()).isLessThan(2000 + 200);
            // the live log stops where the artifact does
            await().atMost(Duration.ofSeconds(20)).until(() -> given().baseUri(stack.execution.baseUrl())
                    .accept("text/plain").get("/steps/{id}/logs?attempt=1", stepId).then().statusCode(200).extract()
                    .asString().contains("[log cut at 2000 bytes"));
            assertThat(given().baseUri(stack.execution.baseUrl()).accept("text/plain")
                    .get("/steps/{id}/logs?attempt=1", stepId).asString()).doesNotContain("\n2999\n");

            // the finished step's workspace, on request
            Path workspace = Path.of(completed.workspace());
            assertThat(workspace).isDirectory();
            given().baseUri(stack.execution.baseUrl()).auth().oauth2(TestApiTokens.OPERATOR)
                    .delete("/steps/{id}/workspace", stepId).then().statusCode(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(workspace));

            // the artifacts, once untouched for the retention (25 s here), with the disk they used measured
            Path artifacts = Path.of(log.path()).getParent().getParent();
            assertThat(artifacts).isDirectory();
            await().atMost(Duration.ofSeconds(30)).until(() -> given().baseUri(worker.baseUrl())
                    .get("/q/metrics").then().extract().asString().contains("dg_worker_disk_used_bytes{area=\"artifacts\""));
            await().atMost(Duration.ofSeconds(60)).until(() -> !Files.exists(artifacts));
            // its short retention must not reach the directories other tests' workers share with it
            worker.kill();
            stack.ensureAWorker();
        }
    }
}
