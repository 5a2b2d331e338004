package dev.devgodzilla.contracts.messages;

/**
 * Where a step is in its lifecycle; owned by execution-service. {@code WAITING}: for the steps it depends on to
 * pass QA.
 */
public enum StepState {
    RECEIVED, WAITING, DISPATCHED, RUNNING, COMPLETED, FAILED, BLOCKED, PENDING, TIMED_OUT, CANCELLED, QA_PASSED, QA_FAILED;

    /** True once no worker will run the step again without a new request or an answer. */
    public boolean isTerminal() {
        return switch (this) {
            case COMPLETED, FAILED, BLOCKED, TIMED_OUT, CANCELLED, QA_PASSED, QA_FAILED -> true;
            default -> false;
        };
    }
}
