package dev.devgodzilla.execution;

import static dev.devgodzilla.execution.StepFlowTest.WAIT;
import static dev.devgodzilla.execution.StepFlowTest.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.StepCommand;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.execution.domain.DeadOutboxRecord;
import dev.devgodzilla.execution.repository.OutboxRepository;
import dev.devgodzilla.execution.service.StateChanges;
import dev.devgodzilla.testkit.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** A record Kafka will never take is set aside with its reason; the outbox goes on with the rest. */
@QuarkusTest
@WithTestResource(DummyAgentAvailableResource.class)
@WithTestResource(PostgresTestResource.class)
class OutboxDeadLetterTest {
    private static final String TWO_MIB = "x".repeat(2 * 1024 * 1024);

    @Inject
    OutboxRepository outbox;
    @Inject
    StateChanges changes;
    @Inject
    Pool pool;

    @Test
    void anOversizedRecordIsSetAsideAndTheNextStepStillGoesOut() throws Throwable {
        StepCommand huge = new StepCommand(Ids.newEventId(), Instant.now(), "dead-1", 1,
                StepCommand.Action.CANCEL, TWO_MIB);
        VertxContextSupport.subscribeAndAwait(() -> changes.commit(
                () -> outbox.add(Topics.STEP_COMMANDS, "dead-1", huge)));

        TestBus.send(Topics.STEP_REQUESTS, "dead-next", StepRequest.of("dead-next", null, "after the big one"));

        await().atMost(WAIT).until(() -> TestBus.jobs("dead-next").size() == 1);
        // the batch that sent the job commits the dead row right after Kafka's ack
        await().atMost(WAIT).until(() -> !deadRows("dead-1").isEmpty());
        List<DeadOutboxRecord> dead = deadRows("dead-1");
        assertThat(dead).singleElement().satisfies(row -> {
            assertThat(row.topic).isEqualTo(Topics.STEP_COMMANDS);
            assertThat(row.reason).contains("RecordTooLargeException");
            assertThat(row.payload).hasSizeGreaterThan(2 * 1024 * 1024);
        });
    }

    @Test
    void aJobThatCannotBePublishedFailsItsStepSayingWhy() throws Throwable {
        TestBus.send(Topics.STEP_REQUESTS, "dead-job", StepRequest.of("dead-job", null, "a normal step"));
        await().atMost(WAIT).until(() -> TestBus.jobs("dead-job").size() == 1);
        SandboxJob job = TestBus.jobs("dead-job").getFirst();
        SandboxJob oversized = new SandboxJob(job.schemaVersion(), Ids.newEventId(), Instant.now(), job.stepId(),
                job.attempt(), job.agentId(), job.model(), TWO_MIB, job.workspace(), job.sandboxMode(),
                job.timeoutSeconds(), job.idleTimeoutSeconds(), job.projectId(), job.qaCommand(), job.setupCommand(),
                job.taskType());
        VertxContextSupport.subscribeAndAwait(() -> changes.commit(
                () -> outbox.add(Topics.jobsFor("dummy"), "dead-job", oversized)));

        await().atMost(WAIT).until(() -> "FAILED".equals(StepFlowTest.state("dead-job")));
        assertThat(view("dead-job").getString("reason")).contains("could not be published")
                .contains("RecordTooLargeException");
        assertThat(view("dead-job").getList("events.kind", String.class)).contains("outbox-dead");
        await().atMost(WAIT).until(() -> Json.write(deadRows("dead-job")).contains(Topics.jobsFor("dummy")));
    }

    private List<DeadOutboxRecord> deadRows(String key) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery(
                            "select topic, reason, payload from outbox_dead where record_key = $1")
                    .execute(Tuple.of(key))
                    .map(rows -> {
                        List<DeadOutboxRecord> dead = new java.util.ArrayList<>();
                        rows.forEach(row -> {
                            DeadOutboxRecord record = new DeadOutboxRecord();
                            record.topic = row.getString("topic");
                            record.reason = row.getString("reason");
                            record.payload = row.getString("payload");
                            dead.add(record);
                        });
                        return dead;
                    }));
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
