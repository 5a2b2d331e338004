package dev.devgodzilla.execution.service;

import dev.devgodzilla.contracts.messages.StepState;

/** An operation that needs a step still in progress found it in a terminal state. */
public class StepAlreadyFinishedException extends RuntimeException {
    private final String stepId;
    private final StepState state;

    public StepAlreadyFinishedException(String stepId, StepState state) {
        super("step " + stepId + " is already " + state);
        this.stepId = stepId;
        this.state = state;
    }

    public String stepId() {
        return stepId;
    }

    public StepState state() {
        return state;
    }
}
