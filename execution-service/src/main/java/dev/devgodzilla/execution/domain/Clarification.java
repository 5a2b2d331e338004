package dev.devgodzilla.execution.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.devgodzilla.contracts.messages.FeedbackAction;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A question a blocked step's agent asked, with what it needs (the detector's suggestion) and its answer. */
@Entity
@Table(name = "clarifications")
public class Clarification extends PanacheEntityBase {
    /** Where a clarification is. */
    public enum State {
        /** Asked, not answered: its step is not dispatched. */
        OPEN,
        /** Answered: its step ran again with the answer. */
        ANSWERED,
        /** Its step was cancelled or requested anew before an answer came. */
        CLOSED
    }

    @Id
    public String id;

    @Column(name = "step_id")
    public String stepId;

    /** The attempt that asked. */
    public int attempt;

    @Column(name = "agent_id")
    public String agentId;

    public String question;

    public String context;

    @Enumerated(EnumType.STRING)
    @Column(name = "suggested_action")
    public FeedbackAction suggestedAction;

    /** The agent's own session, resumed by the attempt that carries the answer. */
    @Column(name = "session_id")
    public String sessionId;

    @Enumerated(EnumType.STRING)
    public State state;

    public String answer;

    @Column(name = "answered_by")
    public String answeredBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "answered_at")
    public Instant answeredAt;
}
