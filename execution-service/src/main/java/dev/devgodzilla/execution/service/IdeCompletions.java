package dev.devgodzilla.execution.service;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.FeedbackAction;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.StepBlocked;
import dev.devgodzilla.contracts.messages.StepCommand;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepFailed;
import dev.devgodzilla.contracts.messages.StepState;
import dev.devgodzilla.execution.domain.Step;
import dev.devgodzilla.execution.repository.OutboxRepository;
import dev.devgodzilla.execution.repository.StepRepository;
import dev.devgodzilla.execution.repository.TimelineRepository;
import dev.devgodzilla.support.rest.Problem;
import dev.devgodzilla.support.rest.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Completes a step pending in an IDE, as told through the API. While the worker holding the hand-off is heard
 * (its heartbeats renew the pending step's lease), the completion goes to it on {@code step-commands}, and it
 * reports the attempt with the workspace's changes as if the result file had appeared. When no worker is heard
 * holding it, this service records the end itself, on {@code step-events}, without artifacts.
 */
@ApplicationScoped
public class IdeCompletions {
    /** What became of a completion: routed to {@code holder}, or recorded here when it is null. */
    public record Completion(Step step, String outcome, String holder) {
    }

    private static final List<String> OUTCOMES = List.of("done", "blocked", "failed");

    private final StepRepository steps;
    private final OutboxRepository outbox;
    private final TimelineRepository timeline;

    public IdeCompletions(StepRepository steps, OutboxRepository outbox, TimelineRepository timeline) {
        this.steps = steps;
        this.outbox = outbox;
        this.timeline = timeline;
    }

    /**
     * @throws ProblemException 400 for an unknown status, 409 when the step is not pending in an IDE
     */
    public Uni<Completion> complete(String stepId, String status, String summary, String question) {
        String outcome = status == null ? null : status.strip().toLowerCase(Locale.ROOT);
        if (!OUTCOMES.contains(outcome)) {
            throw new ProblemException(400, "Invalid completion", "status must be one of " + OUTCOMES,
                    List.of(new Problem.FieldError("status", "must be one of " + OUTCOMES + ", got '" + status + "'")));
        }
        return steps.lock(stepId).chain(step -> {
            if (step == null) {
                return Uni.createFrom().failure(new StepNotFoundException(stepId));
            }
            if (step.state != StepState.PENDING) {
                return Uni.createFrom().failure(new ProblemException(409, "Step not pending", "step " + stepId
                        + " is " + step.state + "; only a step pending in an IDE can be completed"));
            }
            Instant now = Instant.now();
            boolean held = step.claimedBy != null && step.leaseExpiresAt != null && step.leaseExpiresAt.isAfter(now);
            return held ? route(step, outcome, summary, question, now) : record(step, outcome, summary, question, now);
        });
    }

    private Uni<Completion> route(Step step, String outcome, String summary, String question, Instant now) {
        StepCommand command = new StepCommand(Ids.newEventId(), now, step.stepId, step.attempt,
                StepCommand.Action.COMPLETE_IDE_STEP, "completed through the API", outcome, summary, question);
        Log.infof("step %s: completion (%s) routed to worker %s", step.stepId, outcome, step.claimedBy);
        return outbox.add(Topics.STEP_COMMANDS, step.stepId, command)
                .chain(() -> timeline.record(step.stepId, step.attempt, "completion-routed", command.eventId(),
                        "completed " + outcome + " through the API; routed to worker " + step.claimedBy
                                + ", which holds the hand-off", Json.write(command), now, false))
                .replaceWith(new Completion(step, outcome, step.claimedBy));
    }

    /** No worker holds the hand-off: the attempt's end is this service's to say; it comes back on step-events. */
    private Uni<Completion> record(Step step, String outcome, String summary, String question, Instant now) {
        String source = StepTransitions.SOURCE;
        String said = summary == null || summary.isBlank() ? null : summary.strip();
        StepEvent event = switch (outcome) {
            case "done" -> new StepCompleted(StepEvent.SCHEMA_VERSION, Ids.newEventId(), now, step.stepId,
                    step.attempt, step.agentId, source, 0, 0, said, said, null, null, null, null, null, null);
            case "blocked" -> new StepBlocked(StepEvent.SCHEMA_VERSION, Ids.newEventId(), now, step.stepId,
                    step.attempt, step.agentId, source, question != null && !question.isBlank() ? question.strip()
                    : said != null ? said : "the IDE agent reported the step as blocked without saying why",
                    said == null ? "" : said, FeedbackAction.CLARIFY, 0, said, null, null, said, null, null);
            default -> new StepFailed(StepEvent.SCHEMA_VERSION, Ids.newEventId(), now, step.stepId, step.attempt,
                    step.agentId, source, FailureCode.NON_ZERO_EXIT, "IDE agent " + step.agentId
                    + " reported the step as failed" + (said == null ? "" : ": " + said), null, 0, said, null, null);
        };
        Log.infof("step %s: completion (%s) recorded by this service, no worker holds the hand-off", step.stepId,
                outcome);
        return outbox.add(Topics.STEP_EVENTS, step.stepId, event)
                .chain(() -> timeline.record(step.stepId, step.attempt, "completion-recorded", Ids.newEventId(),
                        "completed " + outcome + " through the API; no worker is heard holding the hand-off, so"
                                + " execution-service records it (without the workspace's changes)", null, now,
                        false))
                .replaceWith(new Completion(step, outcome, null));
    }
}
