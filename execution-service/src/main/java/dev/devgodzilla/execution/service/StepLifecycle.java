package dev.devgodzilla.execution.service;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.messages.AttemptRef;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.FeedbackAction;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.QaResult;
import dev.devgodzilla.contracts.messages.StepBlocked;
import dev.devgodzilla.contracts.messages.StepCommand;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepFailed;
import dev.devgodzilla.contracts.messages.StepPending;
import dev.devgodzilla.contracts.messages.StepPickedUp;
import dev.devgodzilla.contracts.messages.StepStarted;
import dev.devgodzilla.contracts.messages.StepState;
import dev.devgodzilla.execution.config.ExecutionConfig;
import dev.devgodzilla.execution.domain.AttemptUsage;
import dev.devgodzilla.execution.domain.Step;
import dev.devgodzilla.execution.repository.OutboxRepository;
import dev.devgodzilla.execution.repository.StepRepository;
import dev.devgodzilla.execution.repository.TimelineRepository;
import dev.devgodzilla.support.rest.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Moves steps along their lifecycle on what the bus and the clock say: step events (fenced by attempt),
 * heartbeats, expired leases, due retries and cancel requests; a step's start, completion and QA result, which
 * move only a few columns, are {@link StepProgress}'s under the same rules. Each method runs inside the
 * caller's transaction (opened through {@link StateChanges}) and re-checks state and attempt under the
 * step's row lock, because the sweeper and the consumers can reach the same step at once.
 *
 * <p>What may arrive in which order: one attempt's step events come from one worker on one partition
 * (keyed by step id), so its started comes before its terminal event; a redelivery repeats an event (the
 * timeline drops it by event id). An older attempt's late events may come after a newer attempt was
 * dispatched (fenced by attempt number). Heartbeats, claims and QA results travel other ways and may
 * overtake step events: a heartbeat or claim may come before the started event (both keep the lease of a
 * dispatched attempt), and a QA result may come before the completion it checks, which is then held and
 * applied when the completion is recorded, never dropped.
 */
@ApplicationScoped
public class StepLifecycle {
    private final ExecutionConfig config;
    private final StepRepository steps;
    private final TimelineRepository timeline;
    private final OutboxRepository outbox;
    private final StepTransitions transitions;
    private final StepMetrics metrics;
    private final Clarifications clarifications;

    public StepLifecycle(ExecutionConfig config, StepRepository steps, TimelineRepository timeline,
                         OutboxRepository outbox, StepTransitions transitions, StepMetrics metrics,
                         Clarifications clarifications) {
        this.config = config;
        this.clarifications = clarifications;
        this.steps = steps;
        this.timeline = timeline;
        this.outbox = outbox;
        this.transitions = transitions;
        this.metrics = metrics;
    }

    /**
     * Records the event in the timeline once, and applies it when it belongs to the current attempt: any event but
     * a start or a completion, which {@link StepProgress} applies.
     */
    public Uni<Void> onEvent(StepEvent event) {
        String eventId = event.eventId() != null ? event.eventId() : Ids.newEventId();
        return steps.lock(event.stepId()).chain(step -> {
            if (step == null) {
                Log.debugf("step %s: event %s for an unknown step, skipped", event.stepId(), eventId);
                return Uni.createFrom().voidItem();
            }
            return timeline.seen(eventId).chain(seen -> {
                if (seen) {
                    return Uni.createFrom().voidItem();
                }
                // an attempt's spending counts whatever became of its event: the tokens were spent
                spend(step, event);
                String fenced = fence(step, event);
                String summary = summarize(event);
                if (fenced != null) {
                    Log.infof("step %s: %s event of attempt %d ignored: %s", step.stepId,
                            event.type().wireName(), event.attempt(), fenced);
                    summary += " (ignored: " + fenced + ")";
                }
                return timeline.record(step.stepId, event.attempt(), event.type().wireName(), eventId, summary,
                                Json.write(event), event.occurredAt(), fenced != null)
                        .chain(() -> fenced == null ? apply(step, event) : Uni.createFrom().voidItem());
            });
        });
    }

    private static void spend(Step step, StepEvent event) {
        if (event.attempt() == 0) {
            return;
        }
        switch (event) {
            case StepBlocked b -> step.spend(b.usage(), b.durationMs());
            case StepFailed f -> step.spend(f.usage(), f.durationMs());
            default -> {
                // started and pending spend nothing yet; a completion is StepProgress's
            }
        }
    }

    private static String fence(Step step, StepEvent event) {
        return fence(step.state, step.attempt, event.attempt());
    }

