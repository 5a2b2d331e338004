package dev.devgodzilla.execution.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One entry of a step's timeline: an event from the bus or a transition the service made itself. */
@Entity
@Table(name = "step_events")
public class TimelineEntry {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "step_id")
    public String stepId;

    public int attempt;

    /** started, completed, failed, blocked, pending, qa, or a service transition like dispatched. */
    public String kind;

    /** Unique: a redelivered event is recorded once. */
    @Column(name = "event_id")
    public String eventId;

    public String summary;

    /** The event's JSON, when it came from the bus. */
    public String payload;

    /** True when fencing kept the event from changing the step. */
    public boolean ignored;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "recorded_at")
    public Instant recordedAt;
}
