package dev.devgodzilla.execution.service;

import java.time.Instant;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.QaResult;
import dev.devgodzilla.contracts.messages.QaVerdict;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepStarted;
import dev.devgodzilla.contracts.messages.StepState;
import dev.devgodzilla.execution.config.ExecutionConfig;
import dev.devgodzilla.execution.domain.AttemptUsage;
import dev.devgodzilla.execution.domain.Spent;
import dev.devgodzilla.execution.domain.Step;
import dev.devgodzilla.execution.repository.StepEventRows;
import dev.devgodzilla.execution.repository.StepEventRows.Completion;
import dev.devgodzilla.execution.repository.StepEventRows.LockedStep;
import dev.devgodzilla.execution.repository.TimelineRepository;
import dev.devgodzilla.execution.repository.UnitOfWork;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The three events of every step's way that move only a few of its columns, its start, its completion and its QA
 * result, applied by statements of their own ({@link StepEventRows}) in a unit of work that loads and tracks
 * nothing: the same rules as {@link StepLifecycle}'s for the other events (the same row lock
 * first, one timeline entry per event id, an attempt's spending counted whatever became of its event, fenced by
 * attempt and state), at a fraction of the cost per record. None writes an outbox row, so none wakes the relay.
 */
@ApplicationScoped
public class StepProgress {
    private final Pool pool;
    private final StepEventRows rows;
    private final TimelineRepository timeline;
    private final ExecutionConfig config;
    private final StepMetrics metrics;

    public StepProgress(Pool pool, StepEventRows rows, TimelineRepository timeline, ExecutionConfig config,
                        StepMetrics metrics) {
        this.pool = pool;
        this.rows = rows;
        this.timeline = timeline;
        this.config = config;
        this.metrics = metrics;
    }

    /** Records the start once, and runs the step when it is its current attempt's. */
    public Uni<Void> onStarted(StepStarted started) {
        return noted(started, (step, fenced) -> {
            if (fenced != null) {
                return Uni.createFrom().voidItem();
            }
            if (started.attempt() == 1) {
                metrics.firstStarted(step.agentId(), step.createdAt());
            }
            Instant now = Instant.now();
            return rows.running(step.stepId(), now.plus(config.leaseTtl()), now);
        });
    }

    /**
     * Records the completion once and, when it is its current attempt's, completes the step; a QA result that
     * overtook it and is held on the step decides it at once.
     */
    public Uni<Void> onCompleted(StepCompleted completed) {
        return noted(completed, (step, fenced) -> {
            // an attempt's spending counts whatever became of its event: the tokens were spent
            Uni<Void> spent = completed.attempt() == 0 ? Uni.createFrom().voidItem()
                    : rows.spend(step.stepId(), Spent.of(completed.usage(), completed.durationMs()));
            return fenced != null ? spent : spent.chain(() -> complete(step, completed));
        });
    }

    /** What follows an event noted in its step's timeline for the first time; {@code fenced} as the timeline says. */
    private interface AfterNote {
        Uni<Void> apply(LockedStep step, String fenced);
    }

    /**
     * Locks the event's step and notes the event in its timeline, fenced by attempt and state; {@code then} goes on
     * only when the note is new (not a redelivery), in the same transaction.
     */
    private Uni<Void> noted(StepEvent event, AfterNote then) {
        String eventId = event.eventId() != null ? event.eventId() : Ids.newEventId();
        return UnitOfWork.run(pool, () -> rows.lock(event.stepId()).chain(step -> {
            if (step == null) {
                Log.debugf("step %s: event %s for an unknown step, skipped", event.stepId(), eventId);
                return Uni.createFrom().voidItem();
            }
            String fenced = StepLifecycle.fence(step.state(), step.attempt(), event.attempt());
            String summary = StepLifecycle.summarize(event) + (fenced == null ? "" : " (ignored: " + fenced + ")");
            return timeline.recordOnce(step.stepId(), event.attempt(), event.type().wireName(), eventId, summary,
                    Json.write(event), event.occurredAt(), fenced != null).chain(recorded -> {
                if (!recorded) {
                    return Uni.createFrom().voidItem();
                }
                if (fenced != null) {
                    Log.infof("step %s: %s event of attempt %d ignored: %s", step.stepId(), event.type().wireName(),
                            event.attempt(), fenced);
                }
                return then.apply(step, fenced);
            });
        }));
    }

