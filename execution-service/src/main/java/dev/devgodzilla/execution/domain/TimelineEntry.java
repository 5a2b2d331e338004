package dev.devgodzilla.execution.domain;


import java.time.Instant;

/** One entry of a step's timeline: an event from the bus or a transition the service made itself. */
public class TimelineEntry {
    public Long id;
    public String stepId;

    public int attempt;

    /** started, completed, failed, blocked, pending, qa, or a service transition like dispatched. */
    public String kind;

    /** Unique: a redelivered event is recorded once. */
    public String eventId;

    public String summary;

    /** The event's JSON, when it came from the bus. */
    public String payload;

    /** True when fencing kept the event from changing the step. */
    public boolean ignored;
    public Instant occurredAt;
    public Instant recordedAt;
}