    /** Why an event of attempt {@code eventAttempt} must not change the step, or null when it may. */
    static String fence(StepState state, int currentAttempt, int eventAttempt) {
        if (eventAttempt == 0) {
            return "raised before any dispatch";
        }
        if (eventAttempt != currentAttempt) {
            return "stale attempt " + eventAttempt + ", current attempt is " + currentAttempt;
        }
        if (!(Step.onWorker(state) || state == StepState.PENDING)) {
            return "step is already " + state;
        }
        return null;
    }

    private Uni<Void> apply(Step step, StepEvent event) {
        Instant now = Instant.now();
        step.updatedAt = now;
        switch (event) {
            case StepStarted started -> throw new IllegalArgumentException("a start is StepProgress's to apply");
            case StepCompleted completed ->
                    throw new IllegalArgumentException("a completion is StepProgress's to apply");
            case StepFailed failed -> {
                FailureCode code = failed.code() != null ? failed.code() : FailureCode.INTERNAL;
                String reason = failed.reason() != null ? failed.reason() : code.name();
                if (code.retriable() && step.hasAttemptsLeft()) {
                    return transitions.waitForRetry(step, code, "attempt " + step.attempt + " failed: " + reason);
                }
                String why = code.retriable() ? reason + " (no attempts left after " + step.attempt + ")" : reason;
                transitions.finish(step, StepTransitions.stateFor(code), code, why);
            }
            case StepBlocked blocked -> {
                step.usage = Json.write(AttemptUsage.of(blocked));
                transitions.finish(step, switch (blocked.suggestedAction() == null ? FeedbackAction.CLARIFY
                        : blocked.suggestedAction()) {
                    case RE_SPECIFY -> StepState.AWAITING_RESPECIFY;
                    case RE_PLAN -> StepState.AWAITING_REPLAN;
                    case CLARIFY -> StepState.BLOCKED;
                }, null, blocked.reason());
                return clarifications.open(step, blocked);
            }
            case StepPending pending -> {
                // An IDE picks the step up whenever someone opens it: nothing expires; the lease only says,
                // while the holding worker's heartbeats renew it, that a completion can be routed to it.
                step.state = StepState.PENDING;
                step.leaseExpiresAt = null;
            }
            case StepPickedUp pickedUp -> {
                // still pending: only the timeline says the IDE started on it
            }
        }
        return Uni.createFrom().voidItem();
    }

    static String summarize(StepEvent event) {
        return switch (event) {
            case StepStarted s -> "attempt " + s.attempt() + " started"
                    + (s.source() == null ? "" : " on " + s.source());
            case StepCompleted c -> "completed with exit code " + c.exitCode() + " in " + c.durationMs() + " ms";
            case StepFailed f -> "failed: " + f.code() + (f.reason() == null ? "" : ": " + f.reason());
            case StepBlocked b -> "blocked: " + b.reason();
            case StepPending p -> "pending in the IDE" + (p.commandFile() == null ? "" : ": " + p.commandFile());
            case StepPickedUp p -> "picked up in the IDE" + (p.source() == null ? "" : " (followed by " + p.source() + ")");
        };
    }

    /**
     * A worker's heartbeat renews the leases of the attempts it runs and of the jobs waiting for its slots, for a
     * lease's time from when it was sent ({@code sentAt}; never later than now): a heartbeat read late, after a
     * lag of the bus or of this consumer, says the worker was alive then, not now, and one older than a lease
     * renews nothing. (A worker whose clock is behind by more than a lease would lose its leases, and is told.)
     */
    public Uni<Void> onHeartbeat(String workerId, Instant sentAt, List<AttemptRef> running, List<AttemptRef> waiting,
                                 List<AttemptRef> handedOver) {
        Instant now = Instant.now();
        Instant from = sentAt == null || sentAt.isAfter(now) ? now : sentAt;
        Instant until = from.plus(config.leaseTtl());
        if (!until.isAfter(now)) {
            Log.warnf("heartbeat of %s read %d ms after it was sent, more than a lease: it renews nothing (the bus or"
                    + " this service lags, or the worker's clock is behind)", workerId,
                    java.time.Duration.between(from, now).toMillis());
            return Uni.createFrom().voidItem();
        }
        Multi<Integer> renewed = Multi.createFrom().iterable(running)
                .onItem().transformToUniAndConcatenate(ref -> steps.extendLease(ref.stepId(), ref.attempt(), until));
        Multi<Integer> held = Multi.createFrom().iterable(waiting)
                .onItem().transformToUniAndConcatenate(ref -> steps.holdWaiting(ref.stepId(), ref.attempt(), until,
                        workerId));
        Multi<Integer> pending = Multi.createFrom().iterable(handedOver)
                .onItem().transformToUniAndConcatenate(ref -> steps.holdPending(ref.stepId(), ref.attempt(), until,
                        workerId));
        return Multi.createBy().concatenating().streams(renewed, held, pending).collect().last().replaceWithVoid();
    }

