package dev.devgodzilla.contracts.messages;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;

/**
 * A lifecycle event of one attempt of a step, on {@code step-events}, keyed by {@code stepId}.
 * The JSON carries its kind in {@code type}: started, completed, failed, blocked, pending or picked-up.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = StepStarted.class, name = "started"),
        @JsonSubTypes.Type(value = StepCompleted.class, name = "completed"),
        @JsonSubTypes.Type(value = StepFailed.class, name = "failed"),
        @JsonSubTypes.Type(value = StepBlocked.class, name = "blocked"),
        @JsonSubTypes.Type(value = StepPending.class, name = "pending"),
        @JsonSubTypes.Type(value = StepPickedUp.class, name = "picked-up")
})
public sealed interface StepEvent permits StepStarted, StepCompleted, StepFailed, StepBlocked, StepPending,
        StepPickedUp {
    int SCHEMA_VERSION = 1;

    Integer schemaVersion();

    String eventId();

    Instant occurredAt();

    String stepId();

    /** The attempt the event belongs to; 0 for events execution-service raises before dispatch. */
    int attempt();

    String agentId();

    /** The worker that ran the attempt, or the service that raised the event. */
    String source();

    @JsonIgnore
    StepEventType type();
}