    private Uni<Void> complete(LockedStep step, StepCompleted completed) {
        String usage = Json.write(AttemptUsage.of(completed));
        metrics.outcome(step.agentId(), step.createdAt(), null, "completed");
        QaResult held = step.heldQaResult() == null ? null : Json.read(step.heldQaResult(), QaResult.class);
        if (held == null || held.attempt() != step.attempt()) {
            return rows.completed(step.stepId(), new Completion(StepState.COMPLETED, usage, null), Instant.now());
        }
        StepState decided = stateAfter(held.verdict());
        metrics.outcome(step.agentId(), step.createdAt(), null, decided.name().toLowerCase(Locale.ROOT));
        return rows.completed(step.stepId(), new Completion(decided, usage, held.verdict()), Instant.now())
                .chain(() -> timeline.record(step.stepId(), held.attempt(), "qa", Ids.newEventId(), summary(held, null),
                        Json.write(held), held.occurredAt(), false));
    }

    /**
     * QA of the current attempt of a completed step decides between QA_PASSED and QA_FAILED; a result that
     * overtook the completion it checks is held on the step until the completion is recorded.
     */
    public Uni<Void> onQaResult(QaResult result) {
        String eventId = result.eventId() != null ? result.eventId() : Ids.newEventId();
        return UnitOfWork.run(pool, () -> rows.lock(result.stepId()).chain(step -> {
            if (step == null) {
                Log.debugf("step %s: QA result for an unknown step, skipped", result.stepId());
                return Uni.createFrom().voidItem();
            }
            String payload = Json.write(result);
            if (result.attempt() == step.attempt() && Step.onWorker(step.state())) {
                // qa-results overtook step-events: keep it until the completion is recorded
                return timeline.recordOnce(step.stepId(), result.attempt(), "qa-held", eventId, "QA "
                                + result.verdict() + " arrived before the completion of attempt " + result.attempt()
                                + "; held until it is recorded", payload, result.occurredAt(), false)
                        .chain(recorded -> recorded ? rows.holdQa(step.stepId(), payload)
                                : Uni.createFrom().voidItem());
            }
            String fenced = result.attempt() != step.attempt()
                    ? "stale attempt " + result.attempt() + ", current attempt is " + step.attempt()
                    : step.state() != StepState.COMPLETED ? "step is " + step.state() : null;
            return timeline.recordOnce(step.stepId(), result.attempt(), "qa", eventId, summary(result, fenced), payload,
                    result.occurredAt(), fenced != null).chain(recorded -> recorded && fenced == null
                    ? decided(step, result) : Uni.createFrom().voidItem());
        }));
    }

    private Uni<Void> decided(LockedStep step, QaResult result) {
        StepState state = stateAfter(result.verdict());
        metrics.outcome(step.agentId(), step.createdAt(), null, state.name().toLowerCase(Locale.ROOT));
        return rows.qaDecided(step.stepId(), state, result.verdict(), Instant.now());
    }

    /** Where a completed step goes on its QA verdict: a skipped QA passes it. */
    static StepState stateAfter(QaVerdict verdict) {
        return verdict == QaVerdict.PASSED || verdict == QaVerdict.SKIPPED ? StepState.QA_PASSED : StepState.QA_FAILED;
    }

    /** The timeline's line for a QA result; {@code fenced} says why it was ignored, null when it applied. */
    static String summary(QaResult result, String fenced) {
        return "QA " + result.verdict() + (result.summary() == null ? "" : ": " + result.summary())
                + (fenced == null ? "" : " (ignored: " + fenced + ")");
    }
}
