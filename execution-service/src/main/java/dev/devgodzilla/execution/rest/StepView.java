package dev.devgodzilla.execution.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.QaVerdict;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepState;
import dev.devgodzilla.execution.domain.AttemptUsage;
import dev.devgodzilla.execution.domain.Step;
import dev.devgodzilla.execution.domain.TimelineEntry;

import java.time.Instant;
import java.util.List;

/**
 * A step as the REST API shows it; {@code events} is the timeline, left out of lists. {@code claimedBy} is the
 * worker process that runs its current attempt; {@code waitingOn} the worker whose slot its job waits for;
 * {@code usage} what the agent of the latest attempt that ran to its end said, with its tokens and cost.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepView(
        String stepId,
        StepState state,
        String agentId,
        String model,
        int attempt,
        int maxAttempts,
        FailureCode failureCode,
        String reason,
        QaVerdict qaVerdict,
        Instant createdAt,
        Instant updatedAt,
        String claimedBy,
        String waitingOn,
        AttemptUsage usage,
        StepRequest request,
        List<Event> events) {

    /** One timeline entry. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(String kind, int attempt, String eventId, Instant occurredAt, Instant recordedAt,
                        String summary, boolean ignored) {
        static Event of(TimelineEntry e) {
            return new Event(e.kind, e.attempt, e.eventId, e.occurredAt, e.recordedAt, e.summary, e.ignored);
        }
    }

    public static StepView of(Step step, List<TimelineEntry> timeline) {
        return new StepView(step.stepId, step.state, step.agentId, step.model, step.attempt, step.maxAttempts,
                step.failureCode, step.reason, step.qaVerdict, step.createdAt, step.updatedAt, step.claimedBy,
                step.waitingOn, step.usage == null ? null : Json.read(step.usage, AttemptUsage.class), Json.read(step.request, StepRequest.class),
                timeline == null ? null : timeline.stream().map(Event::of).toList());
    }
}
