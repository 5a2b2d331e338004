package dev.devgodzilla.contracts.messages;

/**
 * Where a step is in its lifecycle; owned by execution-service. {@code WAITING}: for the steps it depends on to
 * pass QA. {@code BLOCKED}: for an answer to the agent's question. {@code AWAITING_RESPECIFY} and
 * {@code AWAITING_REPLAN}: the agent found the step (or the plan around it) needs changing; the step waits for a
 * new request for it from its planner, or for an answer.
 */
public enum StepState {
    RECEIVED, WAITING, DISPATCHED, RUNNING, COMPLETED, FAILED, BLOCKED, AWAITING_RESPECIFY, AWAITING_REPLAN, PENDING,
    TIMED_OUT, CANCELLED, QA_PASSED, QA_FAILED;

    /** True once no worker will run the step again without a new request or an answer. */
    public boolean isTerminal() {
        return switch (this) {
            case COMPLETED, FAILED, BLOCKED, AWAITING_RESPECIFY, AWAITING_REPLAN, TIMED_OUT, CANCELLED, QA_PASSED,
                 QA_FAILED -> true;
            default -> false;
        };
    }

    /** True while the step waits on its agent's question: an answer, a cancel or (see below) a new request. */
    public boolean awaitsFeedback() {
        return this == BLOCKED || awaitsNewRequest();
    }

    /** True when a new request for the step, with a different body, replaces its specification. */
    public boolean awaitsNewRequest() {
        return this == AWAITING_RESPECIFY || this == AWAITING_REPLAN;
    }
}