    /** The worker of the current attempt stopped renewing its lease: dispatch again, or give up. */
    public Uni<Void> expireLease(String stepId) {
        return steps.lock(stepId).chain(step -> {
            Instant now = Instant.now();
            if (step == null || !step.isOnWorker() || step.leaseExpiresAt == null || step.leaseExpiresAt.isAfter(now)) {
                return Uni.createFrom().voidItem();
            }
            Log.warnf("step %s: lease of attempt %d expired: worker lost", stepId, step.attempt);
            metrics.leaseExpired(step);
            return timeline.record(stepId, step.attempt, "lease-expired", Ids.newEventId(),
                            "lease expired: worker lost", null, now, false)
                    .chain(() -> step.hasAttemptsLeft()
                            ? transitions.dispatch(step, transitions.agentOf(step).orElseThrow())
                            : transitions.failByService(step, FailureCode.WORKER_LOST, "the worker of attempt "
                            + step.attempt + " was lost and no attempts are left"));
        });
    }

    /** A step waiting for its retry time: resolve it again. */
    public Uni<Void> retryDue(String stepId) {
        return steps.lock(stepId).chain(step -> {
            if (step == null || step.state != StepState.RECEIVED || step.nextAttemptAt == null
                    || step.nextAttemptAt.isAfter(Instant.now())) {
                return Uni.createFrom().voidItem();
            }
            return transitions.resolve(step);
        });
    }

    /**
     * Cancels a step: at once when it is not on a worker, else by a command to the worker. Fails with
     * {@link StepNotFoundException} or {@link StepAlreadyFinishedException} when there is nothing to cancel.
     */
    public Uni<Step> cancel(String stepId) {
        return steps.lock(stepId).chain(step -> {
            if (step == null) {
                return Uni.createFrom().failure(new StepNotFoundException(stepId));
            }
            boolean blocked = step.state.awaitsFeedback();
            if (step.state.isTerminal() && !blocked) {
                return Uni.createFrom().failure(new StepAlreadyFinishedException(stepId, step.state));
            }
            Instant now = Instant.now();
            // Nothing runs when the step waits for an answer, for its dependencies or for dispatch, or when no
            // worker has claimed its attempt (the job is queued or waiting for a slot, and is refused at its
            // claim): it ends here and now, an open question with it.
            String endsNow = blocked ? "cancelled while waiting for an answer"
                    : step.state == StepState.WAITING ? "cancelled while waiting for its dependencies"
                    : step.state == StepState.RECEIVED ? "cancelled before dispatch"
                    : step.state == StepState.DISPATCHED && step.claimedBy == null
                    ? "cancelled before a worker claimed attempt " + step.attempt : null;
            if (endsNow != null) {
                transitions.finish(step, StepState.CANCELLED, FailureCode.CANCELLED, endsNow);
                Uni<Void> questionClosed = blocked ? clarifications.closeOpen(stepId) : Uni.createFrom().voidItem();
                return questionClosed.chain(() -> timeline.record(stepId, step.attempt, "cancelled", Ids.newEventId(),
                        endsNow, null, now, false)).replaceWith(step);
            }
            StepCommand command = new StepCommand(Ids.newEventId(), now, stepId, step.attempt,
                    StepCommand.Action.CANCEL, "cancel requested through the API");
            return outbox.add(Topics.STEP_COMMANDS, stepId, command)
                    .chain(() -> timeline.record(stepId, step.attempt, "cancel-requested", command.eventId(),
                            "cancel of attempt " + step.attempt + " requested", Json.write(command), now, false))
                    .replaceWith(step);
        });
    }

    /**
     * Orders the workers to remove the per-step workspace of a finished step. Fails with
     * {@link StepNotFoundException}, or 409 while the step may still run in it (an answer or a new request
     * resumes a step that awaits one).
     */
    public Uni<Step> removeWorkspace(String stepId) {
        return steps.lock(stepId).chain(step -> {
            if (step == null) {
                return Uni.createFrom().failure(new StepNotFoundException(stepId));
            }
            if (!step.state.isTerminal() || step.state.awaitsFeedback()) {
                return Uni.createFrom().failure(new ProblemException(409, "Step not finished", "step " + stepId
                        + " is " + step.state + "; its workspace can be removed once it is finished (cancel it"
                        + " first with `./dg step cancel " + stepId + "`)"));
            }
            Instant now = Instant.now();
            StepCommand command = new StepCommand(Ids.newEventId(), now, stepId, 0,
                    StepCommand.Action.REMOVE_WORKSPACE, "workspace removal requested through the API");
            return outbox.add(Topics.STEP_COMMANDS, stepId, command)
                    .chain(() -> timeline.record(stepId, step.attempt, "workspace-removal-requested",
                            command.eventId(), "removal of the step's workspace requested", Json.write(command),
                            now, false))
                    .replaceWith(step);
        });
    }
}
