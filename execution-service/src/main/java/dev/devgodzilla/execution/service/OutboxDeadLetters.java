package dev.devgodzilla.execution.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.execution.domain.DeadOutboxRecord;
import dev.devgodzilla.execution.domain.OutboxRecord;
import dev.devgodzilla.execution.repository.OutboxRepository;
import dev.devgodzilla.execution.repository.StepRepository;
import dev.devgodzilla.execution.repository.TimelineRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Sets aside an outbox row that Kafka will never take (too large, not serializable, an invalid topic),
 * with the reason, so that the relay goes on with the rows after it; anything else is transient and left
 * for the next run. The step hears of it on its timeline, and a step whose job could not go out fails at
 * once instead of waiting for a lease to expire on a job no worker ever got.
 */
@ApplicationScoped
public class OutboxDeadLetters {
    private final OutboxRepository outbox;
    private final StepRepository steps;
    private final TimelineRepository timeline;
    private final StepTransitions transitions;
    private final MeterRegistry meters;

    public OutboxDeadLetters(OutboxRepository outbox, StepRepository steps, TimelineRepository timeline,
                             StepTransitions transitions, MeterRegistry meters) {
        this.outbox = outbox;
        this.steps = steps;
        this.timeline = timeline;
        this.transitions = transitions;
        this.meters = meters;
    }

    /** Whether a send that failed with {@code failure} can never succeed. */
    public static boolean permanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException || t instanceof SerializationException
                    || t instanceof InvalidTopicException) {
                return true;
            }
        }
        return false;
    }

    /** Moves {@code row} aside in the caller's transaction and tells its step. */
    public Uni<Void> setAside(OutboxRecord row, Throwable failure) {
        String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        Log.errorf("outbox row %d for %s (key %s) set aside: %s", row.id, row.topic, row.recordKey, reason);
        meters.counter("dg.outbox.dead", "topic", row.topic.startsWith(Topics.SANDBOX_JOBS_PREFIX)
                ? Topics.SANDBOX_JOBS_PREFIX + "*" : row.topic).increment();
        Instant now = Instant.now();
        return outbox.setAside(DeadOutboxRecord.of(row, reason), row)
                .chain(() -> steps.lock(row.recordKey))
                .chain(step -> {
                    if (step == null) {
                        return Uni.createFrom().voidItem();
                    }
                    String summary = "a record for " + row.topic + " could not be sent and was set aside: " + reason;
                    Uni<Void> told = timeline.record(step.stepId, step.attempt, "outbox-dead", Ids.newEventId(),
                            summary, null, now, false).replaceWithVoid();
                    if (row.topic.startsWith(Topics.SANDBOX_JOBS_PREFIX) && step.isOnWorker()) {
                        return told.chain(() -> transitions.failByService(step, FailureCode.INVALID_REQUEST,
                                "the job of attempt " + step.attempt + " could not be published: " + reason));
                    }
                    return told;
                });
    }
}
