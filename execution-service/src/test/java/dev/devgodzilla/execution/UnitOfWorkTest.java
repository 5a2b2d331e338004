package dev.devgodzilla.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.StepState;
import dev.devgodzilla.execution.domain.Step;
import dev.devgodzilla.execution.repository.StepRepository;
import dev.devgodzilla.execution.repository.TimelineRepository;
import dev.devgodzilla.execution.repository.UnitOfWork.ConcurrentChangeException;
import dev.devgodzilla.execution.service.StateChanges;
import dev.devgodzilla.testkit.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** A state change's steps are objects: what it changes of them is written back when it commits, or nothing is. */
@QuarkusTest
@WithTestResource(DummyAgentAvailableResource.class)
@WithTestResource(PostgresTestResource.class)
class UnitOfWorkTest {
    @Inject
    StateChanges changes;
    @Inject
    StepRepository steps;
    @Inject
    TimelineRepository timeline;
    @Inject
    Pool pool;

    @Test
    void whatAChangeDoesToALoadedStepIsWrittenOnceItEndsAndOneRowIsOneObject() throws Throwable {
        String stepId = pendingStep();
        AtomicReference<Boolean> same = new AtomicReference<>();
        await(() -> changes.commit(() -> steps.lock(stepId).chain(first -> {
            first.reason = "changed in the unit";
            return steps.findById(stepId).invoke(second -> same.set(second == first));
        })));

        assertThat(same.get()).isTrue();
        Row row = row(stepId);
        assertThat(row.getString("reason")).isEqualTo("changed in the unit");
        // inserted at 0 (the insert's own unit changed nothing after it), written back once since
        assertThat(row.getLong("version")).isEqualTo(1L);
    }

    @Test
    void aRowChangedUnderTheObjectInTheSameTransactionIsRefusedAndNothingOfItIsKept() throws Throwable {
        String stepId = pendingStep();
        assertThatThrownBy(() -> await(() -> changes.commit(() -> steps.lock(stepId).chain(step -> {
            step.reason = "would overwrite the statement's change";
            // a statement of the same transaction moves the row on: the object is out of date
            return steps.holdPending(stepId, 1, Instant.now().plusSeconds(60), "worker-a");
        })))).isInstanceOf(ConcurrentChangeException.class);

        Row row = row(stepId);
        assertThat(row.getString("reason")).isNull();
        assertThat(row.getString("claimed_by")).isNull();
        assertThat(row.getLong("version")).isZero();
    }

    @Test
    void aStepAddedInAUnitIsInsertedOnceAsTheUnitLeftItAndNotBefore() throws Throwable {
        Step step = step();
        AtomicReference<Step> seenInside = new AtomicReference<>(step);
        await(() -> changes.commit(() -> steps.persist(step).chain(added -> {
            added.reason = "changed after it was added";
            // a statement of the unit itself: the row is not there yet
            return steps.findById(step.stepId).invoke(seenInside::set);
        })));

        assertThat(seenInside.get()).as("the row, read in the unit before it ended").isNull();
        Row row = row(step.stepId);
        assertThat(row.getString("reason")).isEqualTo("changed after it was added");
        // one insert with what the unit did to it: no update after it
        assertThat(row.getLong("version")).isZero();
    }

    @Test
    void aTimelineEntryOfAUnitIsWrittenWithItsRowsWhenItEndsAndNotBefore() throws Throwable {
        String stepId = pendingStep();
        String eventId = Ids.newEventId();
        AtomicReference<Boolean> seenInside = new AtomicReference<>();
        await(() -> changes.commit(() -> steps.lock(stepId).chain(step -> {
            step.reason = "with its entry";
            return timeline.record(stepId, 1, "note", eventId, "a note", null, Instant.now(), false)
                    .chain(() -> timeline.seen(eventId)).invoke(seenInside::set);
        })));

        assertThat(seenInside.get()).as("the entry, read in the unit before it ended").isFalse();
        assertThat(await(() -> timeline.seen(eventId))).isTrue();
        assertThat(row(stepId).getString("reason")).isEqualTo("with its entry");
    }

    @Test
    void aStatementOfTheWriteBackThatFailsKeepsNothingOfTheUnit() throws Throwable {
        String stepId = pendingStep();
        String eventId = Ids.newEventId();
        await(() -> changes.commit(() -> timeline.record(stepId, 1, "note", eventId, "first", null, Instant.now(),
                false)));

        // the same event id again: the timeline's unique key refuses it at the write-back, with the step's change
        assertThatThrownBy(() -> await(() -> changes.commit(() -> steps.lock(stepId).chain(step -> {
            step.reason = "must not stay";
            return timeline.record(stepId, 1, "note", eventId, "again", null, Instant.now(), false);
        })))).hasMessageContaining("duplicate key");

        Row row = row(stepId);
        assertThat(row.getString("reason")).isNull();
        assertThat(row.getLong("version")).isZero();
    }

    /** A step pending in an IDE: no sweeper touches one. */
    private String pendingStep() throws Throwable {
        Step step = step();
        await(() -> changes.commit(() -> steps.persist(step)));
        return step.stepId;
    }

    private static Step step() {
        Step step = new Step();
        step.stepId = "uow-" + Ids.newEventId();
        step.request = "{}";
        step.requestHash = "hash";
        step.agentId = "dummy";
        step.state = StepState.PENDING;
        step.attempt = 1;
        step.maxAttempts = 1;
        step.createdAt = Instant.now();
        step.updatedAt = step.createdAt;
        return step;
    }

    private Row row(String stepId) throws Throwable {
        return await(() -> pool.preparedQuery("select reason, claimed_by, version from steps where step_id = $1")
                .execute(Tuple.of(stepId)).map(rows -> rows.iterator().next()));
    }

    private static <T> T await(Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(work);
    }
}
