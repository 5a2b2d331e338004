package dev.devgodzilla.contracts.messages;

/** Why a step failed; {@link #retriable()} tells the retry manager whether another attempt may help. */
public enum FailureCode {
    AGENT_NOT_FOUND(false),
    AGENT_UNAVAILABLE(true),
    INVALID_REQUEST(false),
    POLICY_REJECTED(false),
    NON_ZERO_EXIT(false),
    TIMED_OUT(false),
    IDLE_TIMEOUT(false),
    OUTPUT_LIMIT(false),
    /** The step (or its project) spent its budget of tokens, cost or time; another attempt would spend more. */
    BUDGET_EXCEEDED(false),
    CANCELLED(false),
    /** A step it depends on failed, was cancelled, or never arrived. */
    DEPENDENCY_FAILED(false),
    WORKER_LOST(true),
    RATE_LIMITED(true),
    TRANSIENT(true),
    INTERNAL(false);

    private final boolean retriable;

    FailureCode(boolean retriable) {
        this.retriable = retriable;
    }

    public boolean retriable() {
        return retriable;
    }
}
