package dev.devgodzilla.execution.domain;

import java.time.Instant;


import dev.devgodzilla.contracts.messages.FeedbackAction;

/** A question a blocked step's agent asked, with what it needs (the detector's suggestion) and its answer. */
public class Clarification {
    /** Where a clarification is. */
    public enum State {
        /** Asked, not answered: its step is not dispatched. */
        OPEN,
        /** Answered: its step ran again with the answer. */
        ANSWERED,
        /** Its step was cancelled or requested anew before an answer came. */
        CLOSED
    }
    public String id;
    public String stepId;

    /** The attempt that asked. */
    public int attempt;
    public String agentId;

    public String question;

    public String context;
    public FeedbackAction suggestedAction;

    /** The agent's own session, resumed by the attempt that carries the answer. */
    public String sessionId;
    public State state;

    public String answer;
    public String answeredBy;
    public Instant createdAt;
    public Instant answeredAt;
}
