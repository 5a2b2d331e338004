package dev.devgodzilla.execution;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.testkit.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.devgodzilla.execution.StepFlowTest.WAIT;
import static dev.devgodzilla.execution.StepFlowTest.attempts;
import static dev.devgodzilla.execution.StepFlowTest.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Leases: a lost worker's attempt is dispatched again; heartbeats keep a live one going (lease-ttl 3s). */
@QuarkusTest
@WithTestResource(DummyAgentAvailableResource.class)
@WithTestResource(PostgresTestResource.class)
class LeaseTest {

    @Test
    void expiredLeaseDispatchesNextAttemptAndFencesTheOldOne() {
        TestBus.send(Topics.STEP_REQUESTS, "lease-lost", StepRequest.of("lease-lost", "dummy", "work"));
        await().atMost(WAIT).until(() -> attempts("lease-lost").equals(List.of(1)));

        // attempt 1 starts, then its worker goes silent
        TestBus.send(Topics.STEP_EVENTS, "lease-lost", TestBus.started("lease-lost", 1));
        await().atMost(WAIT).until(() -> "RUNNING".equals(StepFlowTest.state("lease-lost")));
        await().atMost(WAIT).until(() -> attempts("lease-lost").equals(List.of(1, 2)));
        JsonPath redispatched = view("lease-lost");
        assertThat(redispatched.getInt("attempt")).isEqualTo(2);
        assertThat(redispatched.getList("events.summary", String.class)).contains("lease expired: worker lost");

        // a late completion of attempt 1 is recorded but changes nothing
        StepCompleted late = TestBus.completed("lease-lost", 1);
        TestBus.send(Topics.STEP_EVENTS, "lease-lost", late);
        await().atMost(WAIT).until(() -> view("lease-lost").getList("events.eventId").contains(late.eventId()));
        JsonPath afterLate = view("lease-lost");
        assertThat(afterLate.getString("state")).isEqualTo("DISPATCHED");
        Map<String, Object> lateEntry = afterLate.getMap("events.find { it.eventId == '" + late.eventId() + "' }");
        assertThat(lateEntry.get("ignored")).isEqualTo(true);

        // attempt 2 runs to completion
        TestBus.send(Topics.STEP_EVENTS, "lease-lost", TestBus.started("lease-lost", 2));
        TestBus.send(Topics.STEP_EVENTS, "lease-lost", TestBus.completed("lease-lost", 2));
        await().atMost(WAIT).until(() -> "COMPLETED".equals(StepFlowTest.state("lease-lost")));
    }

    @Test
    void heartbeatsKeepTheLeaseAlive() throws InterruptedException {
        TestBus.send(Topics.STEP_REQUESTS, "lease-kept", StepRequest.of("lease-kept", "dummy", "long work"));
        await().atMost(WAIT).until(() -> attempts("lease-kept").equals(List.of(1)));
        TestBus.send(Topics.STEP_EVENTS, "lease-kept", TestBus.started("lease-kept", 1));
        await().atMost(WAIT).until(() -> "RUNNING".equals(StepFlowTest.state("lease-kept")));

        // the worker beats every second for twice the lease time
        for (int beat = 0; beat < 7; beat++) {
            TestBus.send(Topics.WORKER_HEARTBEATS, TestBus.WORKER, TestBus.heartbeat("lease-kept", 1));
            Thread.sleep(1000);
        }
        assertThat(view("lease-kept").getString("state")).isEqualTo("RUNNING");
        assertThat(attempts("lease-kept")).containsExactly(1);

        TestBus.send(Topics.STEP_EVENTS, "lease-kept", TestBus.completed("lease-kept", 1));
        await().atMost(WAIT).until(() -> "COMPLETED".equals(StepFlowTest.state("lease-kept")));
    }

    @Test
    void heartbeatsReadLongAfterTheyWereSentDoNotKeepADeadWorkersLease() throws InterruptedException {
        TestBus.send(Topics.STEP_REQUESTS, "lease-late", StepRequest.of("lease-late", "dummy", "long work"));
        await().atMost(WAIT).until(() -> attempts("lease-late").equals(List.of(1)));
        TestBus.send(Topics.STEP_EVENTS, "lease-late", TestBus.started("lease-late", 1));
        await().atMost(WAIT).until(() -> "RUNNING".equals(StepFlowTest.state("lease-late")));

        // the worker died; what still arrives, twice a second, are its heartbeats from before, sent more than a
        // lease (3 s) ago: the lease runs out while they arrive, as if none came
        boolean redispatchedWhileBeating = false;
        for (int beat = 0; beat < 20 && !redispatchedWhileBeating; beat++) {
            TestBus.send(Topics.WORKER_HEARTBEATS, TestBus.WORKER,
                    TestBus.heartbeatSent("lease-late", 1, java.time.Instant.now().minusSeconds(4)));
            Thread.sleep(500);
            redispatchedWhileBeating = attempts("lease-late").equals(List.of(1, 2));
        }
        assertThat(redispatchedWhileBeating).isTrue();
    }

    @Test
    void aJobWaitingForASlotIsShownWaitingAndKeptWhileItsWorkerIsHeardThenSentOnWhenItIsNot()
            throws InterruptedException {
        TestBus.send(Topics.STEP_REQUESTS, "lease-waiting", StepRequest.of("lease-waiting", "dummy", "queued work"));
        await().atMost(WAIT).until(() -> attempts("lease-waiting").equals(List.of(1)));

        // a full worker took the job and says it waits for a slot, for twice the lease time
        for (int beat = 0; beat < 7; beat++) {
            TestBus.send(Topics.WORKER_HEARTBEATS, TestBus.WORKER, TestBus.waitingHeartbeat("lease-waiting", 1));
            Thread.sleep(1000);
        }
        JsonPath waiting = view("lease-waiting");
        assertThat(waiting.getString("state")).isEqualTo("DISPATCHED");
        assertThat(waiting.getString("waitingOn")).isEqualTo(TestBus.WORKER);
        assertThat(attempts("lease-waiting")).containsExactly(1);

        // then the worker goes silent: the job goes out again as the next attempt in a lease's time, long
        // before the dispatch timeout (30 s here)
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> attempts("lease-waiting").equals(List.of(1, 2)));
        assertThat(view("lease-waiting").getString("waitingOn")).isNull();
    }
}
