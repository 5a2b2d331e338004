package dev.devgodzilla.worker.qa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.QaJob;
import dev.devgodzilla.contracts.messages.QaJobResult;
import dev.devgodzilla.contracts.messages.QaVerdict;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.testkit.KafkaTestResource;
import dev.devgodzilla.worker.TestJobs;
import dev.devgodzilla.worker.config.WorkerIdentity;
import dev.devgodzilla.worker.way.StepBus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * QA jobs through Kafka to the worker that ran the step, in its default bubblewrap sandbox: a check
 * command and a workspace Makefile, both of them an attacker's, run only there.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class QaJobTest {
    private static StepBus bus;
    private static KafkaCompanion kafka;
    private static ConsumerTask<String, String> results;

    @Inject
    WorkerIdentity identity;

    @BeforeAll
    static void listen() {
        bus = new StepBus();
        kafka = new KafkaCompanion(KafkaTestResource.bootstrapServers());
        results = kafka.consumeStrings().fromTopics(Topics.QA_JOB_RESULTS);
    }

    @AfterAll
    static void close() {
        results.close();
        kafka.close();
        bus.close();
    }

    @Test
    void anAgentsMakefileRunsOnlyInTheSandboxAndItsOutputIsAnArtifact() throws Exception {
        StepCompleted step = completedStep();
        Path workspace = Path.of(step.workspace());
        // on the host, outside every sandbox: the Makefile would write here if it ran on the host
        Path marker = Path.of(System.getProperty("java.io.tmpdir"), "dg-qa-marker-" + UUID.randomUUID());
        Files.writeString(workspace.resolve("Makefile"),
                "check:\n\ttouch " + marker + "\n\ttouch built.txt\n\techo made it\n");

        QaJobResult result = run(job(step, "make check", 20));

        assertThat(result.check().verdict()).as(result.check().detail()).isEqualTo(QaVerdict.PASSED);
        assertThat(result.workerId()).isEqualTo(identity.workerId());
        assertThat(workspace.resolve("built.txt")).exists();
        assertThat(marker).doesNotExist();
        assertThat(result.output()).isNotNull();
        assertThat(Path.of(result.output().path())).hasFileName("qa-check.log").content().contains("made it");
    }

    @Test
    void theCheckHasNoNetworkAndNoneOfTheWorkersEnvironment() {
        StepCompleted step = completedStep();
        String port = KafkaTestResource.bootstrapServers().replaceAll(".*:", "");

        QaJobResult env = run(job(step, "test -z \"$JAVA_HOME$KAFKA_BOOTSTRAP_SERVERS$DUMMY_API_KEY\"", 20));
        QaJobResult kafkaReached = run(job(step, "exec 3<>/dev/tcp/127.0.0.1/" + port, 20));

        assertThat(env.check().verdict()).as(env.check().detail()).isEqualTo(QaVerdict.PASSED);
        assertThat(kafkaReached.check().verdict()).as("the broker on the host's loopback was reached")
                .isEqualTo(QaVerdict.FAILED);
    }

    @Test
    void theTimeoutKillsTheWholeTree() throws Exception {
        StepCompleted step = completedStep();
        Path survivor = Path.of(step.workspace()).resolve("survivor");

        QaJobResult result = run(job(step, "(sleep 3; touch survivor) & sleep 30", 1));

        assertThat(result.check().verdict()).isEqualTo(QaVerdict.FAILED);
        assertThat(result.check().detail()).startsWith("timed out after 1s");
        Thread.sleep(3500);
        assertThat(survivor).doesNotExist();
    }

    @Test
    void aWorkspaceOutsideTheRootsIsAnErrorAndNothingRuns() {
        StepCompleted step = completedStep();
        Path marker = Path.of(System.getProperty("java.io.tmpdir"), "dg-qa-marker-" + UUID.randomUUID());
        QaJob elsewhere = new QaJob(QaJob.SCHEMA_VERSION, QaJob.idFor(step.stepId(), 1, "touch " + marker, 20),
                Instant.now(), step.stepId(), 1, "dummy", identity.workerId(), "/etc", "touch " + marker, 20);

        QaJobResult result = run(elsewhere);

        assertThat(result.check().verdict()).isEqualTo(QaVerdict.ERROR);
        assertThat(result.check().detail()).contains("outside the workspace roots");
        assertThat(result.output()).isNull();
        assertThat(marker).doesNotExist();
    }

    @Test
    void aJobForAnotherWorkerIsNotRunHere() {
        StepCompleted step = completedStep();
        QaJob theirs = new QaJob(QaJob.SCHEMA_VERSION, QaJob.idFor(step.stepId(), 1, "touch theirs.txt", 20),
                Instant.now(), step.stepId(), 1, "dummy", "some-other-worker", step.workspace(), "touch theirs.txt", 20);
        // a job of ours sent after it is answered, so the one before it was read and passed over
        QaJobResult ours = run(theirs, job(step, "true", 20));

        assertThat(ours.check().verdict()).isEqualTo(QaVerdict.PASSED);
        assertThat(answers(theirs.jobId())).isEmpty();
        assertThat(Path.of(step.workspace()).resolve("theirs.txt")).doesNotExist();
    }

    @Test
    void aStepsOwnCheckRunsAsItsAttemptCompletesAndItsJobGetsThatAnswerWithoutASecondRun() throws Exception {
        SandboxJob job = withQaCommand(TestJobs.dummy("write hello.txt hi"), "echo ran >> checks.txt");
        bus.send(job);
        StepCompleted step = (StepCompleted) bus.awaitTerminal(job.stepId());
        // the id qa-service derives for the same check with its default timeout
        String id = QaJob.idFor(step.stepId(), step.attempt(), step.qaCommand(), 300);
        assertThat(step.qaCheckJobId()).as("the completion names the check that started").isEqualTo(id);

        // sent unasked, once the attempt's sandbox has closed
        QaJobResult early = await().atMost(StepBus.WAIT).until(() -> answers(id).stream().findFirst(),
                Optional::isPresent).orElseThrow();
        assertThat(early.check().verdict()).as(early.check().detail()).isEqualTo(QaVerdict.PASSED);

        // qa-service's job for it, as it would send one that came before the answer: answered again, not run again
        QaJob asked = new QaJob(QaJob.SCHEMA_VERSION, id, Instant.now(), step.stepId(), step.attempt(),
                step.agentId(), identity.workerId(), step.workspace(), step.qaCommand(), 300);
        // sent until answered (the worker's consumer of its own group may still be joining)
        await().atMost(StepBus.WAIT).pollInterval(Duration.ofSeconds(3)).until(() -> {
            if (answers(id).size() < 2) {
                kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.QA_JOBS, asked.stepId(),
                        Json.write(asked))).awaitCompletion();
            }
            return answers(id).size() >= 2;
        });

        assertThat(answers(id)).extracting(QaJobResult::eventId).containsOnly(early.eventId());
        assertThat(Files.readAllLines(Path.of(step.workspace()).resolve("checks.txt"))).containsExactly("ran");
    }

    @Test
    void aJobUnderAnotherChecksIdGoesToTheDlqAndDoesNotRun() {
        StepCompleted step = completedStep();
        // the id of the step's own check ("true", run as its attempt completed): a forged job under it with another
        // command would otherwise be answered with that check's result, or answer for it
        String shadowed = QaJob.idFor(step.stepId(), step.attempt(), step.qaCommand(), 300);
        QaJob forged = new QaJob(QaJob.SCHEMA_VERSION, shadowed, Instant.now(), step.stepId(), step.attempt(),
                step.agentId(), identity.workerId(), step.workspace(), "touch forged.txt", 300);
        try (ConsumerTask<String, String> dlq = kafka.consumeStrings().fromTopics(Topics.dlq(Topics.QA_JOBS))) {
            await().atMost(StepBus.WAIT).pollInterval(Duration.ofSeconds(3)).until(() -> {
                if (dlq.getRecords().stream().noneMatch(r -> r.value().contains(shadowed))) {
                    kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.QA_JOBS, forged.stepId(),
                            Json.write(forged))).awaitCompletion();
                    return false;
                }
                return true;
            });
            String reason = dlq.getRecords().stream().filter(r -> r.value().contains(shadowed)).findFirst()
                    .map(r -> new String(r.headers().lastHeader("dead-letter-reason").value())).orElseThrow();
            assertThat(reason).contains("is not the id its step, attempt, command and timeout give");
        }

        // a real job after it is answered, so the forged copies before it were all read
        QaJobResult later = run(job(step, "true", 20));
        assertThat(later.check().verdict()).isEqualTo(QaVerdict.PASSED);
        assertThat(Path.of(step.workspace()).resolve("forged.txt")).doesNotExist();
        // the id still answers for the step's own check only
        assertThat(answers(shadowed)).extracting(answer -> answer.check().detail()).containsOnly("exit 0: true");
    }

    private static SandboxJob withQaCommand(SandboxJob job, String command) {
        return new SandboxJob(job.schemaVersion(), job.eventId(), job.occurredAt(), job.stepId(), job.attempt(),
                job.agentId(), job.model(), job.prompt(), job.workspace(), job.sandboxMode(), job.timeoutSeconds(),
                job.idleTimeoutSeconds(), job.projectId(), command, job.setupCommand(), job.taskType(),
                job.resumeSessionId(), job.budget());
    }

    private StepCompleted completedStep() {
        SandboxJob job = TestJobs.dummy("write hello.txt hi");
        bus.send(job);
        return (StepCompleted) bus.awaitTerminal(job.stepId());
    }

    private QaJob job(StepCompleted step, String command, long timeoutSeconds) {
        return new QaJob(QaJob.SCHEMA_VERSION, QaJob.idFor(step.stepId(), step.attempt(), command, timeoutSeconds),
                Instant.now(), step.stepId(), step.attempt(),
                step.agentId(), identity.workerId(), step.workspace(), command, timeoutSeconds);
    }

    /**
     * Sends {@code jobs} in order, again until the last is answered (the worker's consumer of its own
     * group may still be joining, and reads only what comes after), and returns the last one's answer.
     */
    private static QaJobResult run(QaJob... jobs) {
        String last = jobs[jobs.length - 1].jobId();
        return await().atMost(StepBus.WAIT).pollInterval(Duration.ofSeconds(3)).until(() -> {
            if (answers(last).isEmpty()) {
                for (QaJob job : jobs) {
                    kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.QA_JOBS, job.stepId(),
                            Json.write(job))).awaitCompletion();
                }
            }
            return answers(last).stream().findFirst();
        }, Optional::isPresent).orElseThrow();
    }

    private static List<QaJobResult> answers(String jobId) {
        return results.getRecords().stream().map(r -> Json.read(r.value(), QaJobResult.class))
                .filter(r -> jobId.equals(r.jobId())).toList();
    }
}
