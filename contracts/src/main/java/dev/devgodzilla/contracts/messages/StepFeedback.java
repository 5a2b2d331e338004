package dev.devgodzilla.contracts.messages;

import java.time.Instant;

/**
 * A blocked step that its planner must change, on {@code step-feedback} (key {@code stepId}): its agent found
 * that the step must be specified again ({@link FeedbackAction#RE_SPECIFY}) or the plan around it changed
 * ({@link FeedbackAction#RE_PLAN}). The step waits, with its clarification open, until it is answered or
 * cancelled.
 *
 * @param clarificationId the open clarification an answer closes
 * @param reason          what the agent said, the question or the problem with the step
 */
public record StepFeedback(
        Integer schemaVersion,
        String eventId,
        Instant occurredAt,
        String stepId,
        String planId,
        String projectId,
        int attempt,
        String agentId,
        FeedbackAction action,
        String reason,
        String context,
        String clarificationId) {

    public static final int SCHEMA_VERSION = 1;
}
