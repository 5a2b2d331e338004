package dev.devgodzilla.execution.domain;

import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.QaVerdict;
import dev.devgodzilla.contracts.messages.StepState;
import dev.devgodzilla.contracts.messages.TokenUsage;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A step and where it is in its lifecycle. A step waiting to be (re)dispatched is {@code RECEIVED}
 * with {@code nextAttemptAt} set; {@code attempt} counts dispatches and fences stale events.
 */
@Entity
@Table(name = "steps")
public class Step {
    /** The states in which a step has an attempt out on a worker, so its lease matters. */
    public static final Set<StepState> ON_WORKER = Collections.unmodifiableSet(
            EnumSet.of(StepState.DISPATCHED, StepState.RUNNING));

    @Id
    @Column(name = "step_id")
    public String stepId;

    /** The request as received, JSON. */
    public String request;

    @Column(name = "request_hash")
    public String requestHash;

    @Column(name = "agent_id")
    public String agentId;

    public String model;

    @Enumerated(EnumType.STRING)
    public StepState state;

    public int attempt;

    @Column(name = "max_attempts")
    public int maxAttempts;

    /** How often the agent was found unavailable before the first dispatch. */
    @Column(name = "availability_checks")
    public int availabilityChecks;

    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "failure_code")
    public FailureCode failureCode;

    public String reason;

    @Enumerated(EnumType.STRING)
    @Column(name = "qa_verdict")
    public QaVerdict qaVerdict;

    /** The worker process ({@code workerId#instance}) that claimed the current attempt, or null. */
    @Column(name = "claimed_by")
    public String claimedBy;

    /** The worker whose slot the current attempt's job waits for, before any claim. */
    @Column(name = "waiting_on")
    public String waitingOn;

    /** A QA result of the current attempt that came before its completion was recorded (JSON), or null. */
    @Column(name = "held_qa_result")
    public String heldQaResult;

    /** The project of the request, null for none: its configuration of the agent applies to the step. */
    @Column(name = "project_id")
    public String projectId;

    /** The agent session the next attempts resume (from an answered clarification), or null. */
    @Column(name = "resume_session_id")
    public String resumeSessionId;

    /** The prompt every attempt gets, rendered from the step's prompt template when it was received. */
    public String prompt;

    /** The {@link AttemptUsage} of the latest attempt that reached its agent's end, as JSON. */
    public String usage;

    /** Tokens (input and output) every attempt so far reported, held against the step's budget. */
    @Column(name = "spent_tokens")
    public long spentTokens;

    /** The cost every attempt so far reported, in US dollars. */
    @Column(name = "spent_cost_usd")
    public double spentCostUsd;

    /** The time the step's attempts ran, summed. */
    @Column(name = "spent_ms")
    public long spentMs;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
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
        if (usage != null) {
            spentTokens += usage.inputTokens() + usage.outputTokens();
            spentCostUsd += usage.costUsd() == null ? 0 : usage.costUsd();
        }
        spentMs += Math.max(0, millis);
    }

    public boolean hasAttemptsLeft() {
        return attempt < maxAttempts;
    }
}
