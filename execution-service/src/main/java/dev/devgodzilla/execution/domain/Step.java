package dev.devgodzilla.execution.domain;

import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.QaVerdict;
import dev.devgodzilla.contracts.messages.StepState;
import dev.devgodzilla.contracts.messages.TokenUsage;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A step and where it is in its lifecycle. A step waiting to be (re)dispatched is {@code RECEIVED}
 * with {@code nextAttemptAt} set; {@code attempt} counts dispatches and fences stale events.
 */
public class Step {
    /** The states in which a step has an attempt out on a worker, so its lease matters. */
    public static final Set<StepState> ON_WORKER = Collections.unmodifiableSet(
            EnumSet.of(StepState.DISPATCHED, StepState.RUNNING));
    public String stepId;

    /** The request as received, JSON. */
    public String request;
    public String requestHash;
    public String agentId;

    public String model;
    public StepState state;

    public int attempt;
    public int maxAttempts;

    /** How often the agent was found unavailable before the first dispatch. */
    public int availabilityChecks;
    public Instant leaseExpiresAt;
    public Instant nextAttemptAt;
    public FailureCode failureCode;

    public String reason;
    public QaVerdict qaVerdict;

    /** The worker process ({@code workerId#instance}) that claimed the current attempt, or null. */
    public String claimedBy;

    /** The worker whose slot the current attempt's job waits for, before any claim. */
    public String waitingOn;

    /** A QA result of the current attempt that came before its completion was recorded (JSON), or null. */
    public String heldQaResult;

    /** The project of the request, null for none: its configuration of the agent applies to the step. */
    public String projectId;

    /** The agent session the next attempts resume (from an answered clarification), or null. */
    public String resumeSessionId;

    /** The prompt every attempt gets, rendered from the step's prompt template when it was received. */
    public String prompt;

    /** The {@link AttemptUsage} of the latest attempt that reached its agent's end, as JSON. */
    public String usage;

    /** Tokens (input and output) every attempt so far reported, held against the step's budget. */
    public long spentTokens;

    /** The cost every attempt so far reported, in US dollars. */
    public double spentCostUsd;

    /** The time the step's attempts ran, summed. */
    public long spentMs;
    public Instant createdAt;
    public Instant updatedAt;
    public long version;

    /** Whether an attempt is out on a worker, so its lease matters. */
    public boolean isOnWorker() {
        return onWorker(state);
    }

    /** Whether a step in {@code state} has an attempt out on a worker. */
    public static boolean onWorker(StepState state) {
        return ON_WORKER.contains(state);
    }

    /** Adds what one attempt spent: {@code usage} as its agent reported it (null: none), over {@code millis}. */
    public void spend(TokenUsage usage, long millis) {
        Spent spent = Spent.of(usage, millis);
        spentTokens += spent.tokens();
        spentCostUsd += spent.costUsd();
        spentMs += spent.millis();
    }

    public boolean hasAttemptsLeft() {
        return attempt < maxAttempts;
    }
}
